"""The indicator phrase around a number: "tổng sản lượng lương thực có hạt ước đạt 36.595,83 tấn".

The phrase normally ends just before the number. Vietnamese often puts the subject after
the number instead ("có 16/16 xã đã thành lập ...", "100% xã có ..."); then the words
after the unit are used.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

_PHRASE_BOUNDARY = re.compile(r"(?<!\d),|,(?!\d)|[;:()\n]|\bso với\b|\bvà\b|\bvới\b(?!\s+(?:tổng|số))")
_LEADING_JUNK = re.compile(
    r"^(?:[-+•–*]\s*|\(?\d+\)\.?\s*|\(?[ivx]+\)\s*|\d+(?:\.\d+)*\.\s*|trong đó\s*|"
    r"đồng thời\s*|riêng\s*|cụ thể\s*|gồm\s*|bao gồm\s*|tổng số\s(?=\d)|đến nay\s*|"
    r"kết quả\s*|nâng tổng\s*|hiện có\s*|có\s+|sơ bộ\s+|"
    # ", với số tiền 9,6 tỷ đồng", "Với tỷ lệ giải ngân đạt …": the figure's own subject follows "với"
    r"với\s+(?=(?:tổng\s)?số\s|tỷ lệ\s)|"  # "sơ bộ 6 tháng tăng": a preliminary figure
    # "ước thực hiện thu ngân sách …", "ước giá trị giải ngân …": the estimate verb opens the clause
    r"(?:dự\s)?ước(?:\s(?:tính|thực hiện|đạt))?\s+(?!(?:tính|thực|đạt|tăng|giảm)\b)(?=\S{2,}))+",
    re.IGNORECASE,
)
_TRAILING_JUNK = re.compile(
    # ("GRDP … dự đạt trên 9%": "dự đạt" is "dự kiến đạt")
    r"(?:\s+|^)(?:giảm(?:\sxuống)?\scòn|giảm\sxuống|tăng\slên|ước\s(?:tính\s)?(?:đạt|thực hiện(?: được)?)|ước tính|dự ước(?: đạt)?|dự đạt|ước|đạt được|"
    r"đạt|thực hiện được|thực hiện|được|là|có|hiện có|còn|bằng|khoảng|trên|dưới|xuống dưới|"
    r"còn dưới|từ|gần|tối thiểu|ít nhất|tối đa|duy trì|lên|xuống|đến nay|trong năm|"
    r"năm 20\d\d|phấn đấu|dự kiến|với|tổng|đã|cho|tại|hơn|ước chỉ|chỉ)$",
    re.IGNORECASE,
)
_AFTER_NOUN_STOP = re.compile(
    r"[,;:().\n]|\s(?:đạt|tăng|giảm|vượt|bằng|so với|trong đó|với|tại|của|do|để|cho|"
    r"được|là|đã|theo|trên|từ|và|hiện|mỗi)\b",  # "68 triệu đồng mỗi năm": the unit's period, not a noun
    re.IGNORECASE,
)
_TRAILING_RATIO = re.compile(r"\s+\d[\d.,]*/\d[\d.,]*(?:\s+(?:chiếm|đạt|là|bằng))?$", re.IGNORECASE)


# The period, the price base and the article's date are not part of what is measured:
# "tổng sản phẩm (GRDP) 6 tháng đầu năm 2018 (theo giá so sánh 2010) ước đạt", "trong 6 tháng
# đầu năm 2024 đã giải quyết việc làm cho", "theo kế hoạch cuối năm 2020 số xã đạt chuẩn".
_PERIOD_WORDS = re.compile(
    r"^date\s\S+|"
    # a cut-off date: "tổng thu ngân sách nhà nước đến ngày 31/10/2023", "tính đến hết tháng 10/2023"
    r"\b(?:tính\s)?(?:đến|tới)\s(?:hết\s)?(?:ngày\s\d{1,2}/\d{1,2}(?:/20\d\d)?|tháng\s\d{1,2}/20\d\d)|"
    r"\b(?:(?:trong|theo kế hoạch|lũy kế|tính đến(?:\shết)?|đến hết|sau)\s)?"
    # ("trong 9 tháng năm nay": this year)
    r"(?:(?:\d{1,2}|sáu|chín|ba)\stháng(?!\s(?:tuổi|qua))(?:\s(?:đầu|cuối))?(?:\snăm)?(?:\s(?:20\d\d|nay))?|"
    r"(?:(?:(?:đến|tới|vào)\s)?(?:cả|cuối|đầu|nửa đầu|nửa cuối)\s)?(?:(?:đến|tới|vào)\s)?năm\s(?:20\d\d|nay\b))(?:\sđã\b)?|\b(?P<base>theo giá (?:so sánh|hiện hành|thực tế))(?:\snăm)?(?:\s20\d\d)?",
    re.IGNORECASE,
)
_HEAD_NOUN_ANYWHERE = re.compile(
    r"\b(?:tổng|tỷ lệ|giá trị|diện tích|sản lượng|thu nhập|thu ngân sách|chi ngân sách|số)\s", re.IGNORECASE
)
_VERB_ONLY = re.compile(r"\s*(?:ước\s)?(?:đạt|thực hiện|là)?(?:\s(?:được|hơn|trên|gần|khoảng))?\s*", re.IGNORECASE)
# What a fragment after a bracket says when it names no subject: "chỉ số sản xuất công nghiệp (IIP)
# ước tính tăng 15,3%", "(CPI) năm 2023 tăng 2,19%" (the period words are gone by then)
_CUE_ONLY = re.compile(r"(?:(?:ước|dự ước|ước tính|tiếp tục|đều|vẫn)\s)*(?:tăng|giảm|tăng trưởng)(?:\s(?:thêm|khoảng|hơn|gần|trên))?", re.IGNORECASE)
_RATE_AT = re.compile(r"[\d.,]+\s?%")
# "…, trên 95% diện tích lúa chất lượng cao": a rate followed by what it is a share of names its own subject
# (a bare "đạt 61% diện tích," is the share of the clause's own area)
_RATE_OF_NOUN = re.compile(r"[\d.,]+\s?%\s(?:diện tích|số|hộ|xã|thôn|bản|người|dân số|lao động|học sinh|trẻ|trường|gia đình|khu dân cư|tổ dân phố|khu phố|xóm|làng|đảng viên)\s[^\W\d]")
_PRICE_BASE = re.compile(r"theo giá (?:so sánh|hiện hành|thực tế)", re.IGNORECASE)


def _clean_phrase(text: str) -> str:
    phrase = " ".join(_PERIOD_WORDS.sub(" ", text).split()).strip(" -+–")
    for _ in range(4):
        new = _LEADING_JUNK.sub("", phrase).strip()
        new = _TRAILING_JUNK.sub("", new).strip(" -+–,;")  # "…đạt kết quả cao, ước đạt": not the comma
        if new == phrase:
            break
        phrase = new
    phrase = _TRAILING_RATIO.sub("", phrase)
    # "giảm tỷ lệ hộ nghèo từ trên 54% đầu nhiệm kỳ xuống còn 36%": the starting level is another figure
    phrase = re.sub(r"\s+từ\s(?:(?:trên|dưới|gần|khoảng|mức)\s)?\d[\d.,]*\s?%.*$", "", phrase)
    phrase = _without_own_place(phrase)
    phrase = _after_connective(phrase)
    whole = None
    for whole in _WITH_TOTAL.finditer(phrase):  # noqa: B007 - the last one is wanted
        pass
    if whole and re.search(r"\d", phrase[: whole.start()]) and not re.search(r"\d", phrase[whole.end() :]):
        # "có 368 doanh nghiệp thành lập mới với tổng số vốn đăng ký đạt 5.703 tỷ đồng": the count
        # before is another figure; this one is the total said after "với"
        phrase = phrase[whole.end() :]
    phrase = re.sub(r"^(?:\S*\d\S*\s+)+", "", phrase)  # a phrase never starts inside another figure  # "... theo độ tuổi 1.244/7.518 chiếm": drop the ratio
    words = phrase.split()
    return " ".join(words[-20:]).lower()


_PLACE_WORD = re.compile(
    r"\s(?P<of>của\s)?(?:toàn\s)?(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)(?P<names>(?:\s\S+){0,3}?)"
    r"(?:\s(?:hiện|hiện nay|nay))?$",
    re.IGNORECASE,
)


def _without_own_place(phrase: str) -> str:
    """"thu nhập bình quân đầu người của xã Vĩnh Sơn (hiện)", "giá trị sản xuất … huyện Thuận Nam": the
    place is the figure's org unit, not what is measured (a name is capitalised; "của" needs none)."""
    m = _PLACE_WORD.search(phrase)
    if not m or len(phrase[: m.start()].split()) < 2:
        return phrase
    names = m.group("names").split()
    if names and not all(w[:1].isupper() for w in names):
        return phrase
    if re.search(r"\s(?:tại|ở|trên địa bàn)$", phrase[: m.start()], re.IGNORECASE):
        return phrase  # "diện tích sâm tại xã Tả Phìn": the part at that place, not the place's own figure
    if not names and not m.group("of"):
        return phrase  # "tỷ lệ xã": the place is what is counted
    return phrase[: m.start()]


