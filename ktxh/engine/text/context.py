"""What a document is about: its unit, its period, and which parts are plans.

A report on 2023 gives period "2023"; a 6-month report "2024-H1"; the section that
sets next year's plan makes every figure in it a target for that year.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from .fold import fold

_YEAR = re.compile(r"năm\s(20\d\d)", re.IGNORECASE)
_ORG = re.compile(r"\b(?:huyện|HUYỆN|thị xã|thành phố)\s((?:[A-ZĐÀ-Ỹ][^\s,.;:()]*\s?){1,3})")
_PLAN_HEADING = re.compile(
    r"ke hoach|nhiem vu|phuong huong|muc tieu|giai phap|chi tieu chu yeu nam|phan thu hai"
)
_RESULT_HEADING = re.compile(r"ket qua|tinh hinh|danh gia|thuc trang|phan thu nhat")
# "Phong Thổ, ngày 15 tháng 12 năm 2024". [ \t]*, not \s*: \s* ran across every blank line
# from each line start (100.000 newlines took 64 s); the name stays on its own line.
_PLACE_DATE = re.compile(r"^[ \t]*([A-ZĐ][^\d,\n]{2,30}), ngày", re.MULTILINE)
_HEADING_LINE = re.compile(r"^\s*(?:[IVX]+[.\-]\s|[A-D]\.\s|Phần thứ|PHẦN THỨ|\d\.\s)")


@dataclass
class Section:
    start: int  # offset in the body segment
    is_plan: bool
    year: int | None


@dataclass
class DocContext:
    year: int | None = None
    half: str = ""  # "-H1", "-9M", "-Q1".. for interim reports
    org_unit: str | None = None
    is_plan_document: bool = False
    # an untitled year-end review that also sets next year's tasks ("tổng kết năm 2025, triển khai nhiệm
    # vụ năm 2026"): the year a target with no year of its own is set for
    plan_year: int | None = None
    sections: list[Section] = field(default_factory=list)

    @property
    def period(self) -> str | None:
        return f"{self.year}{self.half}" if self.year else None

    def confirm_period(self, code: str) -> None:
        """The user's period for the whole document: results sections take it, plan sections keep theirs."""
        m = re.match(r"^(20\d\d)(-H1|-9M|-Q[1-4]|-\d\d)?$", code.strip().upper())
        if not m:
            return
        self.year, self.half = int(m.group(1)), m.group(2) or ""
        for s in self.sections:
            if not s.is_plan:
                s.year = self.year

    def section_at(self, offset: int) -> Section | None:
        found = None
        for s in self.sections:
            if s.start <= offset:
                found = s
        return found


def _title_text(text: str) -> str:
    """The header and title: lines before the preamble ("Căn cứ ...") starts."""
    lines = []
    for ln in text.splitlines():
        ln = ln.strip()
        if re.match(r"(Căn cứ|Thực hiện|Phần thứ)", ln) or len(lines) >= 10:
            break
        if ln:
            lines.append(ln)
    return " ".join(lines)


