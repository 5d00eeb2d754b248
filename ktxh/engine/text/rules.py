"""Small, general phrasing rules used by the fact extractor.

Each rule covers one way Vietnamese reports write numbers that are not facts, or facts
that a plain "number + unit" reading gets wrong. Every rule has a unit test with a
made-up sentence (tests/test_rules.py).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .patterns import is_place_unit

# "Số xã đạt 19 tiêu chí: 04 xã", "Đạt 10 tiêu chí: 16 thôn, bản": the first number names a category.
_LABEL_AFTER = re.compile(r"^\s*:\s*\d")
# "từ 20-30%", "đạt 15 - 18 tiêu chí": a range describes, it is not a measured value.
_RANGE_BEFORE = re.compile(r"\d\s?%?\s?[-–]\s?$")  # also "từ 12,7%-13%"
_RANGE_AFTER = re.compile(r"^\s?[-–]\s?\d")
# "năm 2025", "giai đoạn 2021-2025": years are never values.
_YEAR_BEFORE = re.compile(r"(?:năm|giai đoạn|niên vụ|đến|từ)\s$", re.IGNORECASE)
# "xếp vị trí thứ 2/8 huyện": a rank.
_ORDINAL_BEFORE = re.compile(r"\b(?:thứ|đứng|xếp\shạng)\s$", re.IGNORECASE)  # "đứng 8/13 tỉnh khu vực"
# "đứng thứ 21 so với 63 tỉnh, thành phố": the field a rank is taken in
_RANK_FIELD_BEFORE = re.compile(r"\bthứ\s\d{1,3}\s(?:so\svới|trên|trong(?:\ssố)?|của)\s(?:tổng\ssố\s)?$", re.IGNORECASE)
# "cao hơn 2 lần bình quân chung", "khám thai ít nhất 3 lần": a multiple or a threshold, not a count;
# "tăng trưởng 2 con số": digits (not after "gấp": "gấp 3,16 lần" annotates the figure before)
_MULTIPLE_BEFORE = re.compile(r"\b(?:hơn|ít\snhất|tối\sthiểu|tối\sđa)\s$", re.IGNORECASE)
# "≥95%: hiện có ...": a threshold inside an indicator's name.
_THRESHOLD_BEFORE = re.compile(r"[≥≤]\s?$")
_MONEY_CONTEXT = re.compile(
    r"vốn|kinh phí|tiền|ngân sách|giải ngân|dự toán|doanh thu|thu nhập|giá trị|thiệt hại|"
    r"đầu tư|chi trả|nộp|phạt|\bthu\b|\bchi\b",
    re.IGNORECASE,
)
# "tăng 01 xã đạt tiêu chí so với năm 2022": the comparison may come a few words later.
PRIOR_SOON = re.compile(
    r"^[^,;:()\d]{0,60}?\bso\s(?:với\s)?(?:cùng\skỳ|năm\strước|năm\s20\d\d|kỳ\strước|năm\s\d{4}|20\d\d\b)",
    re.IGNORECASE,
)
# "cao hơn cùng kỳ năm trước 1.493ha", "giảm so với cùng kỳ 33ha": cue and comparison first.
CHANGE_FIRST = re.compile(
    r"(tăng|giảm|cao hơn|thấp hơn|nhiều hơn|ít hơn)\s(?:so\s)?(?:với\s)?(?:cùng\skỳ|năm\strước|"
    r"năm\s20\d\d)(?:\snăm\s(?:trước|20\d\d))?\s(?:(?:khoảng|gần|hơn|trên)\s)?$",
    re.IGNORECASE,
)
# "đạt 84,4%", "(đạt 98,99%)", "rừng đạt 103,79% kế hoạch": the number is a share of something before.
PCT_CUE_END = re.compile(
    r"(?:^|[\s,;(*)])(?:ước\s)?(?:đạt|bằng)\s(?:được\s)?(?:(?:hơn|trên|gần|khoảng)\s)?$", re.IGNORECASE
)  # "đạt trên 98% kế hoạch năm"
# "chiếm 16%", "chiếm tỷ lệ 38,35%": the share of the count stated just before.
RATE_HEAD = re.compile(r"^(?:tỷ lệ|tỷ suất)\b", re.IGNORECASE)


# "đều tăng từ 12,4% đến 13,2%": both ends of a range
_FROM_BEFORE = re.compile(r"\btừ\s$", re.IGNORECASE)
_TO_AFTER = re.compile(r"^\s?(?:%|‰)?\s?(?:đến|tới)\s\d", re.IGNORECASE)
_FROM_TO_BEFORE = re.compile(r"\btừ\s\d[\d.,]*\s?(?:%|‰)?\s(?:đến|tới)\s$", re.IGNORECASE)


# "Trong 6,1% tăng trưởng thì …", "Trong mức tăng trưởng chung 7,2% của cả năm, …": the total, stated
# already, restated to open the sectors' shares of it
_RESTATED_OPENING = re.compile(r"^\W{0,3}trong\s(?:mức\s)?(?:tăng\strưởng\s)?(?:chung\s)?$", re.IGNORECASE)
_RESTATED_AFTER = re.compile(r"^\s?(?:tăng\strưởng\s?)?(?:chung\s?)?(?:của\s[^,;]{0,25})?(?:,|\sthì\b)", re.IGNORECASE)
# "Vào lúc 14 giờ 00 phút", "khai mạc lúc 8 giờ": the clock, not hours counted
_CLOCK_BEFORE = re.compile(r"\blúc\s(?:(?:khoảng|gần)\s)?$", re.IGNORECASE)
_MINUTES_AFTER = re.compile(r"^\s?\d{1,2}\s?(?:phút|')", re.IGNORECASE)


def is_not_a_value(sentence: str, start: int, end: int, value_text: str) -> bool:
    """True for labels, ranges, years, thresholds and "24/24 giờ"."""
    before, after = sentence[max(0, start - 20) : start], sentence[end : end + 12]
    if _LABEL_AFTER.match(after) or _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
        return True
    if (_FROM_BEFORE.search(before) and _TO_AFTER.match(sentence[start:end].lstrip("0123456789.,") + after)) or (
        _FROM_TO_BEFORE.search(sentence[max(0, start - 30) : start])
    ):
        return True
    if _ORDINAL_BEFORE.search(before) or _RANK_FIELD_BEFORE.search(sentence[max(0, start - 30) : start]):
        return True
    quantity = sentence[start:end]
    if (quantity.endswith("lần") and _MULTIPLE_BEFORE.search(before)) or (
        quantity.endswith(" con") and re.match(r"\s?số\b", after)
    ):
        return True
    if _THRESHOLD_BEFORE.search(before) and after.lstrip().startswith(":"):
        return True
    if re.fullmatch(r"(19|20)\d\d", value_text) and _YEAR_BEFORE.search(before):
        return True
    if _RESTATED_OPENING.match(sentence[:start]) and _RESTATED_AFTER.match(sentence[end : end + 60]):
        return True  # "Trong 6,1% tăng trưởng thì …": the total restated to open its breakdown
    if quantity.endswith("giờ") and (_CLOCK_BEFORE.search(before) or _MINUTES_AFTER.match(after)):
        return True  # "vào lúc 14 giờ 00 phút": a time of day
    return sentence[start:end].replace(" ", "").startswith("24/24")


def money_unit(unit: str | None, sentence: str) -> str | None:
    """A bare scale word ("5.939 triệu", "81.743 triệu.") in a money sentence means đồng."""
    if unit in ("triệu", "tỷ", "nghìn") and _MONEY_CONTEXT.search(sentence):
        return f"{unit} đồng"
    return unit


def paren_outer(sentence: str, start: int, before: str) -> bool:
    """True when ``before`` closes a bracket opened before ``start - len(before)``."""
    return before.count(")") > before.count("(")


def share_phrase(before_phrase: str, previous_indicator: str | None) -> str | None:
    """"6.757 hộ nghèo, chiếm tỷ lệ 38,35%": the share is "tỷ lệ" of what was just counted."""
    # only right after the count: "công nghiệp - xây dựng chiếm 37,8%" names its own subject
    # "38/38 trường đạt chuẩn …, đạt tỷ lệ 100%": the share of what was just counted, too
    if previous_indicator and re.fullmatch(r"chiếm(?:\stỷ\slệ)?|đạt\stỷ\slệ", before_phrase.strip()):
        head = previous_indicator.removeprefix("số ").removeprefix("tổng ")
        # "công nghiệp tăng 5,07%, chiếm 32,7% GRDP": the share is the sector's, not its growth's
        head = re.sub(r"\s(?:ước\s)?(?:tăng trưởng|tăng|giảm)$", "", head)
        return head if head.startswith("tỷ lệ") else f"tỷ lệ {head}"
    return None


# "9/10 chỉ tiêu đạt", "nhóm 10 chỉ tiêu chủ yếu": the report counting its own indicators is not
# a fact (docs/extraction.md, "Gold set"); a quota of places or people is ("1.380 chỉ tiêu đào tạo
# nghề", "2.297 chỉ tiêu biên chế", "tuyển dụng 85 chỉ tiêu").
_QUOTA_WORDS = re.compile(r"biên\s?chế|tuyển\s(?:dụng|sinh|chọn|quân)|đào\s?tạo|giao\squân|nghĩa\svụ", re.IGNORECASE)


def is_indicator_count(unit: str | None, sentence: str) -> bool:
    return unit == "chỉ tiêu" and _QUOTA_WORDS.search(sentence) is None and _NTM_CRITERIA.search(sentence) is None


# "đạt được 177 chỉ tiêu xây dựng nông thôn mới": criteria of the new-countryside programme, a fact
_NTM_CRITERIA = re.compile(r"chỉ\stiêu\s(?:về\s)?(?:xây\sdựng\s)?(?:nông\sthôn\smới|NTM)\b", re.IGNORECASE)
# "Dự Đại hội có 155 đại biểu đại diện cho 432 đảng viên": who attended a meeting (docs: meta counts)
# (the congress or session itself; "04 hội nghị với trên 200 đại biểu tham dự" is outreach, a fact)
# ("với sự tham dự của 160 đại biểu chính thức", "Tham dự có … cùng 96/102 đại biểu HĐND phường",
# "215 đảng viên tiêu biểu đại diện cho …": the delegates, however the sentence names them)
_ATTENDANCE = re.compile(
    r"\b(?:tham\s)?dự\s(?:đại\shội|kỳ\shọp)|\bsự\stham\sdự\scủa\b|\btham\sdự\s(?:[^\W\d]+\s){0,3}?có\b"
    r"|\b(?:đại\sbiểu|đảng\sviên)\s(?:(?:chính\sthức|tiêu\sbiểu)\s)?đại\sdiện\b",
    re.IGNORECASE,
)
_ATTENDEES = {"đại biểu", "đảng viên", "người", "khách mời"}
# "… đại biểu đại diện cho 717 đảng viên trong toàn Đảng bộ": the members the delegates stand for are
# the party organisation's size, a fact
_REPRESENTED_BEFORE = re.compile(r"\bđại\sdiện\s(?:cho\s)?(?:(?:gần|hơn|trên|khoảng)\s)?$", re.IGNORECASE)
# "triển khai 3 chương trình mục tiêu quốc gia": the name of the programmes, not a measure
_PROGRAMME_AFTER = re.compile(r"^\s?(?:mục\stiêu\squốc\sgia|MTQG)\b", re.IGNORECASE)


_VOTE = re.compile(r"\b(?:biểu\squyết|tán\sthành|bỏ\sphiếu)\b", re.IGNORECASE)
_PLAN_PARTS_AFTER = re.compile(r"^\s?(?:giải\spháp|nhiệm\svụ)\b", re.IGNORECASE)
# "CPI tăng 2,69% do tác động của 9/11 nhóm hàng": the groups of the price index, which describe it
_PRICE_INDEX = re.compile(r"\bCPI\b|chỉ\ssố\sgiá", re.IGNORECASE)
_GOODS_GROUP_AFTER = re.compile(r"^\s?hàng\b", re.IGNORECASE)


def is_meta_count(unit: str | None, sentence: str, after: str, before: str = "", opening: str = "") -> bool:
    """``opening``: the sentence before this clause, back to its full stop ("Tham dự có …; lãnh đạo
    …, cùng 30/32 đại biểu HĐND xã": the ";" list of who attended)."""
    if unit in _ATTENDEES and (_ATTENDANCE.search(sentence) or _ATTENDANCE.search(opening)):
        return not (unit == "đảng viên" and _REPRESENTED_BEFORE.search(before))
    if unit == "nhóm" and _GOODS_GROUP_AFTER.match(after) and _PRICE_INDEX.search(sentence):
        return True
    if unit == "%" and re.match(r"\s?(?:số\s)?đại\sbiểu\b", after) and _VOTE.search(sentence):
        return True  # "100% đại biểu có mặt biểu quyết thông qua": how the session voted
    if unit == "nhóm" and _PLAN_PARTS_AFTER.match(after):
        return True  # "19 chỉ tiêu, 6 nhiệm vụ trọng tâm và 5 nhóm giải pháp": the plan's own outline
    if unit == "điểm" and re.match(r"\s?cầu\b", after):
        return True  # "tổ chức trực tuyến tại 2 điểm cầu": where a meeting was held
    if unit == "khu vực" and re.search(r"\b(?:tất\s)?cả\s$", before):
        return True  # "GRDP tăng ở tất cả 3 khu vực": the economy's sectors, all of them
    return unit == "chương trình" and _PROGRAMME_AFTER.match(after) is not None


# "thành lập trên cơ sở sáp nhập 3 xã", "sáp nhập 20 tỉnh thành 11 tỉnh", "sau sắp xếp, giảm từ 12 xã
# xuống 5 xã": the units a merger joins record how the unit was organised, not a measure of it
# (docs/extraction.md, "Annotation conventions", 8)
_MERGER = r"\b(?:sáp\snhập|sắp\sxếp|hợp\snhất)\b"
# ("sau khi sáp nhập xã có tổng số 15 xóm": after the merger, the new unit's own villages)
_MERGED_BEFORE = re.compile(r"(?<!sau\s)(?<!sau\skhi\s)(?<!trước\s)(?<!trước\skhi\s)" + _MERGER + r"[^,;:()]{0,60}$", re.IGNORECASE)
_MERGER_ANYWHERE = re.compile(_MERGER, re.IGNORECASE)
_FROM_DOWN = re.compile(r"(?:\btừ|\bxuống(?:\scòn)?|\bcòn)\s$", re.IGNORECASE)


def is_merged_units(unit: str | None, sentence: str, start: int) -> bool:
    if not is_place_unit(unit):
        return False
    before = sentence[max(0, start - 200) : start]
    if _MERGED_BEFORE.search(before):
        return True
    return _FROM_DOWN.search(before[-12:]) is not None and _MERGER_ANYWHERE.search(before) is not None


# "16 tỷ 434 triệu đồng", "1 tỷ 500 triệu đồng": one amount, read as triệu đồng; "10 nghìn 537 tỷ
# đồng" likewise, read as tỷ đồng.
COMPOUND_MONEY_RE = re.compile(
    r"(?<![\d.,/])(?P<value>\d{1,3}(?:\.\d{3})*)\s?"
    r"(?:(?:tỷ|tỉ)\s(?P<rest>\d{1,3})\s?triệu|(?:nghìn|ngàn)\s(?P<billions>\d{1,3})\s?(?:tỷ|tỉ))\s?đồng(?![^\W\d_])",
    re.IGNORECASE,
)


def compound_value(m: re.Match) -> Decimal:
    return Decimal(m.group("value").replace(".", "")) * 1000 + Decimal(m.group("rest") or m.group("billions"))


def compound_unit(m: re.Match) -> str:
    return "tỷ đồng" if m.group("billions") else "triệu đồng"


# Periods longer than a year (docs/extraction.md, "Fact fields"):
# "Từ năm 2020 đến nay, tổng vốn …" (the paragraph from there on) -> "2020-<report year>";
_SINCE = re.compile(r"\btừ\s(?:đầu\s)?năm\s(20\d\d)\s(?:đến\snay|tới\snay)", re.IGNORECASE)
# "bình quân hằng năm", "hàng năm có 95% …" -> the term named nearby, else "5 năm qua";
_YEARLY = re.compile(r"\b(?:bình\squân\s)?(?:hằng|hàng|mỗi)\snăm\b", re.IGNORECASE)
_TERM = re.compile(r"(?<!so với )\b(?:giai\sđoạn|nhiệm\skỳ|thời\skỳ)\s(20\d\d)\s?[-–]\s?(20\d\d)", re.IGNORECASE)
# "Nhiệm kỳ 2020-2025, xã … đào tạo nghề cho 932 người": a paragraph looking back over a term
# (at the start of a sentence: the normalizer joins a paragraph to the line before it)
# or at a capital letter: "… (Ảnh: V. T.) Nhiệm kỳ 2020-2025, xã …" lost its full stop in the join)
_TERM_OPENING = re.compile(
    r"(?:(?:^|[.;]\s)\W{0,3}(?i:trong\s)?(?i:cả\s)?(?i:nhiệm)|\b(?:Trong\snhiệm|Nhiệm))"
    r"\skỳ\s(20\d\d)\s?[-–]\s?(20\d\d)\s?,"
)


def term_years(m: re.Match) -> tuple[int, int]:
    """The years a term's figures cover. A term of five years ("nhiệm kỳ 2020-2025" of a
    party congress, "2021-2026" of a council) is reported on as the five-year plan it
    overlaps, and those plans run 2016-2020, 2021-2025, 2026-2030; "giai đoạn" is literal."""
    a, b = int(m.group(1)), int(m.group(2))
    if b - a == 5 and "nhiệm" in m.group(0).lower():
        return (a + 1, b) if a % 5 == 0 else (a, b - 1)
    return a, b


def _span(m: re.Match) -> str:
    a, b = term_years(m)
    return f"{a}-{b}"
_YEARS_PAST = re.compile(r"\b(\d{1,2}|năm|mười)\snăm\s(?:qua|vừa\squa)\b", re.IGNORECASE)
_WORD_YEARS = {"năm": 5, "mười": 10}


def span_period(
    paragraph_before: str, clause_before: str, year: int, target: bool, rate: bool = False, rate_per_year: bool = False
) -> str | None:
    """A multi-year period for a figure, or None to keep the year's.

    ``paragraph_before`` is the paragraph up to the figure (bounded by the caller),
    ``clause_before`` the sentence up to it; ``year`` the report year."""
    terms = list(_TERM.finditer(clause_before))
    yearly = rate_per_year
    said = _last(_YEARLY.finditer(clause_before))
    # (its parts after "trong đó:" however far: "… hàng năm đạt 16%, trong đó: nông, lâm, thủy sản tăng 6%;
    # công nghiệp - xây dựng tăng 18,4%; dịch vụ tăng 18,2%")
    if said and (said.start() >= len(clause_before) - 120 or re.search(r"trong\sđó\s?:", clause_before[said.end() :], re.IGNORECASE)):
        # "bình quân hằng năm đạt 10%; tỷ lệ … đạt 99,2%": another item of the list, unless its parts
        # ("… hàng năm đạt 16%, trong đó: nông, lâm, thủy sản tăng 6%; dịch vụ tăng 18,2%") or the
        # sentence opens with it ("Hàng năm có 95% đảng viên …; 85% số chi bộ …")
        rest = clause_before[said.end() :]
        opening = len(clause_before[: said.start()].split()) <= 1
        yearly = yearly or opening or ";" not in rest or re.search(r"trong\sđó", rest, re.IGNORECASE) is not None
    if target:
        ahead = [t for t in _TERM.finditer(paragraph_before) if term_years(t)[1] >= year]
        if ahead and (yearly or (terms and len(clause_before) - terms[-1].end() < 25)):
            # "tăng bình quân hằng năm 12%", "vốn đầu tư thời kỳ 2021-2025: 5.000 tỷ đồng": the whole term
            return _span(ahead[-1])
        # "trong nhiệm kỳ 2020-2025, … mục tiêu thu nhập bình quân đạt 51 triệu": the term's end
        return terms[-1].group(2) if terms and int(terms[-1].group(2)) > year else None
    if yearly:
        past = [t for t in _TERM.finditer(paragraph_before) if int(t.group(2)) <= year]
        if past:
            return _span(past[-1])
        if n := _YEARS_PAST.search(paragraph_before):
            count = _WORD_YEARS.get(n.group(1).lower()) or int(n.group(1))
            if 1 < count <= 10:
                return f"{year - count + 1}-{year}"
        return None
    opened = _last(_TERM_OPENING.finditer(paragraph_before))
    if opened and not rate and int(opened.group(2)) <= year:
        return _span(opened)  # counts over the term; a rate stated at its end is the end year's
    since = None
    for since in _SINCE.finditer(paragraph_before):  # noqa: B007 - the last one is wanted
        pass
    if since and int(since.group(1)) < year:
        return f"{since.group(1)}-{year}"
    return None


def _last(matches):
    found = None
    for found in matches:  # noqa: B007 - the last one is wanted
        pass
    return found