# "… giảm sâu nên tổng thu ngân sách trên địa bàn", "… lãnh đạo thực hiện mục tiêu thu nhập bình quân":
# a consequence or a goal word ends the clause before the subject
_SUBJECT_OPENS = re.compile(
    r"(?:^|\s)(?:nên|do đó|vì vậy|vì thế|mục tiêu|chỉ tiêu)\s(?=(?:tỷ lệ|tỷ suất|số|tổng|mức|tốc độ|giá trị|diện tích|"
    r"sản lượng|thu nhập|thu ngân sách|chi ngân sách|bình quân|kim ngạch)\b)",
    re.IGNORECASE,
)


_WITH_TOTAL = re.compile(r"\svới\s(?=(?:tổng|số)\s)", re.IGNORECASE)


def _after_connective(phrase: str) -> str:
    found = None
    for found in _SUBJECT_OPENS.finditer(phrase):  # noqa: B007 - the last one is wanted
        pass
    return phrase[found.end() :] if found else phrase


_HEAD_NOUN = re.compile(
    r"^\s*(?:tỷ lệ|tỷ suất|số|tổng|mức|tốc độ|giá trị|diện tích|sản lượng|thu nhập|bình quân)\b",
    re.IGNORECASE,
)


# a figure (not "mức độ 2" or "tiêu chí 5" inside an indicator's name)
_FIGURE = re.compile(
    r"\d+(?:[.,]\d+)*\s?(?:%|‰)|\d{1,3}(?:\.\d{3})+|\d+,\d+|\d+\s?/\s?\d+|\d+\s?(?:tỷ|tỉ|triệu)\s"
)  # "16 tỷ 434 triệu đồng" is a figure too: a list chunk holding it is not a list item