# A title block: a short line that names the kind of document. Texts without one (a press
# summary, an excerpt) take their period from the opening sentences instead.
_TITLE_LINE = re.compile(
    r"^\s*(?:BÁO CÁO|Báo cáo|KẾ HOẠCH|Kế hoạch|NGHỊ QUYẾT|Nghị quyết|TÌNH HÌNH|Tình hình|KẾT QUẢ|Kết quả|"
    r"CHƯƠNG TRÌNH|Chương trình)\b"
)
# Years that are never the report's own period: the comparison, a term, a horizon, a plan.
_NOT_OWN_YEAR = re.compile(
    r"(?:so với|so|cùng kỳ|giai đoạn|nhiệm kỳ|đến|từ|trước|sau|nhiệm vụ|phương hướng|kế hoạch|mục tiêu|"
    r"cuối|(?<!tháng\s)đầu|giá so sánh|giá gốc)\s(?:năm\s)?$",
    re.IGNORECASE,
)
# "quý I/2025" as "tháng 3/2025": the period's own year written after a slash
_OWN_YEAR = re.compile(
    r"(?:năm\s|tháng\s\d{1,2}/|qu[ýí]\s(?:I{1,3}|IV|[1-4])\s?/\s?)(20\d\d)|\b\d{1,2}/\d{1,2}/(20\d\d)\b", re.IGNORECASE
)
# "báo cáo … 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2020": a half-year report names its
# year with the half to come
_SECOND_HALF_TASKS = re.compile(
    r"\b(?:6|sáu)\stháng\sđầu\snăm\b[^.\n]{0,200}?\b(?:6|sáu)\stháng\scuối\snăm\s(20\d\d)", re.IGNORECASE
)
# "Bằng nhiều giải pháp, đến cuối năm 2023, thu nhập … đạt 44,7 triệu đồng": a stock at the year's end
# opening the first figure's clause is that year's result (not a horizon: "đến năm 2030")
_YEAR_END_CUTOFF = re.compile(r"\b(?:đến|tới)\s(?:cuối|hết)\snăm\s(20\d\d)\s?,", re.IGNORECASE)
_AIM_WORDS = re.compile(r"\b(?:phấn\sđấu|mục\stiêu|dự\skiến|định\shướng)\b", re.IGNORECASE)
_SENTENCE_STOP = re.compile(r"\n|\.\s")
_PLAN_WORDS = re.compile(r"\b(?:phấn\sđấu|mục\stiêu|kế\shoạch|dự\skiến|định\shướng|chỉ\stiêu)\b", re.IGNORECASE)
_PRIOR_YEAR = re.compile(
    r"so\s+(?:với\s+)?(?:cùng\s+kỳ\s+|(?P<h1>6\s+tháng\s+đầu\s+)|(?P<m9>9\s+tháng\s+(?:đầu\s+)?))?năm\s+(20\d\d)",
    re.IGNORECASE,
)
_DATE = re.compile(r"ngày\s\d{1,2}\s(?:tháng\s)?\d{1,2}\s(?:năm\s)?20\d\d|\b\d{1,2}/\d{1,2}/20\d\d\b", re.IGNORECASE)
# a figure with a unit (not a date, a year or a term number)
_FIGURE = re.compile(
    r"(?<![\d./])\d+(?:[.,]\d+)*\s?(?:%|ha\b|tấn\b|(?:triệu|tỷ|nghìn)\s(?:đồng|USD)|xã\b|hộ\b|người\b|"
    r"sản phẩm\b|chỉ tiêu\b|tiêu chí\b|công trình\b|doanh nghiệp\b|con\b|lao động\b)",
    re.IGNORECASE,
)
_LISTED_PERIODS = re.compile(r"\b\d{1,2} thang(?:\s?(?:,|va|hay|hoac)\s?\d{1,2} thang)+")
_BRACKET = re.compile(r"\([^()\n]{0,200}\)")
_ARTICLE_DATE = re.compile(r"^\s*date\s(20\d\d)-(\d\d)")
# "Các chỉ tiêu chủ yếu năm 2024 là:", "CÁC CHỈ TIÊU CHỦ YẾU TRONG NHIỆM KỲ 2020-2025": a list of targets.
_TARGET_LIST = re.compile(
    r"chỉ tiêu[^.:;\n]{0,40}chủ yếu[^.:;\n]{0,30}?(?:năm|nhiệm kỳ|giai đoạn)\s(?:20\d\d\s?-\s?)?(20\d\d)",
    re.IGNORECASE,
)
# "Cục Thống kê công bố những chỉ tiêu chủ yếu … năm 2023", "Kết quả thực hiện các chỉ tiêu chủ yếu năm
# 2023:": results of that year are announced, so a list of its "chỉ tiêu chủ yếu" that follows is no plan
_RESULTS_ANNOUNCED = re.compile(
    r"(?:công bố|kết quả|số liệu)[^.:;\n]{0,40}?chỉ tiêu[^.:;\n]{0,80}?năm\s(20\d\d)", re.IGNORECASE
)
# "Trong tổng số 23 chỉ tiêu chủ yếu năm 2025, xã có 14 chỉ tiêu đạt và 08 chỉ tiêu vượt kế hoạch",
# "đạt và vượt 22/27 chỉ tiêu chủ yếu năm 2025": a tally of the targets met is a result, not a list of them
_TALLY_BEFORE = re.compile(r"(?:tổng\s+số|(?:đạt|vượt|hoàn\s+thành)(?:\s+và\s+vượt)?)\s+\d+(?:/\d+)?\s+$", re.IGNORECASE)
_TALLY_AFTER = re.compile(
    r"[^.:;\n]{0,60}?\b\d+(?:/\d+)?\s+chỉ\s+tiêu\s+(?:đạt|vượt|hoàn\s+thành|không\s+đạt)\b", re.IGNORECASE
)
_ANNOUNCED_REACH = 1500  # characters from the announcement to the list it opens
# "nhiệm kỳ 2025-2030, Đảng bộ xã … đề ra 12 chỉ tiêu cụ thể:": the term's targets follow.
_TERM_TARGETS = re.compile(
    r"(?:nhiệm kỳ|giai đoạn)\s20\d\d\s?[-–]\s?(20\d\d)[^.:;\n]{0,120}?(?:đề ra|xác định|đặt ra|thông qua)"
    r"[^.:;\n]{0,40}?chỉ tiêu[^.:;\n]{0,40}:",
    re.IGNORECASE,
)
# "…, năm 2026, phường đã đề ra các chỉ tiêu chủ yếu đó là: …": a later year's targets follow
_YEAR_TARGETS = re.compile(
    r"\bnăm\s(20\d\d)\s?,[^.:;\n]{0,80}?(?:đề ra|xác định|đặt ra|thông qua)[^.:;\n]{0,40}?chỉ tiêu[^.:;\n]{0,40}:",
    re.IGNORECASE,
)