# Sector names joined by commas and "và" ("nông, lâm nghiệp và thủy sản", "công nghiệp, xây dựng")
_SECTOR_AFTER = re.compile(r"\s*(?:lâm|ngư|thủy|thuỷ|diêm|xây dựng|dịch vụ|thương mại|du lịch|công nghiệp|tiểu thủ)\b", re.IGNORECASE)
_SECTOR_BEFORE = re.compile(r"\b(?:nông|lâm|ngư|nghiệp|thủy sản|thuỷ sản|xây dựng|dịch vụ|thương mại)\s*$", re.IGNORECASE)


def _phrase_start(region: str, cuts: list[re.Match]) -> int:
    """Start of the phrase: after the last boundary, or back across "thôn, bản" / "và"
    lists when an earlier chunk (within three) opens with an indicator head noun."""
    last = len(cuts)
    while last > 0 and cuts[last - 1].group() in (",", "và") and last > len(cuts) - 4 \
            and _SECTOR_AFTER.match(region, cuts[last - 1].end()) \
            and _SECTOR_BEFORE.search(region, max(0, cuts[last - 1].start() - 40), cuts[last - 1].start()):
        last -= 1  # "Khu vực nông, lâm nghiệp và thủy sản đạt …": one sector's name, not a list
    if last < len(cuts):
        return cuts[last - 1].end() if last > 0 else 0
    start = cuts[-1].end() if cuts else 0
    for k in range(len(cuts) - 1, max(-1, len(cuts) - 6), -1):
        if cuts[k].group() not in (",", "và"):
            break
        chunk_start = cuts[k - 1].end() if k > 0 else 0
        chunk = region[chunk_start : cuts[k].start()]
        if _FIGURE.search(chunk) or len(chunk.split()) > 20:
            break
        if _HEAD_NOUN.match(chunk):
            return chunk_start
    return start


# A phrase keeps its last 20 words: 400 characters before the number are all it reads,
# and list chunks further back are over 20 words long well within 2.000 characters.
PHRASE_CHARS = 400
LOOKBACK_CHARS = 2000


class _Cut:
    """A phrase boundary found once per sentence, shifted into a region's offsets."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str):
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text


@lru_cache(maxsize=8)
def _boundaries(sentence: str) -> tuple[list[int], list[tuple[int, int, str]]]:
    """Every boundary of the sentence, found once: phrase_before runs for each figure of
    the sentence, and scanning the sentence each time made long ones quadratic (14 KB of
    "101,2%" took 4,5 s)."""
    found = [(m.start(), m.end(), m.group()) for m in _PHRASE_BOUNDARY.finditer(sentence)]
    return [f[0] for f in found], found


def _cuts(sentence: str, floor: int, pos: int) -> tuple[int, list[_Cut]]:
    """(start of the region to read, its last boundaries): at most 8 boundaries (the phrase
    looks back over six) and at most LOOKBACK_CHARS, so each figure costs the same however
    long the sentence is."""
    floor = max(floor, pos - LOOKBACK_CHARS)
    starts, found = _boundaries(sentence)
    i = bisect_left(starts, floor)
    j = bisect_left(starts, pos)
    if j - i > 8:
        i = j - 8
        floor = found[i][0]
    return floor, [_Cut(a - floor, b - floor, t) for a, b, t in found[i:j] if b <= pos]


def phrase_before(sentence: str, pos: int, floor: int) -> str:
    """The noun phrase that ends at ``pos``: back to a comma/colon/bracket or ``floor``."""
    floor, cuts = _cuts(sentence, floor, pos)
    region = sentence[floor:pos]
    start = _phrase_start(region, cuts[-6:]) if cuts else 0
    phrase = _clean_phrase(_tail(region, start))
    if not phrase and cuts and cuts[-1].group() == "," and _VERB_ONLY.fullmatch(region[cuts[-1].end() :]) \
            and not _RATE_OF_NOUN.match(sentence, pos):
        # "tổng thu ngân sách Nhà nước đạt kết quả cao nhất từ trước đến nay, ước đạt 3.800.019 triệu
        # đồng": the subject is the head of the clause before the comma, up to its verb
        # ("khu vực dịch vụ tăng mạnh, đạt 9,8%": an amount or a rate after a verb, its opening words)
        loose = bool(_AMOUNT.match(sentence, pos) and re.search(r"\b(?:đạt|là)\b", region[cuts[-1].end() :]))
        phrase = _clause_subject(sentence, floor, region, cuts, len(cuts) - 1, loose=loose)
    elif cuts and cuts[-1].group() == "và" and not phrase and _VERB_ONLY.fullmatch(region[cuts[-1].end() :]) \
            and re.search(r"\b(?:đạt|là|thực hiện)\b", region[cuts[-1].end() :]):
        # "GRDP năm 2023 của tỉnh tiếp tục duy trì ở mức cao và đạt 12,27%": the clause's own subject
        phrase = _clause_subject(sentence, floor, region, cuts, len(cuts) - 1, loose=True)
    elif cuts and cuts[-1].group() == "với" and (_AMOUNT.match(sentence, pos) or _POINTS.match(sentence, pos)):
        level = _LEVEL_OF.fullmatch(region[cuts[-1].end() :])
        if not phrase or level:
            # "khu vực công nghiệp - xây dựng … đóng vai trò động lực … với 3.206.565 triệu đồng", "khu vực
            # dịch vụ tăng khá với mức tăng 8,2%": the amount is the subject's, said before "với"
            subject = _clause_subject(sentence, floor, region, cuts, len(cuts) - 1, loose=True)
            if subject:
                verb = level.group("verb") if level else None
                phrase = f"{subject} {verb.lower()}" if verb else subject
    if phrase and cuts and cuts[-1].group() == "," and _CONTRIBUTES.fullmatch(phrase) and _POINTS.match(sentence, pos) \
            and (subject := _grower(sentence, floor, region[: cuts[-1].start()])):
        phrase = f"{subject} {phrase}"  # the points are the sector's whose growth was just stated
    if not phrase and cuts and cuts[-1].group() == ":":
        prev = cuts[:-1]
        phrase = _clean_phrase(_tail(region[: cuts[-1].start()], prev[-1].end() if prev else 0))
    if not phrase and len(cuts) > 1 and cuts[-1].group() == ":" and cuts[-2].group() == ")" \
            and not region[cuts[-2].end() : cuts[-1].start()].strip():
        # "Tổng sản phẩm trong tỉnh (GRDP): + 5,16%": the label before the colon ends in a bracket
        cuts = cuts[:-1]
    if phrase and cuts and cuts[-1].group() == ")" and (
        re.match(r"(?:của|tại|ở|trên địa bàn)\s", phrase)
        or (_CUE_ONLY.fullmatch(phrase) and _RATE_AT.match(sentence, pos))
        or (_VERB_AFTER_ACRONYM.fullmatch(phrase) and _ACRONYM_BEFORE.search(region))
    ):
        # a rate only: "(…) tăng 02 xã so với năm 2022" is a change in a count, not its level;
        # "chỉ số sản xuất công nghiệp (IIP) ước tăng 7,76%": only the verb follows the name's acronym
        # "tổng sản phẩm trên địa bàn (trừ dầu khí) 6 tháng của tỉnh tăng": a fragment after the bracket
        opened = region.rfind("(", max(0, cuts[-1].start() - PHRASE_CHARS), cuts[-1].start() + 1)
        if opened > 0 and (subject := phrase_before(sentence, floor + opened, floor)):
            phrase = f"{subject} {phrase}"
    if not phrase and cuts and cuts[-1].group() in "()":
        # "xã A (0,9ha)", "suy dinh dưỡng (chiều cao theo tuổi) đạt 24,77%": the phrase is before the bracket
        opened = region.rfind("(", max(0, cuts[-1].start() - PHRASE_CHARS), cuts[-1].start() + 1)
        if opened > 0:
            phrase = phrase_before(sentence, floor + opened, floor)
            # the price base skipped on the way tells two series apart ("(theo giá hiện hành) ước đạt")
            base = _PRICE_BASE.search(region, opened)
            if phrase and base and not _PRICE_BASE.search(phrase):
                phrase = f"{phrase} {base.group().lower()}"
    return phrase


_SUBJECT_VERB = re.compile(r"\s(?:đạt|là|được|có|tiếp tục|vẫn|đã|tăng|giảm|chiếm|duy trì)\s", re.IGNORECASE)
_OBJECT_OF = re.compile(r"(?:chiếm|đạt|với|có)\s*$", re.IGNORECASE)
_AMOUNT = re.compile(r"[\d.,]+\s?(?:%|(?:(?:nghìn|ngàn|triệu|tỷ|tỉ)\s)*(?:đồng|USD))", re.IGNORECASE)
# ("ngành A đóng góp cao nhất với mức 1,9 điểm phần trăm": a bare level names no measure)
_LEVEL_OF = re.compile(
    r"\s*mức(?:\s(?P<verb>tăng trưởng|tăng|giảm))?(?:\s(?:là|đạt|khoảng|hơn|gần|trên))?\s*", re.IGNORECASE
)
_POINTS = re.compile(r"[\d.,]+\s?điểm\s?(?:phần trăm|%)", re.IGNORECASE)
# a sector's share of growth after its own growth: "ngành dịch vụ tăng 5,2%, đóng góp 2,8 điểm phần trăm"
_CONTRIBUTES = re.compile(r"(?:đóng góp|đóng|làm giảm|làm tăng|kéo giảm)(?:\s(?:thêm|khoảng|gần|hơn|trên))?", re.IGNORECASE)


_RATE_FIGURE = re.compile(r"\d[\d.,]*\s?%")
_GROWTH_VERB = re.compile(r"\s(?:ước\s(?:tính\s)?)?(?:tăng trưởng âm|tăng trưởng|tăng|giảm|đạt)$", re.IGNORECASE)


def _grower(sentence: str, floor: int, head: str) -> str:
    """The subject of the growth stated just before a comma ("ngành dịch vụ tăng 5,2% so với cùng kỳ (quý I
    tăng 4%)"), past its bracket and comparison, without its verb; "" when no growth is stated there."""
    while head.rstrip().endswith(")") and (opened := head.rfind("(")) >= 0:
        head = head[:opened]  # "(quý I tăng 8,58%; quý II …)": the quarters, not the growth
    last = next(reversed(list(_RATE_FIGURE.finditer(head, max(0, len(head) - 160)))), None)  # bounded: 160 characters
    if last is None or re.search(r"[,;:()]", head[last.end() :]):
        return ""
    subject = _GROWTH_VERB.sub("", phrase_before(sentence, floor + last.start(), floor))
    return "" if _CONTRIBUTES.match(subject) else subject  # a contribution read as the subject: none