# a preamble citing what the text answers ("Căn cứ …", "Thực hiện Nghị quyết số …"); not a body sentence
# "Thực hiện nhiệm vụ chính trị năm 2026, Đảng ủy xã tiếp tục …"
_PREAMBLE = re.compile(
    r"(?m)^\s*(?:Căn cứ|Thực hiện\s(?:(?:các\s)?(?:Nghị quyết|Quyết định|Công văn|Chỉ thị|Thông báo|Kế hoạch số|văn bản)"
    r"|(?:sự\s)?chỉ đạo))"
)


_NEXT_TASKS = re.compile(
    r"\btriển\skhai\s(?:các\s)?(?:nhiệm\svụ|kế\shoạch|phương\shướng|mục\stiêu)[^.\n\d]{0,40}?năm\s(20\d\d)", re.IGNORECASE
)


def has_title_block(text: str) -> bool:
    """Whether the first lines hold a title ("BÁO CÁO Tình hình ...", "KẾ HOẠCH ...")."""
    return bool(_title_lines(text))


def _title_lines(text: str) -> list[str]:
    lines = [ln.strip() for ln in text.splitlines()[:15] if ln.strip()][:10]
    for i, ln in enumerate(lines):
        if len(ln) >= 200:
            break  # the body has begun: "Tình hình sâu bệnh … ở mức độ nhẹ." below it is a sentence, not a title
        if _TITLE_LINE.match(ln) and not ln.endswith("."):
            return lines[: i + 4]
    return []