def _clause_subject(sentence: str, floor: int, region: str, cuts: list, k: int, loose: bool = False) -> str:
    """The subject of the clause that ends at ``cuts[k]``: its head noun ("tổng thu …", not one after
    "chiếm"), or with ``loose`` its opening words up to the first verb ("khu vực dịch vụ tăng mạnh");
    a comparison before the cut ("…, tăng 20,48% so với cùng kỳ 2021, đạt …") is skipped."""
    end, j = cuts[k].start(), k - 1
    while j >= 0 and cuts[j].group() == "so với":
        end, j = cuts[j].start(), j - 1
    start = _phrase_start(region[:end], cuts[: j + 1]) if j >= 0 else 0
    clause = region[start:end]
    noun = _HEAD_NOUN_ANYWHERE.search(clause)
    if noun and _OBJECT_OF.search(clause[: noun.start()]):
        noun = None  # "vốn nhà nước chiếm tỷ lệ cao": the head noun is the object
    if noun is None and not loose:
        return ""
    head = _SUBJECT_VERB.split(clause[noun.start() :] if noun else clause, maxsplit=1)[0]
    if _FIGURE.search(head):
        return ""
    phrase = _clean_phrase(head)
    if (not phrase or re.match(r"(?:của|tại|ở|trên địa bàn)\s", phrase)) and j >= 0 and cuts[j].group() == ")":
        opened = region.rfind("(", max(0, cuts[j].start() - PHRASE_CHARS), cuts[j].start() + 1)
        if opened > 0 and (subject := phrase_before(sentence, floor + opened, floor)):
            phrase = f"{subject} {phrase}".strip()
    return phrase


_ACRONYM_BEFORE = re.compile(r"\(\s?[A-ZĐ]{2,6}\s?\)[^()]{0,20}$")
_VERB_AFTER_ACRONYM = re.compile(r"(?:(?:ước|dự\sước|ước\stính)\s)?(?:tăng|giảm|đạt)", re.IGNORECASE)


def _tail(region: str, start: int) -> str:
    """region[start:], of which only the last PHRASE_CHARS (cut on a word) can be kept."""
    if len(region) - start <= PHRASE_CHARS:
        return region[start:]
    tail = region[-PHRASE_CHARS:]
    return tail.split(None, 1)[-1] if not region[-PHRASE_CHARS - 1].isspace() else tail


_ACRONYM = re.compile(r"[A-ZĐ]{2,6}")


# a news dateline opening the line: "Kinhtedothi - ", "(Baothanhhoa.vn) - ", "YênBái - "
_DATELINE = re.compile(r"(?:\([^()\s]{3,30}\)|[A-ZĐ][^\s\d()]{2,20}(?:\s[A-ZĐ][^\s\d()]{1,20})?)\s[-–]\s(?=\S)")


def own_line_start(sentence: str, at: int) -> int:
    """Where the file's line joined at ``at`` starts its own sentence (past a dateline), or -1: the line
    before must end without a word that carries the clause on ("," "và" "của" …; a date's "-" does not),
    and this one open with a capital and a lower-case word ("Tổng sản phẩm", "Kế hoạch"), not a name a
    wrapped line may open with ("tỉnh Đồng" / "Nai đặt mục tiêu"), nor an acronym."""
    before = sentence[max(0, at - 12) : at].rstrip()
    if not before or before[-1] in ",(" or re.search(r"\s(?:và|của|tại|là|với|các|những)$", before):
        return -1
    if before[-1] in "-–" and not re.search(r"\d\s?[-–]$", before):
        return -1  # "nông -" / "lâm nghiệp": one name broken over two lines
    last = before.split()[-1]
    if last[:1].isupper() and not last.isupper():
        return -1  # "huyện Phong" / "Thổ giai đoạn …": a name broken over two lines
    dateline = _DATELINE.match(sentence, at)
    start = dateline.end() if dateline else at
    words = sentence[start : start + 60].split()[:2]
    if len(words) < 2 or words[0].isupper():
        return -1  # "Phó Chủ tịch" / "UBND huyện tiếp": an acronym carries a title on
    return start if words[0][:1].isupper() and words[1][:1].islower() else -1