def opening_period(text: str) -> tuple[int | None, str]:
    """The period an untitled text reports on, from its opening sentences.

    The first "năm 20XX" that is not a comparison, a term, a horizon or a plan year; else the
    article's own date ("date 2024-07"; a January date reports on the year before)."""
    opening = text[:1500]
    year = None
    dated = _ARTICLE_DATE.match(text)
    # the year of the first figure's sentence ("Năm 2023, huyện hoàn thành 22/23 chỉ tiêu"): a headline
    # or a preamble about next year's tasks comes before it
    # (not a figure of a sentence setting aims: "mục tiêu … của 3 xã miền núi … trong năm 2024")
    first, searched = None, opening
    for fig in _FIGURE.finditer(opening):
        para = opening.rfind("\n", 0, fig.start()) + 1
        sentence = max(para, opening.rfind(". ", 0, fig.start()) + 1)
        end = _SENTENCE_STOP.search(opening, fig.end())
        if not _AIM_WORDS.search(opening, sentence, end.start() if end else len(opening)):
            first = fig
            break
    if first:
        # the figure's sentence, else its paragraph: "Năm 2025, bám sát … . Nhờ đó, tốc độ tăng trưởng đạt 11%"
        for start in (sentence, para):
            if _OWN_YEAR.search(opening, start, first.start()):
                searched = opening[start:] + "\n" + opening[:start]
                break
        cut = _YEAR_END_CUTOFF.search(opening, sentence, first.start())
        if cut and not _PLAN_WORDS.search(opening, sentence, first.end()):
            year = int(cut.group(1))
    if (half_tasks := _SECOND_HALF_TASKS.search(opening)) and year is None:
        year = int(half_tasks.group(1))
    for m in ([] if year else _OWN_YEAR.finditer(searched)):
        before = searched[max(0, m.start() - 20) : m.start()]
        found = int(m.group(1) or m.group(2))
        if dated and found > int(dated.group(1)):
            continue  # an article of December 2023 on "phát triển năm 2024" reports on 2023
        if not _NOT_OWN_YEAR.search(before) and not re.search(r"tháng\s\d{1,2}\s$|ngày\s$", before):
            year = found  # "ngày 24 tháng 4 năm 2024" is a date, not the period
            break
    congress = re.search(r"đại\s?hội", text[:3000], re.IGNORECASE)
    term = re.search(r"nhiệm\s?kỳ\s(20\d\d)\s?[-–]\s?20\d\d", text[:3000], re.IGNORECASE)
    if year is None and congress and term:
        year = int(term.group(1))  # a congress opening a term reports on the term that ends that year
    prior = _PRIOR_YEAR.search(text[:3000]) if year is None else None
    if prior:
        year = int(prior.group(3)) + 1  # "tăng 105 con so với 6 tháng đầu năm 2020": the report is on 2021
    if year is None and dated and not congress:
        # before a council's term ("Kỳ họp thứ 10, khóa III nhiệm kỳ 2021-2026"): the article's date
        year = int(dated.group(1)) - (1 if dated.group(2) == "01" else 0)
    if year is None and term:
        year = int(term.group(1))
    if year is None and dated:
        year = int(dated.group(1)) - (1 if dated.group(2) == "01" else 0)
    # "trong 3 tháng, 6 tháng, 9 tháng đầu năm 2023 đều đứng đầu": a list of periods compared, not the one reported on
    # and "ước 9 tháng tăng 10,55% (6 tháng tăng 11,29%)": a bracket's period is a part of the report's
    folded = _BRACKET.sub(" ", _LISTED_PERIODS.sub(" ", fold(opening[:700])))
    half = ""
    # the period named first: "Chín tháng đầu năm, GRDP tăng 7,02% … cao hơn … so mức tăng nửa đầu năm"
    six = re.search(r"\b(?:6|sau) thang(?! cuoi)\b|nua dau nam", folded)
    nine = re.search(r"\b(?:9|chin) thang\b", folded)
    if six and not (nine and nine.start() < six.start()):
        half = "-H1"
    elif nine:
        half = "-9M"
    # a cut-off at a quarter's end: "ước tính đến ngày 30-9", "tính đến hết tháng 6"
    elif re.search(r"\b(?:den|het)(?: het)?(?: ngay)? 30[-/.]0?9\b|\bden (?:het|cuoi) thang (?:9|chin)\b", folded):
        half = "-9M"
    elif re.search(r"\b(?:den|het)(?: het)?(?: ngay)? 30[-/.]0?6\b|\bden (?:het|cuoi) thang (?:6|sau)\b", folded):
        half = "-H1"
    # "tính đến đầu tháng 7/2019": the half-year just ended ("đầu tháng 10": the nine months)
    elif re.search(r"\bden dau thang (?:7|07)\b", folded):
        half = "-H1"
    elif re.search(r"\bden dau thang 10\b", folded):
        half = "-9M"
    # "họp báo về tình hình kinh tế - xã hội quý III năm 2023": a quarter's report
    elif m := re.search(r"\bquy (i{1,3}|iv)(?: nam |/)20\d\d\b", folded):
        half = "-Q" + str({"i": 1, "ii": 2, "iii": 3, "iv": 4}[m.group(1)])
    if prior and not half:
        half = "-H1" if prior.group("h1") else "-9M" if prior.group("m9") else ""
    return year, half


def _leading_capitalised(words: list[str]) -> list[str]:
    out = []
    for w in words:
        if not w[:1].isupper():
            break
        out.append(w.title() if w.isupper() else w)
    return out