def noun_after(sentence: str, pos: int) -> str:
    rest = sentence[pos : pos + 80]
    if not rest[:1].isspace() and rest[:1] not in ("",):
        return ""
    m = _AFTER_NOUN_STOP.search(rest)
    words = (rest[: m.start()] if m else rest).split()[:6]
    # a capital opens a name ("xã Tân Lập"), but an acronym says what is counted ("397 dự án FDI")
    if not words or not words[0][:1].isalpha() or (words[0][:1].isupper() and not _ACRONYM.fullmatch(words[0])):
        return ""
    return " ".join(words).lower()



# Words that carry no subject: a phrase made only of them means the subject follows.
_WEAK = set(
    "có hiện nay toàn huyện xã tỉnh tăng giảm thêm đạt đưa được đã là với trên gần khoảng hơn "
    "tổng số cụ thể trong đó gồm duy trì nâng lên còn chiếm tỷ lệ kết quả đến thời điểm báo cáo "
    "hiện tại địa bàn tiếp tục duy trì dự kiến hết năm".split()
)
_PREDICATE_STOP = re.compile(r"[,;:()\n]|\.(?:\s|$)|\s(?:so với|so cùng kỳ|trong đó|với tổng|với số|gồm|bao gồm)\b", re.IGNORECASE)


def short_verb(phrase: str, unit: str | None, before: str = "") -> bool:
    """A phrase of one to three words that names no measure ("phá thành công", "kiện toàn", "treo")
    before a count: the count is of the unit's noun, which the phrase does not say (an acronym there,
    "PCCCR 252 cuộc", names the subject itself)."""
    words = phrase.split()
    if any(_ACRONYM.fullmatch(w.strip(",.;:")) for w in before.split()[-(len(words) + 2) :]):
        return False
    if not unit or _COUNT_UNITS_NOT.search(unit) or "/" in unit or unit.lower() in phrase:
        return False
    if re.search(r"\b(?:tăng|giảm|thêm|còn)$", phrase):
        return False  # "tăng 2 xã": a change, said by the words it has
    return 0 < len(words) <= 3 and not _HEAD_NOUN.match(phrase) and not any(w[:1].isdigit() for w in words)


def is_weak(phrase: str) -> bool:
    words = [w for w in phrase.split() if not re.fullmatch(r"(?:19|20)\d\d", w)]
    return len(words) <= 1 or all(w in _WEAK for w in words)


_HAS_BEFORE = re.compile(r"\s(?:đã\s|hiện\s|hiện nay\s|nay\s)?có\s*(?:(?:tổng số|tổng cộng|thêm)\s*)?$", re.IGNORECASE)
_COUNT_UNITS_NOT = re.compile(r"%|‰|đồng|USD|tấn|ha\b|km|m2|m3|lần|điểm", re.IGNORECASE)


def topic_then_count(phrase: str, sentence: str, pos: int, unit: str | None) -> bool:
    """"trong lĩnh vực xây dựng nông thôn mới có 88/150 xã đạt chuẩn", "toàn tỉnh có 690 doanh nghiệp
    thành lập mới": before "có" stands a topic or a place, and what is counted follows the count."""
    if not unit or _COUNT_UNITS_NOT.search(unit) or _HEAD_NOUN.match(phrase):
        return False
    return bool(_HAS_BEFORE.search(sentence[max(0, pos - 40) : pos]))


_BASE_ONLY = re.compile(
    r"^[\s;,.\-+•]*(?:(?:còn|và|nếu|tính)\s)?(?P<base>theo giá (?:so sánh|hiện hành|thực tế))(?:\s(?:năm\s)?20\d\d)?"
    r"(?:\s(?:là|đạt|ước đạt|ước tính|ước))?(?:\s(?:khoảng|gần|hơn|trên))?\s*$",
    re.IGNORECASE,
)


def price_base_only(sentence: str, pos: int) -> str:
    """"Giá trị sản xuất … đạt 17.805 tỷ đồng; theo giá hiện hành là 33.680 tỷ đồng": an item that names
    only a price base is the same subject in another series; returns that base ("" otherwise)."""
    if pos > 80:
        return ""
    m = _BASE_ONLY.match(sentence[:pos])
    return m.group("base").lower() if m else ""


def predicate_after(sentence: str, pos: int, max_words: int = 10) -> str:
    """The words after the unit up to punctuation: the subject in "16/16 xã đã thành lập BQL"."""
    rest = sentence[pos : pos + 160]
    if rest[:1] not in ("", " ", "\t"):
        return ""
    m = _PREDICATE_STOP.search(rest)
    words = (rest[: m.start()] if m else rest).split()[:max_words]
    if not words or not words[0][:1].isalpha():
        return ""
    return " ".join(words).lower().strip(" -–")


def subject_phrase(before: str, unit: str | None, after: str, is_rate: bool) -> str:
    """Indicator phrase when the words before the number are weak."""
    if is_rate:
        return after
    if unit and after:
        return f"{unit.split('/')[0]} {after}"
    return unit or ""