def _uppercase_ratio(line: str) -> float:
    letters = [c for c in line if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def _announced_before(starts: list[int], at: int, year: int | None, list_year: str) -> bool:
    """Whether results of ``list_year`` were announced shortly before ``at`` (``starts`` in order);
    a list about a year after the text's own is a plan whatever came before it."""
    if year is not None and int(list_year) > year:
        return False
    i = bisect_right(starts, at) - 1
    return i >= 0 and at - starts[i] <= _ANNOUNCED_REACH


def build_context(original: str, body: str) -> DocContext:
    ctx = DocContext()
    titled = has_title_block(original) or bool(_PREAMBLE.search(original[:4000]))
    title = _title_text(original) if titled else ""
    # the title line and the lines after it, when there is one: a web page's header before it
    # ("Thứ bảy, ngày 3 tháng 12 năm 2022") is the day the page was read, not the period
    own_title = " ".join(_title_lines(original)[-4:]) or title
    title = _DATE.sub(" ", own_title if _YEAR.search(_DATE.sub(" ", own_title)) else title)
    folded_title = fold(title)
    years = [int(y) for y in _YEAR.findall(title)]
    if years:
        ctx.year = min(years) if "nhiem vu nam" in folded_title else years[0]
    if not titled:
        ctx.year, ctx.half = opening_period(original)
        tasks = _NEXT_TASKS.search(original[:1500])
        if tasks and ctx.year and not ctx.half and int(tasks.group(1)) == ctx.year + 1:
            ctx.plan_year = ctx.year + 1
    elif "6 thang dau nam" in folded_title or re.search(r"\bthang (?:6|06|sau) nam\b", folded_title):
        ctx.half = "-H1"  # a June report ("tháng 6 năm 2018") gives the half-year's figures
    elif "9 thang" in folded_title or re.search(r"\bthang (?:9|09|chin) nam\b", folded_title):
        ctx.half = "-9M"
    elif m := re.search(r"quy (i{1,3}|iv)\b", folded_title):
        ctx.half = "-Q" + str({"i": 1, "ii": 2, "iii": 3, "iv": 4}[m.group(1)])
    preamble = fold(original[:4000])
    ctx.is_plan_document = bool(
        re.search(r"\bke hoach\b", folded_title) or "ban hanh ke hoach" in preamble
    ) and not re.search(r"tinh hinh|ket qua|bao cao", folded_title)
    names = Counter(
        name
        for m in _ORG.finditer(original)
        if (name := " ".join(_leading_capitalised(m.group(1).split())))
    )
    if names:
        ctx.org_unit = names.most_common(1)[0][0]
    elif m := _PLACE_DATE.search(original):
        ctx.org_unit = m.group(1).strip()
    if ctx.is_plan_document and years:
        ctx.year = max(years)
    ctx.sections.append(Section(0, ctx.is_plan_document, ctx.year))
    pos = 0
    body_lines = body.split("\n")
    for i, line in enumerate(body_lines):
        if _HEADING_LINE.match(line) and (_uppercase_ratio(line) > 0.7 or "Phần thứ" in line):
            if "Phần thứ" in line and i + 1 < len(body_lines):
                line = line + " " + body_lines[i + 1]
            folded = fold(line)
            head_years = [int(y) for y in re.findall(r"20\d\d", line)]
            if _PLAN_HEADING.search(folded) and not _RESULT_HEADING.search(folded):
                year = max(head_years) if head_years else ((ctx.year or 0) + 1 if not ctx.is_plan_document else ctx.year)
                if ctx.half and not head_years:
                    year = ctx.year  # "nhiệm vụ 6 tháng cuối năm": same year
                ctx.sections.append(Section(pos, True, year or None))
            elif _RESULT_HEADING.search(folded) or not ctx.is_plan_document:
                ctx.sections.append(Section(pos, False, ctx.year))
        pos += len(line) + 1
    if not titled:
        announced: dict[str, list[int]] = {}
        for r in _RESULTS_ANNOUNCED.finditer(body):
            if not re.search(r"kế hoạch|mục tiêu|phấn đấu", r.group(0), re.IGNORECASE):
                announced.setdefault(r.group(1), []).append(r.start())
        for m in (*_TARGET_LIST.finditer(body), *_TERM_TARGETS.finditer(body), *_YEAR_TARGETS.finditer(body)):
            if m.re is _YEAR_TARGETS and not (ctx.year and int(m.group(1)) > ctx.year):
                continue  # "Năm 2025, xã đã xác định 12 chỉ tiêu:" in a 2025 report: its results may follow
            if m.re is _TARGET_LIST and _announced_before(announced.get(m.group(1), []), m.start(), ctx.year, m.group(1)):
                continue  # "công bố những chỉ tiêu chủ yếu … năm 2023. … Một số chỉ tiêu chủ yếu năm 2023 như sau:"
            if m.re is _TARGET_LIST and (
                _TALLY_BEFORE.search(body, max(0, m.start() - 30), m.start()) or _TALLY_AFTER.match(body, m.end())
            ):
                continue  # "Trong tổng số 23 chỉ tiêu chủ yếu năm 2025, xã có 14 chỉ tiêu đạt …": a result
            # from the start of the sentence that opens the list ("Các chỉ tiêu ... chủ yếu năm 2025 là:")
            # (+1: the sentence splitter starts a sentence at the space after the full stop)
            start = max(body.rfind("\n", 0, m.start()) + 1, body.rfind(". ", 0, m.start()) + 1)
            ctx.sections.append(Section(start, True, int(m.group(1))))
        ctx.sections.sort(key=lambda sec: sec.start)
    return ctx
