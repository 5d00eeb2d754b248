"""Sentence-level fact extraction: "sản lượng ước đạt 36.595,83 tấn (vượt 0,43%KH)".

Each number followed by a unit opens a fact; the numbers that follow it in the same
sentence and are introduced by "đạt/bằng X% KH", "vượt X", "tăng/giảm X so với ..."
annotate that fact instead of opening a new one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal
from functools import lru_cache

from ktxh.engine.ratios import excess_readings

from .context import DocContext
from .fold import fold
from .model import Fact
from .normalize import Document, Segment
from .patterns import (
    ABOUT_AFTER_RE,
    AFTER_PLAN_RE,
    AFTER_PRIOR_RE,
    BARE_RE,
    CHANGE_BRACKET_RE,
    CHANGE_CUE_RE,
    COMPARATOR_RE,
    COMPARATORS,
    EQUIVALENT_CHANGE_RE,
    EQUIVALENT_RE,
    EXCESS_CUE_RE,
    OTHER_PLAN_BASIS_RE,
    PCT_OF_PLAN_RE,
    QUANTITY_RE,
    SIGNED_OPEN_RE,
    SLASH_QUANTITY_RE,
    SLASH_RE,
    STATUS_RE,
    clean_unit,
    is_place_unit,
    to_decimal,
)
from .phrases import (
    PHRASE_CHARS,
    is_weak,
    noun_after,
    own_line_start,
    phrase_before,
    predicate_after,
    price_base_only,
    short_verb,
    subject_phrase,
    topic_then_count,
)
from .rules import (
    CHANGE_FIRST,
    COMPOUND_MONEY_RE,
    PCT_CUE_END,
    PRIOR_SOON,
    RATE_HEAD,
    compound_unit,
    compound_value,
    is_indicator_count,
    is_merged_units,
    is_meta_count,
    is_not_a_value,
    money_unit,
    paren_outer,
    share_phrase,
    span_period,
)

_FULL_STOP = re.compile(r"\n|\.(?=\s+[-+A-ZĐÀ-Ỹ(\d])")
_SENTENCE_END = re.compile(r"\n|;|\.(?=\s+[-+A-ZĐÀ-Ỹ(\d])|\.\s*$|…(?=\s+[A-ZĐÀ-Ỹ])")
_ESTIMATE = re.compile(r"\b(?:ước|dự ước|dự kiến|ước tính)\b", re.IGNORECASE)
# "IMF dự báo đạt 3,0%", "tăng trưởng năm 2024 được dự báo ở mức 6,5%": a forecast is an estimate;
# not "so với dự báo 0,3 điểm" nor "công tác dự báo, cảnh báo …" (a comma ends its reach)
_FORECAST = re.compile(r"(?<!với )(?<!hơn )\bdự\sbáo\b[^\d,;.()]{0,60}$", re.IGNORECASE)
# not "Chương trình mục tiêu quốc gia" nor "vốn các chương trình mục tiêu", the name of a programme;
# "kịch bản tăng trưởng năm 2026 đạt 11%": a growth scenario proposed is a plan; "Nghị quyết … với 20
# chỉ tiêu chủ yếu là: …", "đã đề ra các chỉ tiêu chủ yếu đó là: …": a list of indicators adopted opens
# the plan's figures
_TARGET = re.compile(
    r"\b(?:phấn đấu|chỉ tiêu giao|(?<!chương trình )mục tiêu(?!\squốc\sgia)|kế hoạch giao|kịch bản tăng trưởng"
    r"|(?:với|gồm|đề\sra|đặt\sra)\s(?:\d{1,2}|các)\schỉ\stiêu(?:\s(?:chủ\syếu|cơ\sbản|chính))?(?:\s(?:đó\slà|là|như\ssau))?(?=\s?:))\b",
    re.IGNORECASE,
)
# "tổng lượt khách du lịch tăng 10%": a target stated against last year; not "mức giảm tỷ lệ
# hộ nghèo giảm 5,43%" or "tốc độ tăng ... 10%", whose own value is the change
_RELATIVE_VERB = re.compile(r"^(?P<subject>.*\S)\s+(?P<verb>tăng|giảm)(?:\s+thêm)?$", re.IGNORECASE | re.S)
_CHANGE_NAME = re.compile(r"\b(?:mức\s+(?:tăng|giảm)|tốc\s+độ|tỷ\s+lệ\s+(?:tăng|giảm))", re.IGNORECASE)
_RATE_NAME = re.compile(r"\b(?:tỷ\s+lệ|tỷ\s+suất)", re.IGNORECASE)
_AT_LEAST_AFTER = re.compile(r"^\s?trở\s+lên\b", re.IGNORECASE)
# a period named right after the figure: "0,84% của năm 2020 và 2,64% của năm 2021", "tiếp nối mức tăng
# 11,62% của quý 1-2025", "cao hơn mức 5% mà thành phố đạt được trong 6 tháng đầu năm 2024";
# "phấn đấu tăng trưởng GRDP đạt 10% trở lên trong năm" (whole: in an interim report, the year's);
# "tỷ lệ hộ nghèo từ trên 54% đầu nhiệm kỳ đến nay …" (term: the first year of the term the report closes)
_PERIOD_AFTER = re.compile(
    r"\s?(?:(?:của|mà\s[^\d,.;()]{0,40}?\strong)\s(?:(?P<h1>6\stháng\sđầu\s|nửa\sđầu\s)?năm\s(?P<y>20\d\d)"
    r"|qu[ýí]\s(?:(?P<q>IV|III|II|I)|(?P<qn>[1-4]))(?:\s?[/-]\s?|\snăm\s)(?P<qy>20\d\d))\b"
    r"|(?P<whole>(?:trở\slên\s)?(?:trong|cả)\snăm(?:\snay|\s(?P<wy>20\d\d))?(?=\s?[.;,)\n]|\s?$))"
    r"|(?P<term>(?:vào\s|ở\s)?đầu\snhiệm\skỳ\b))",
    re.IGNORECASE,
)
# the year printed right after the figure, in a change from one year to another: "từ 34,66% năm 2021
# xuống còn 33,34% năm 2022", "tăng từ 12 tỷ đồng năm 2020 lên 20 tỷ đồng năm 2025"
_YEAR_AFTER = re.compile(r"\s?năm\s(20\d\d)(?=\s?(?:[,;.)]|xuống\b|lên\b|đến\b|và\b|$))", re.IGNORECASE)
_FROM_TO = re.compile(r"\btừ\s(?:mức\s)?$|\b(?:xuống\scòn|xuống|lên|đến|tới)\s(?:mức\s)?$", re.IGNORECASE)
_CARRIED_OVER = re.compile(r"\s(?:chuyển|mang)\s(?:sang|qua)\b", re.IGNORECASE)
_COMMUNE = re.compile(r"\b((?:xã|thị trấn)\s(?:[A-ZĐÀ-Ỹ][^\s,.;:()]*\s?){1,3})")
# not a comparison ("so với năm 2022", "cùng kỳ năm 2022") nor a price base ("giá so sánh năm 2010")
_YEAR = re.compile(r"(?<!với )(?<!so )(?<!kỳ )(?<!sánh )(?<!gốc )năm\s(20\d\d)", re.IGNORECASE)
_RATE_UNITS = {"%", "‰", "%/năm"}  # "bình quân 6,7%/năm": a yearly rate
# "Trong năm 2023, đóng góp … dịch vụ tăng 6,61%; khu vực nông nghiệp tăng 0,71%; …": a sentence opened
# by its year governs its figures across ";" (the splitter ends a clause there)
# (or at a capital letter: the normalizer glues a paragraph to a heading line without a full stop)
# ("Bước sang năm 2026, xã đề ra 22 chỉ tiêu; …": the coming year's)
_YEAR_OPENING = re.compile(r"\W{0,3}(?:trong\s|(?:bước\s)?sang\s)?(?:cả\s)?năm\s(20\d\d)\s?,", re.IGNORECASE)
_YEAR_OPENING_GLUED = re.compile(r"(?<!\S)(?:Trong\s(?:cả\s)?năm|Cả\snăm|(?:Bước\s)?[Ss]ang\snăm|Năm)\s(20\d\d)\s?,")
# a paragraph of the file opened by a year, up to its first comma: "Năm 2026, …", "Thực hiện nhiệm vụ năm 2026, …"
_PARAGRAPH_YEAR = re.compile(r"[ \t]*\W{0,3}(?:[^\n,.;:\d]{0,80}?\s)?năm\s(20\d\d)\s?,", re.IGNORECASE)
_COMPARED_PERIOD = re.compile(
    r"\bso\s(?:với\s)?(?:cùng\skỳ\s)?(?:(?:\d{1,2}|sáu|chín)\stháng(?:\sđầu)?|qu[ýí]\s[IV]+|tháng\s\d{1,2}|cuối|đầu)\s$",
    re.IGNORECASE,
)
# a cut-off date: "tính đến ngày 10/6/2024", "đến thời điểm 31-10-2022", "đến hết tháng 5/2024", "dự
# ước hết 31/12/2023" (the last one named before a figure is its own)
_CUTOFF = re.compile(
    r"\b(?:đến|tới)\s(?:hết\s)?(?:(?:ngày|thời\sđiểm)\s)?(?P<d>\d{1,2})\s?[/.-]\s?(?P<m>\d{1,2})(?:\s?[/.-]\s?(?P<y>20\d\d))?\b"
    r"|\b(?:đến|tới)\s(?:hết\s|cuối\s)?tháng\s(?P<m2>\d{1,2})(?:\s?[/-]\s?(?P<y2>20\d\d)|\snăm\s(?P<y3>20\d\d))?\b"
    # "hết" alone only before a full date: "sử dụng hết 3/5 hồ chứa" is a share
    r"|\bhết\s(?:ngày\s)?\d{1,2}\s?[/.-]\s?(?P<m4>\d{1,2})\s?[/.-]\s?(?P<y4>20\d\d)\b",
    re.IGNORECASE,
)
# the same cut-off opening a paragraph, which then governs the sentences after it
_CUTOFF_LEAD = re.compile(r"[ \t]*\W{0,3}(?:tính\s)?(?=(?:đến|tới)\s)(?:" + _CUTOFF.pattern + ")", re.IGNORECASE)
# a figure of the period compared with, in brackets: "(cùng kỳ năm 2022 đạt 19,95%)", "(năm 2022: 5.000
# tỷ đồng)", "cao hơn mức tăng của cùng kỳ năm trước (4,9%)", "tăng 5,65 triệu đồng so với năm 2021
# (46,78 triệu đồng)"
_PRIOR_BRACKET = re.compile(
    r"(?:\(\s?(?:so\svới\s)?(?P<ck>cùng\skỳ)(?:\snăm\s(?:(?P<y>20\d\d)|trước))?|\(\s?năm\s(?P<y2>20\d\d)"
    r"|(?P<ck2>cùng\skỳ)\snăm\strước\s?\(|\bso\s(?:với\s)?năm\s(?P<y3>20\d\d)\s?\()"
    r"\s?(?::|đạt|là|bằng|có|tăng|giảm)?\s?(?:(?:được|khoảng|hơn|gần|trên)\s)?$",
    re.IGNORECASE,
)
_INTERIM = re.compile(r"-(?:H1|9M|Q[1-4]|\d\d)")
_SINCE_HEAD = re.compile(r"\btừ\s(?:đầu\s)?năm\s20\d\d\s(?:đến|tới)\snay\b", re.IGNORECASE)
# A sub-period named in the sentence before the figure ("sơ bộ quý II tăng 10,97%; sơ bộ 6 tháng
# đầu năm tăng 11,78%"); the comparison ("so với 6 tháng đầu năm 2020") is not the period.
_SUB_PERIOD = re.compile(
    # "(6 tháng tăng 11,29%, quí III tăng 9,09%)": the half named by its verb, the quarter in either spelling
    r"(?<!với )(?<!so )(?:(?P<h1>(?:6|sáu) tháng đầu năm|nửa đầu năm|(?:6|sáu) tháng(?=\s(?:ước\s)?(?:tăng|giảm|đạt)\b))|"
    r"(?P<m9>(?:9|chín) tháng(?: đầu năm)?)|"
    # "10 tháng đầu năm 2022": no code for ten months, so its last month (docs/extraction.md, convention 3)
    r"(?P<mn>(?:[2-578]|1[01]) tháng(?= đầu năm| năm 20\d\d))(?: đầu năm)?|"
    r"qu[ýí] (?P<q>IV|III|II|I)\b|(?P<year>cả năm)|"
    # a quarter in figures with its year: "quý 2-2025", "quý 1/2025", "quý 3 năm 2025"
    r"qu[ýí] (?P<qn>[1-4])(?:\s?[/-]\s?(?P<qy>20\d\d)\b|(?=\snăm\s20\d\d)))(?:\s(?:năm\s)?(?P<y>20\d\d))?",
    re.IGNORECASE,
)
# one month; not a cut-off ("đến tháng 9/2024", "từ tháng 3"), not "9 tháng" (nine months)
_MONTH = re.compile(
    # "tháng 6-2024" as "tháng 6/2024"; "so tháng 5-2024" is the comparison
    r"(?<!đến )(?<!hết )(?<!từ )(?<!cuối )(?<!đầu )(?<!với )(?<!so )(?<!\d )\btháng\s(?P<mm>\d{1,2})"
    r"(?:\s?[/-]\s?(?P<y>20\d\d)|\snăm\s(?P<y2>20\d\d))?\b(?!\s?[/-]\s?\d{1,2}\b)",
    re.IGNORECASE,
)


def _quarter(sub: re.Match) -> int | None:
    """The quarter a _SUB_PERIOD or _PERIOD_AFTER match names, 1 to 4 ("quý III", "quý 2-2025")."""
    if sub.group("q"):
        return ("I", "II", "III", "IV").index(sub.group("q").upper()) + 1
    return int(sub.group("qn")) if sub.group("qn") else None


_CONNECTIVES = set("trong do va rieng cu the so voi cung ky nam truoc uoc dat khoang hon gan tren duoc co la da "
                   "tiep tuc tinh chung ca nhu vay con lai "
                   # the basis of a comparison is not another subject: "tăng 6% so với dự toán tỉnh giao và tăng 14,9%"
                   "du toan ke hoach kh nghi quyet nq chi tieu tinh huyen xa giao hdnd ubnd".split())  # fmt: skip


# after a count: proper names (a list, or in brackets), then optionally "được … công nhận", then the
# unit again ("2 xã Thạch Kênh, Việt Tiến được UBND tỉnh công nhận xã đạt chuẩn …")
# (each name word bounded and separated by one space, so a match is tried in bounded time)
_NAME_WORDS = r"[A-ZĐÀ-Ỹ][^\s,()]{0,20}(?:\s[A-ZĐÀ-Ỹ][^\s,()]{0,20}){0,3}"
_NAMES_IN_BRACKET = re.compile(rf"\s\({_NAME_WORDS}\)")
_NAMES_THEN_UNIT = re.compile(
    rf"\s(?:{_NAME_WORDS}(?:,\s{_NAME_WORDS}){{0,6}})"
    r"(?:\sđược(?:\s[^\s,;()]{1,20}){0,4}?\scông\snhận)?\s(?P<unit>xã|thôn|bản|huyện|trường|sản phẩm)(?=\s)"
)
# a ";" item that only names its subject before the figure: "; nhập khẩu 275 triệu USD" (a few words,
# no verb, no figure), not "; tổng vốn đầu tư đạt …" nor "; giải quyết việc làm cho …"
_VERBLESS_ITEM = re.compile(
    r"\s*(?!\S*\s*(?:trong\sđó|riêng)\b)"
    r"(?:(?!(?:đạt|tăng|giảm|là|có|được|đã|thực|hoàn|giải|xây|tạo|cấp|tiếp|phấn|duy|chiếm|bằng|vượt|còn|trên|với|cho|tổ|kết|thu\shút)\b)[^\W\d_]+[\s,-]+){1,3}",
    re.IGNORECASE,
)
_PRELIMINARY = re.compile(r"\bsơ\sbộ\b(?![^,;(]*\bước\b)", re.IGNORECASE)
_PARTS_OPEN = re.compile(r"^[\s;,]*(?:trong\s+đó|riêng)\b", re.IGNORECASE)
# Parts of an estimated total are estimates, whatever their own verb (docs/extraction.md, annotation
# convention 1): a word opening the breakdown earlier in the sentence ("…, trong đó: khu vực A đạt …;
# khu vực B đạt …"), or a clause or sentence that opens by continuing it ("Trong đó, …", "Riêng …",
# "Nếu tách riêng …", "Trong 5,56% tăng trưởng thì …", "Về cơ cấu, …", a ";" item naming a sector)
_BREAKDOWN = re.compile(r"\b(?:trong\s+đó|riêng|bao\s+gồm|chủ\s+yếu)\b", re.IGNORECASE)
_BREAKDOWN_OPEN = re.compile(
    r"[\s;,:\-–+]{0,4}(?:trong\s+đó|riêng|bao\s+gồm|nếu\s+tách\s+riêng|về\s+cơ\s+cấu"
    r"|trong\s+(?:mức\s+tăng(?:\s+trưởng)?(?:\s+chung)?\s+)?\d+(?:,\d+)?\s?%\s+tăng\s+trưởng)\b",
    re.IGNORECASE,
)
# a ";" clause opened by a verb of the past: it states a result of its own
_OWN_STATEMENT = re.compile(r"[\s;,]{0,3}(?:đã|đang)\s", re.IGNORECASE)
# "Tổng giá trị sản xuất ước đạt 4.100 tỷ đồng. Cơ cấu kinh tế: nông nghiệp 30%; …": the structure of
# the estimated total, in its paragraph, continues the breakdown (its parts and shares)
_STRUCTURE_OPEN = re.compile(r"[\s;,:\-–+]{0,4}cơ\s+cấu\b", re.IGNORECASE)
_OUTPUT_WORDS = re.compile(r"giá\strị\s(?:sản\sxuất|sản\sphẩm|tăng\sthêm)|tổng\ssản\sphẩm|grdp|khu\svực|ngành", re.IGNORECASE)
# the first crop season of the year, harvested by June (docs/extraction.md, annotation convention 1)
_EARLY_SEASON = re.compile(r"\bvụ\s(?:đông\s?xuân|chiêm(?:\sxuân)?|xuân)\b(?![^,;.()]*\d)", re.IGNORECASE)
_BRACKETED = re.compile(r"\([^()]*\)")  # "(trong đó 22 sản phẩm …)" closed: its parts end with it
_SECTOR_ITEM = re.compile(r"[\s;,]{0,3}(?:khu\s+vực|ngành)\s", re.IGNORECASE)
_CUTOFF_OPENING = re.compile(
    r"(?P<cutoff>[^.\n]{0,80}?\b(?:ước\s+tính|dự\s+ước|ước)\s+(?:đến|tới|tính\s+đến)\s)"
    # a paragraph opened by its subject and an estimate verb: "Tỉnh Quảng Ninh dự kiến hoàn thành …"
    r"|[^.\n,;\d]{0,40}?\s(?:dự\s+kiến|ước\s+tính|dự\s+ước)\s(?!đến|tới)",
    re.IGNORECASE,
)


_SHARE_OF_COMMUNES = re.compile(r"\s(?:tổng\s)?(?:số\s)?(?:xã|thôn|bản)\b[^,;()\d]{0,40}\s(?:đã\s)?đạt\s(?:chuẩn\s)?", re.IGNORECASE)
_PRICE_BASE_BRACKET = re.compile(r"\((?:theo\s)?giá\s(?:so\ssánh|hiện\shành|thực\stế)[^()]{0,20}\)", re.IGNORECASE)


def _new_subject(text: str) -> bool:
    """Words naming another subject between a figure and a change cue ("trong đó lúa tăng")."""
    # "32.976 tỷ đồng, (giá so sánh năm 2010) tăng 5,56%": the price base is not another subject
    clause = re.split(r"[,;(]", _PRICE_BASE_BRACKET.sub(" ", text))[-1]
    return any(w not in _CONNECTIVES for w in re.findall(r"[^\W\d_]+", fold(clause)))


# the whole a share is of, named after it: "… 148,8 nghìn tỷ đồng, chiếm 2,5% GDP cả nước", "chiếm 31,2% cả nước"
_WHOLE_AFTER = re.compile(
    r"\s(?:trong\s)?(?P<whole>(?:tổng\s)?(?:GDP|GRDP)(?:\scả\snước|\stoàn\s(?:tỉnh|quốc|vùng))?|(?:GDP\s)?cả\snước|"
    r"(?:tổng\s)?(?:cơ\scấu\s)?nền\skinh\stế)(?=[\s,;.)]|$)"
)
# "…, chỉ đạt 63,16% so với cùng kỳ", "so dự toán giao đạt 42%": a level as a % of last year's or of the plan
_LEVEL_CUE_END = re.compile(r"(?:^|[\s,;(])(?:chỉ\s)?(?:đạt|bằng)\s(?:(?:hơn|trên|gần|khoảng|xấp\sxỉ)\s)?$", re.IGNORECASE)
_PLAN_BEFORE_CUE = re.compile(
    r"\bso\s(?:với\s)?(?:dự\stoán|kế\shoạch|KH|chỉ\stiêu)(?![^\W\d_])[^\d,;()]{0,25}?\s(?:đạt|bằng)\s(?:(?:hơn|trên|gần|khoảng)\s)?$",
    re.IGNORECASE,
)
# a disbursement rate named as a rate is a figure of its own even against the plan ("tỷ lệ giải ngân đạt
# 169,4% kế hoạch"); "giải ngân đạt 47,3% kế hoạch vốn" is a rate of plan, as the evaluation set reads it
_DISBURSED = re.compile(r"\btỷ\slệ\sgiải\sngân\b", re.IGNORECASE)
# between a rate of plan and the growth of the same subject: "… KH (kế hoạch), tăng", "kế hoạch năm, tăng"
_PLAN_THEN_CHANGE = re.compile(
    r"\s?(?:so\svới\s)?(?:KH|kế\shoạch|dự\stoán)(?:\snăm)?(?:\s?\((?:KH|kế\shoạch)\))?\s?,\s?(?:và\s)?(?:tăng|giảm)(?:\s(?:hơn|gần|trên|khoảng))?\s",
    re.IGNORECASE,
)
_CUE_ONLY_PHRASE = re.compile(r"(?:tăng|giảm)(?:\s(?:so với cùng kỳ|so cùng kỳ))?", re.IGNORECASE)
_ORPHAN_CUE = re.compile(
    r"\s*(?:và\s|nhưng\s)?(?:tăng|giảm|đạt|vượt|bằng|cao hơn|thấp hơn)(?:\s(?:hơn|gần|trên|khoảng))?\s*",
    re.IGNORECASE,
)
# "đạt 5,71% (kế hoạch năm 2023 là 7,5%)", "tăng 5,77% (kế hoạch tăng 9%)", "(KH: 500 tỷ đồng)": the
# figure in a bracket opened by the plan is the plan's, a target, not a change of the figure before it
_PLAN_BRACKET = re.compile(
    r"\(\s?(?:kế\shoạch|KH)(?:\s(?:năm\s)?20\d\d)?(?:\s?(?:là|:|giao|đề\sra))?\s?(?:(?:tăng|giảm|đạt)\s)?"
    r"(?:(?:hơn|trên|khoảng)\s)?$"
    # "vượt xa kế hoạch 24.200 tấn được giao", "vượt kế hoạch mà thành phố đặt ra là 10,4%": the plan's figure
    r"|\bvượt(?:\sxa)?\s(?:so\svới\s)?kế\shoạch(?:\s[^\d();,.]{0,30}?(?:\s?\(|\slà))?\s?$",
    re.IGNORECASE,
)
# "thu ngân sách là 43.300.000 đồng thực hiện 44.850.442 đồng": a figure followed at once by the
# result ("thực hiện" and a figure) is the plan the result is set against
_RESULT_AFTER = re.compile(r"\s?,?\s(?:ước\s)?thực\shiện(?:\sđược)?\s(?:(?:là|đạt)\s)?(?:(?:hơn|trên|gần|khoảng)\s)?\d")
# a paragraph opened by a whole year ("Năm 2024, …", "Thực hiện nhiệm vụ năm 2026, …"; not "Sáu tháng đầu
# năm 2021, …") whose earlier sentences set targets ("đặt mục tiêu", "phấn đấu"; not "mục tiêu kép" named)
_PLAN_YEAR_OPENING = re.compile(
    r"[ \t]*\W{0,3}(?:(?![^,.;:\n]*\b(?:tháng|quý|đến|cuối|đầu)\b)[^\W\d][^,.;:\d()\n]{0,60}\s)?năm\s20\d\d\s?,",
    re.IGNORECASE,
)
_TARGET_SET = re.compile(r"\b(?:phấn\sđấu|(?:đặt|đề)\s(?:ra\s)?mục\stiêu)\b", re.IGNORECASE)
# "tổng giá trị sản xuất đến năm 2024 ước đạt 640 tỷ đồng": a year reached and estimated is no plan
_TARGET_SOON = re.compile(
    r"\b(?:theo kế hoạch (?:cuối năm|đến năm|năm 20\d\d)|đến năm 20\d\d)\b(?![^\d;,()]*\bước\b)(?![^\d;()“]*”)", re.IGNORECASE
)  # nor one in a quoted programme's name: "đề án “… đến năm 2030” có 781 hộ tham gia"
_PLAN_AFTER_UNIT = re.compile(r"\s?/\s?(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s?")


@lru_cache(maxsize=8)
def _target_reaches(sentence: str) -> tuple[tuple[int, int], ...]:
    """Where the first target words of the sentence govern: from the word's end to the sentence's
    end, or to the bracket that closes round it ("Thu ngân sách (kế hoạch giao 1.300 tỷ đồng) đạt
    1.420 tỷ đồng": the figure after the bracket is the result)."""
    reaches = []
    for m in _TARGET.finditer(sentence):
        opened = sentence.rfind("(", 0, m.start())
        close = sentence.find(")", m.end()) if opened > sentence.rfind(")", 0, m.start()) else -1
        reaches.append((m.end(), close if close >= 0 else len(sentence)))
        if close < 0 or len(reaches) >= 4:  # bounded: a target word outside brackets reaches the end
            break
    return tuple(reaches)


# a target word said as a result is no plan: "hoàn thành các mục tiêu đề ra; thu ngân sách đạt …", nor
# the basis of a rate of plan ("đạt 681,8% so với chỉ tiêu giao; …")
_TARGET_MET = re.compile(
    r"(?:\b(?:đạt|vượt|hoàn\sthành|thực\shiện)(?:\s(?:và\svượt|được|các|những|nhiều|toàn\sbộ))*|%\s?(?:so\svới)?|\bso\svới)\s?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=8)
def _target_opened(prefix: str) -> bool:
    """A target word ("đặt mục tiêu", "phấn đấu", "chỉ tiêu giao") outside brackets in the clauses of
    the sentence before this one (up to its full stop), not said as met ("đạt mục tiêu")."""
    for m in _TARGET.finditer(prefix):
        if prefix.count("(", 0, m.start()) == prefix.count(")", 0, m.start()) and not _TARGET_MET.search(
            prefix, max(0, m.start() - 30), m.start()
        ):
            return True
    return False


# the plan named as the subject, its figure after "là / giao / :" ("Kế hoạch tổng thu ngân sách năm 2023
# được giao là 308,9 tỷ đồng", "Chỉ tiêu giao năm 2024: 500 ha"), or the figure right after the plan word
# ("vượt kế hoạch 24.200 tấn được giao"); not a result of the plan ("kế hoạch vốn đã giải ngân 50 tỷ
# đồng") nor its rate ("đạt 105% kế hoạch": the figure comes before the word)
_PLAN_SUBJECT = re.compile(
    # at the clause's start, or a capital after a heading the normalizer glued to it ("1. Tài chính Kế hoạch …")
    r"(?:(?:^\W{0,3}[KkCc]|(?<!\S)[KC])(?:ế\shoạch|hỉ\stiêu)\b"
    r"(?i:(?:(?!giải\sngân|thực\shiện|đạt|đã\b)[^\d;()]|năm\s20\d\d){0,120}?"
    r"\s(?:(?:được\s)?giao(?:\slà)?|là|đề\sra(?:\slà)?))"
    r"|(?i:\b(?:kế\shoạch|KH)(?:\snăm\s20\d\d)?(?:\s(?:được\s)?giao)?)"
    # "vượt kế hoạch mà thành phố đặt ra là 10,4%"
    r"|(?i:\bkế\shoạch\s(?:mà\s[^\d,;.()]{1,40}?\s)?(?:đặt|đề)\sra\slà))"
    r"(?i:\s?:?\s(?:(?:hơn|trên|khoảng)\s)?)$"
)
# a growth scenario proposed is a plan: "đề xuất kịch bản tăng trưởng kinh tế năm 2026 đạt từ 11%"
_SCENARIO = re.compile(r"\bkịch\sbản(?=\s(?:tăng\strưởng|tốc\sđộ|đề\sxuất|phát\striển))", re.IGNORECASE)


@lru_cache(maxsize=8)
def _first_scenario_end(sentence: str) -> int | None:
    m = _SCENARIO.search(sentence)  # once per sentence: searched again for each figure it was quadratic
    return m.end() if m else None


def _plan_named(sentence: str, pos: int) -> bool:
    """The figure at ``pos`` is the plan's: named as the clause's subject, right after the plan word,
    or in a growth scenario before it in the clause."""
    scenario = _first_scenario_end(sentence)
    return (scenario is not None and scenario <= pos) or _PLAN_SUBJECT.search(sentence, max(0, pos - 160), pos) is not None


@lru_cache(maxsize=8)
def _first_estimate_end(sentence: str) -> int | None:
    m = _ESTIMATE.search(sentence)
    return m.end() if m else None


# a figure with its unit (not a year), a comma, a subject and "đạt" just before the figure
_OWN_RESULT = re.compile(
    # (a bracket may close after it: "213,7 tỷ đồng (Kế hoạch 384 tỷ đồng), thu nhập … đạt")
    # (not a date: "ước đến hết tháng 9/2024, giá trị khối lượng đạt …")
    r"(?<![\d.,/])(?<!năm\s)\d(?:[\d.,]*\d)?(?:\s?%)?(?:\s[^\s\d,;()]+){0,2}\)?,\s([^\d,;()]{3,60}?)\sđạt\s"
    r"(?:(?:hơn|gần|trên|khoảng)\s)?$",
    re.IGNORECASE,
)


def _estimate_before(sentence: str, pos: int) -> bool:
    """"ước tính đến ngày 30-9, tổng diện tích … 77 ngàn ha, …", "dự kiến đến hết năm có thêm 2 xã …,
    nâng tổng số … lên 7 xã": the estimate word governs the rest of its sentence."""
    end = _first_estimate_end(sentence)
    return end is not None and end <= pos and not _own_result(sentence, end, pos)


def _estimate_near(sentence: str, pos: int) -> bool:
    """An estimate word in the 60 characters before the figure, not followed by a result of its own."""
    near = _last(_ESTIMATE.finditer(sentence, max(0, pos - 60), pos))
    return near is not None and not _own_result(sentence, near.end(), pos)


def _own_result(sentence: str, since: int, pos: int) -> bool:
    """"GRDP ước đạt 1.437 tỷ đồng, thu nhập bình quân đầu người đạt 70,13 triệu đồng": after a figure of
    the estimate, another subject with its own "đạt" states a result of its own; not a part of the
    estimate ("ước đạt 8.200 tỷ đồng, trong đó: khu vực A đạt …", "…, khu vực dịch vụ đạt …")."""
    own = _OWN_RESULT.search(sentence, since, pos)
    return own is not None and _new_subject(own.group(1)) and not _SECTOR_ITEM.match(own.group(1)) \
        and _BREAKDOWN.search(sentence, since, pos) is None


def _target_before(sentence: str, pos: int) -> bool:
    """A target word ("phấn đấu", "mục tiêu") earlier in the sentence: found once per
    sentence, not searched again in each figure's prefix (that was quadratic)."""
    return any(end <= pos < until for end, until in _target_reaches(sentence))


def _sentences(text: str):
    start = 0
    depth_at, depth = 0, 0  # brackets open between start and the last ";" looked at
    for m in _SENTENCE_END.finditer(text):
        if m.group() == ";":
            # Counted incrementally: recounting from the sentence start at each ";" was quadratic.
            depth += text.count("(", depth_at, m.start()) - text.count(")", depth_at, m.start())
            depth_at = m.start()
            if depth > 0:
                continue  # "271.034 (đầu tư 136.502; sự nghiệp 135.000)": one sentence
        if m.end() > start:
            yield start, m.end()
        start = depth_at = m.end()
        depth = 0
    if start < len(text):
        yield start, len(text)


def _clause_bounds(text: str, base: int) -> tuple[int, int, int]:
    """The start of the paragraph (1.500 characters back at most: linear time), of the sentence (up to
    its full stop) and of the first word of the clause starting at ``base``, which may be the space
    after a full stop."""
    line_start = text.rfind("\n", max(0, base - 1500), base) + 1 or max(0, base - 1500)
    start = base + len(text[base : base + 8]) - len(text[base : base + 8].lstrip())
    full_stop = text.rfind(". ", line_start, start)
    return line_start, full_stop + 2 if full_stop >= 0 else line_start, start


def _matches(sentence: str):
    compounds = list(COMPOUND_MONEY_RE.finditer(sentence)) if "tỷ" in sentence or "tỉ" in sentence else []
    found = [
        (m, False) for m in QUANTITY_RE.finditer(sentence)
        if not any(c.start() <= m.start() < c.end() for c in compounds)  # few: a plain scan
    ]
    found += [(c, False) for c in compounds]
    found.sort(key=lambda item: item[0].start())
    starts = [m.start() for m, _ in found]  # in order and not overlapping
    ends = [m.end() for m, _ in found]
    for m in BARE_RE.finditer(sentence):
        i = bisect_right(starts, m.start()) - 1  # the quantity that could cover it, found by bisection
        if i < 0 or m.start() >= ends[i]:
            found.append((m, True))
    return sorted(found, key=lambda item: item[0].start())


class _Extractor:
    def __init__(self, doc: Document, ctx: DocContext):
        self.doc, self.ctx = doc, ctx
        self.facts: list[Fact] = []
        self._plan_only: tuple[int, str] | None = None  # (end, subject) of a rate of plan read as no fact

    def run(self) -> list[Fact]:
        for seg in self.doc.segments:
            for a, b in _sentences(seg.text):
                self._sentence(seg, a, seg.text[a:b])
        return self.facts

    def _sentence(self, seg: Segment, base: int, sentence: str) -> None:
        current: Fact | None = None
        counted_self: int | None = None  # end of "N chỉ tiêu" counting the report's own indicators
        outer: list[tuple[int, Fact]] = []  # facts before an open bracket, by bracket position
        last_end = 0
        for m, bare in _matches(sentence):
            compound = m.re is COMPOUND_MONEY_RE
            value = compound_value(m) if compound else to_decimal(m.group("value"))
            if value is None or is_not_a_value(sentence, m.start(), m.end(), m.group("value")):
                continue
            if compound:
                unit = compound_unit(m)
            else:
                unit = None if bare else money_unit(clean_unit(m.group("unit1") or m.group("unit")), sentence)
            if (unit == "%" and self._alone_on_its_line(seg, base, m)) or is_meta_count(
                # ("100% đại biểu": the words after the rate, which the match took as its unit)
                unit, sentence, sentence[(m.end("unit1") if not bare and not compound and m.group("unit1") else m.end()) :][:30],
                sentence[max(0, m.start() - 30) : m.start()],
                seg.text[_clause_bounds(seg.text, base)[1] : base],
            ):
                last_end = m.end()  # a figure alone on its line (a page's zoom "100%"), who attended a meeting
                continue
            if is_merged_units(unit, sentence, m.start()):
                current, last_end = None, m.end()  # "sáp nhập 3 xã": how the unit was organised
                continue
            if unit in ("tiêu chí", "tiêu chí/xã") and current is not None and (
                (current.unit in ("xã", "thôn", "bản") and re.fullmatch(r"\s(?:đã\s)?đạt\s(?:chuẩn\s)?", sentence[last_end : m.start()]))
                or (current.unit == "%" and _SHARE_OF_COMMUNES.fullmatch(sentence[last_end : m.start()]))
            ):
                # "6 xã đạt 19/19 tiêu chí", "12,2% tổng số xã trên toàn tỉnh đạt 19 tiêu chí": which
                # communes, not a figure of its own
                last_end = m.end()
                continue
            if is_indicator_count(unit, sentence):
                current, last_end = None, m.end()  # "16/30 chỉ tiêu đạt và vượt": the report counting itself
                counted_self = m.end()
                continue
            if unit == "%" and counted_self is not None and PCT_CUE_END.search(sentence[counted_self : m.start()]) \
                    and len(sentence[counted_self : m.start()]) < 40:
                last_end = m.end()  # "hoàn thành 22/23 chỉ tiêu …, đạt 95,65%": the share of those indicators
                continue
            before = sentence[last_end : m.start()]
            after = sentence[m.end() : m.end() + 80]
            if not bare and not compound and m.group("unit1") and m.group("unit").lower() == "chỉ tiêu":
                # after a figure of the sentence it is that figure's; alone ("giao nhận quân đạt
                # 100% chỉ tiêu") it is the fact
                if unit == "%" and current is not None and re.search(
                    r"(?:đạt|bằng|vượt)\s(?:(?:hơn|trên|gần|khoảng)\s)?$", sentence[max(0, m.start() - 16) : m.start()]
                ):
                    # "giảm 693 hộ nghèo, đạt 192,5% chỉ tiêu tỉnh giao": % of plan, not a count
                    self._annotate(current, value, unit, before, f" {m.group('unit')}{after}", m)
                    last_end = m.end()
                    continue
            # "(kế hoạch tăng 9%)": a fact of its own, the plan (a target)
            planned = _PLAN_BRACKET.search(sentence[max(0, m.start() - 40) : m.start()]) is not None
            target = current
            if current is not None and paren_outer(sentence, m.start(), before):
                opened = sentence.rfind("(", 0, m.start() - len(before))
                target = next((f for pos, f in reversed(outer) if pos <= opened), current)
            if target is not None and not planned and self._annotate(target, value, unit, before, after, m):
                last_end = m.end()
                continue
            if target is not None and unit and not bare and self._change_of_earlier(sentence, m, value, unit):
                last_end = m.end()
                continue
            if bare and not RATE_HEAD.match(phrase_before(sentence, m.start(), 0)):
                continue
            if bare:
                unit = "%"  # "tỷ lệ hộ dùng điện 99,8 (đạt KH)": a rate written without its sign
            if unit == "%" and AFTER_PLAN_RE.match(after) is not None \
                    and not _DISBURSED.search(own := phrase_before(sentence, m.start(), 0)):
                last_end = m.end()
                # "tổng mức bán lẻ … đạt 56,3% KH, tăng 32,8% so với cùng kỳ": the growth after it is the subject's
                self._plan_only = (m.end(), own)
                continue
            if unit == "%" and (
                # (alone, "chỉ số sản xuất công nghiệp ước đạt 106% so với năm 2021" is the subject's own index)
                (current is not None and AFTER_PRIOR_RE.match(after) and _LEVEL_CUE_END.search(sentence[max(0, m.start() - 16) : m.start()]))
                or _PLAN_BEFORE_CUE.search(sentence[max(0, m.start() - 50) : m.start()])
            ):
                # "…, chỉ đạt 63,16% so với cùng kỳ" after a figure, "so dự toán giao đạt 42%": a level as a %
                # of last year's or of the plan, a field of a figure (conventions 4, 5), no level of its own
                last_end = m.end()
                continue
            carried = self._carried_subject(sentence, m.start())
            if carried is None and _ORPHAN_CUE.fullmatch(re.split(r"[,;:(]", sentence[last_end : m.start()])[-1]) and (
                AFTER_PRIOR_RE.match(after) or AFTER_PLAN_RE.match(after)
            ):
                last_end = m.end()  # "(tăng 2,3% so với cùng kỳ)" with no figure of its own: not a fact
                continue
            if current is not None:
                outer.append((sentence.rfind("(", 0, m.start()), current))
            current = self._new_fact(seg, base, sentence, m, value, unit, current)
            if carried and _CUE_ONLY_PHRASE.fullmatch(current.indicator or ""):
                current.indicator = f"{carried} {current.indicator}"
            last_end = m.end()
            plan = _PLAN_AFTER_UNIT.match(sentence, m.end())
            if plan and unit and current.plan_value is None and (
                sentence.startswith(unit, plan.end()) or sentence[plan.end() : plan.end() + 1] in ",;)"
            ):
                current.plan_value = to_decimal(plan.group(1))  # "146,51km/187,62km"
                last_end = plan.end() + (len(unit) if sentence.startswith(unit, plan.end()) else 0)
            elif unit and current.plan_value is None:
                last_end = self._counted_again(seg, base, sentence, current, last_end)

    def _carried_subject(self, sentence: str, pos: int) -> str | None:
        """The subject of a rate of plan dropped just before ("… đạt 71,7% KH, tăng 127%"), when only
        the plan's words and a change word stand between them; None otherwise."""
        plan_only, self._plan_only = self._plan_only, None
        if plan_only is None or plan_only[0] > pos or not plan_only[1]:
            return None
        between = sentence[plan_only[0] : pos]
        return plan_only[1] if _PLAN_THEN_CHANGE.fullmatch(between) else None

    def _change_of_earlier(self, sentence, m, value, unit) -> bool:
        """"120 vụ/150 đối tượng (tăng 22 vụ, 19 đối tượng so với cùng kỳ)", "6 đám, 2.015 m2 (tăng 01
        đám, giảm 135m2 so với …)": in a bracket of changes, a figure in the unit of an earlier figure
        of the sentence is that figure's change."""
        opened = sentence.rfind("(", max(0, m.start() - 120), m.start())
        inside = sentence[opened : m.start()] if opened >= 0 else ""
        if not CHANGE_BRACKET_RE.match(inside) or ")" in inside:
            return False
        close = sentence.find(")", m.end(), m.end() + 120)
        if close < 0 or not re.search(r"\bso\s", sentence[m.end() : close]):
            return False
        for fact in self.facts[-1:-9:-1]:  # the last few figures of this sentence, before the bracket
            if fact.extra.get("sentence") is not sentence:
                break
            if fact.extra["offset"] < opened and fact.unit == unit and fact.change_vs_prior is None:
                return self._set_change(fact, value, unit, re.findall(r"tăng|giảm", inside, re.IGNORECASE)[-1])
        return False

    def _counted_again(self, seg, base, sentence, fact, end):
        """"tiếp 25 lượt/38 người/25 vụ việc", "129 thôn, bản/12.239 lượt người": the same work counted
        in another unit after a slash is a figure of its own (its phrase is its unit); a count of places
        ("46 hợp tác xã/17 xã, thị trấn") is the places it spreads over, kept as the plan column as the
        seeds annotate it. The first figure stays the one a change after them belongs to ("(tăng 03
        lượt/03 vụ việc so với năm 2022)")."""
        first = fact
        while (slash := SLASH_RE.match(sentence, end)) and (m := SLASH_QUANTITY_RE.match(sentence, slash.end())):
            value, unit = to_decimal(m.group("value")), money_unit(clean_unit(m.group("unit")), sentence)
            if value is None or unit == first.unit:
                break
            if is_place_unit(unit):
                first.plan_value = value
                return m.end()
            fact, end = self._new_fact(seg, base, sentence, m, value, unit, fact, again=True), m.end()
        return end

    def _named_figure(self, fact, what: str):
        """The figure of this sentence that "về <what>" names, by its unit or its words."""
        words = fold(what).removeprefix("so ").removeprefix("tong ").strip()
        recent = []
        for earlier in self.facts[-1:-9:-1]:
            if earlier.extra.get("sentence") is not fact.extra.get("sentence"):
                break
            recent.append(earlier)
        # its unit first ("về số doanh nghiệp"), then its words ("về vốn đăng ký")
        return next((f for f in recent if words and words == fold(f.unit or "")), None) or next(
            (f for f in recent if words and words in fold(f.indicator or "")), None
        )

    def _annotate(self, fact, value, unit, before, after, m) -> bool:
        """Attach a follow-up number to ``fact``; False if it is a fact of its own."""
        rel_to_plan = AFTER_PLAN_RE.match(after) is not None
        rel_to_prior = AFTER_PRIOR_RE.match(after) is not None
        if unit == "%" and (about := ABOUT_AFTER_RE.match(after)) and (cue := CHANGE_CUE_RE.search(before)) and (
            owner := self._named_figure(fact, about.group("what"))
        ):  # "368 doanh nghiệp … 5.703 tỷ đồng, tăng 10% về số doanh nghiệp và tăng 82,1% về vốn đăng ký"
            if owner.change_vs_prior is None:
                self._set_change(owner, value, unit, cue.group(1))
            return True
        if fact.change_vs_prior is not None and re.fullmatch(r"\s?,?\s?(?:tương đương|tương ứng)(?: với)?\s?", before) \
                and unit and fact.unit and unit != "%" and (unit == fact.unit or unit.split()[-1] == fact.unit.split()[-1].split("/")[0]):
            fact.extra["change_amount"] = (value, unit)  # "22,4 triệu đồng (tăng 7,7% tương đương 1,6 triệu đồng)"
            return True
        if (sign := SIGNED_OPEN_RE.fullmatch(before)) and unit and (unit in (fact.unit, "%") or unit.split("/")[0] == (fact.unit or "").split("/")[0]):
            # "chiếm 26,38% (-0,99% so với năm 2022)", "giảm 2,8% (-46 triệu USD)": the signed change of the figure
            signed = value if (sign.group("sign") or sign.group("after_comma")).strip() == "+" else -value
            if fact.change_vs_prior is None:
                return self._set_change(fact, value, unit, "giảm" if signed < 0 else "tăng")
            fact.extra.setdefault("change_amount", (signed, unit))
            return True
        if fact.change_vs_prior is not None and fact.unit not in _RATE_UNITS and (
            equal := EQUIVALENT_CHANGE_RE.fullmatch(before)
        ) and (unit == "%" or (unit or "").split("/")[0] == (fact.unit or "").split("/")[0]):
            # "tăng … 6,8 triệu đồng (tương đương tăng 14,8%)", "tăng 3,01% (tương ứng tăng 1.115 tỷ đồng)":
            # the same change as a percentage, or as an amount
            signed = -value if equal.group("verb").lower() == "giảm" else value
            fact.extra["change_pct" if unit == "%" else "change_amount"] = signed if unit == "%" else (signed, unit)
            return True
        if fact.unit not in _RATE_UNITS and unit not in _RATE_UNITS and unit != fact.unit and EQUIVALENT_RE.fullmatch(before):
            fact.extra["equivalent"] = (value, unit)  # "60,71 triệu đồng/năm, tương đương 2.565 USD": the same amount restated
            return True
        if re.search(r"\bgấp\s$", before) and unit == "lần":
            fact.extra["times_prior"] = value  # "tăng 41,97% … và gấp 3,16 lần về tổng mức đầu tư so với cùng kỳ"
            return True
        if unit == "%" and rel_to_plan and re.fullmatch(
            r"\s?\(\s?(?:(?:tương\sđương|tương\sứng|bằng|đạt)\s(?:(?:hơn|gần|trên|khoảng)\s)?)?", before, re.IGNORECASE
        ):
            # "8.850 tỷ đồng (107,79% kế hoạch)", "(tương đương gần 39,3% kế hoạch": the bracket right
            # after the figure is its % of plan
            if fact.pct_of_plan is None:
                fact.pct_of_plan, fact.extra["plan_word"] = value, True
            return True
        if unit == "%" and rel_to_plan and (fact.pct_of_plan is not None or fact.excess is not None) \
                and fact.unit not in _RATE_UNITS and OTHER_PLAN_BASIS_RE.fullmatch(before):
            fact.extra["pct_of_other_plan"] = value  # "đạt trên 30% dự toán tỉnh và gần 27% dự toán huyện giao"
            return True
        plain = not re.search(r"\d", re.sub(r"\b(?:19|20)\d\d\b", "", before))
        if unit == "%" and plain and len(before) < 150 and PCT_CUE_END.search(before) and (
            rel_to_plan or (fact.plan_value is not None and not rel_to_prior and not re.match(r"\s?so", after))
        ):
            if fact.pct_of_plan is None:
                fact.pct_of_plan = value
                fact.extra["plan_word"] = rel_to_plan
            return True
        if unit == "%" and rel_to_prior and plain and len(before) < 90 and fact.change_vs_prior is None and re.search(
            r"(?:^|[\s,(])bằng\s(?:(?:hơn|gần|trên|khoảng)\s)?$", before
        ):  # "đạt 84% dự toán tỉnh giao và bằng 136,8% cùng kỳ năm trước": % of last year's value
            fact.change_vs_prior, fact.change_unit = value, "% of prior"
            return True
        cue = CHANGE_CUE_RE.search(before)
        if unit == "điểm phần trăm" and fact.unit in _RATE_UNITS:
            # "tỷ lệ hộ nghèo còn 3,2%, giảm 0,8 điểm phần trăm", "dự báo đạt 3,1%, điều chỉnh tăng 0,3
            # điểm phần trăm": the rate's change in points; "…, làm tăng 0,18 điểm phần trăm" (a share
            # of growth) names its own subject
            if cue and plain and len(before) < 90 and not _new_subject(re.sub(r"\bđiều\schỉnh\s*$", "", before[: cue.start(1)])):
                return self._set_change(fact, value, fact.unit, cue.group(1))
            return False
        if cue and _new_subject(before[: cue.start(1)]):
            return False  # "…, trong đó tổng mức bán lẻ hàng hóa tăng 13,53%": its own growth rate
        if cue and plain and len(before) < 250 and (unit == fact.unit or unit == "%") and PRIOR_SOON.match(after):
            return self._set_change(fact, value, unit, cue.group(1))
        if first := CHANGE_FIRST.search(before):
            # ("53,6 triệu đồng/người/năm, tăng so với năm 2022 khoảng 6,8 triệu đồng": the unit's head)
            if plain and (unit in (fact.unit, "%") or (unit or "").split("/")[0] == (fact.unit or "").split("/")[0]):
                return self._set_change(fact, value, unit, first.group(1))
        if len(before) > 90:
            return False
        if unit == "%" and PCT_OF_PLAN_RE.search(before[-25:] if "(" not in before[-25:] else before[before.rfind("(") :]):
            if rel_to_plan or (not rel_to_prior and fact.pct_of_plan is None and "so" not in after[:4]):
                if fact.pct_of_plan is None:
                    fact.pct_of_plan = value
                    fact.extra["plan_word"] = rel_to_plan
                return True
            if rel_to_prior:
                fact.change_vs_prior, fact.change_unit = value, "% of prior"
                return True
        if EXCESS_CUE_RE.search(before) and rel_to_prior:  # "vượt 5,81% so với cùng kỳ" is growth
            if fact.change_vs_prior is None:
                self._set_change(fact, value, unit, "tăng")
            return True
        if EXCESS_CUE_RE.search(before) and (rel_to_plan or unit not in _RATE_UNITS):
            fact.excess = value
            fact.excess_unit = self._excess_unit(fact, unit)
            fact.status = fact.status or "exceeded"
            return True
        if cue and (rel_to_prior or unit == fact.unit or unit == "%"):
            return self._set_change(fact, value, unit, cue.group(1))
        return False

    def _set_change(self, fact, value, unit, cue: str) -> bool:
        sign = -1 if cue.lower() in ("giảm", "thấp hơn", "ít hơn") else 1
        fact.change_vs_prior = sign * value
        fact.change_unit = unit if unit not in _RATE_UNITS or fact.unit not in _RATE_UNITS else (
            "pp" if unit == fact.unit else unit
        )
        return True

    @staticmethod
    def _excess_unit(fact: Fact, unit: str | None) -> str | None:
        if unit == "%":
            return "pp" if fact.unit in _RATE_UNITS else "%"
        if unit is None:
            return "pp" if fact.unit in _RATE_UNITS else fact.unit
        return "pp" if unit == "‰" and fact.unit == "‰" else unit

    @staticmethod
    def _relative_target(fact: Fact) -> None:
        """A target whose subject ends in "tăng"/"giảm" is a change from last year's value:
        kept as the signed change (``change_vs_prior``) with its basis; for a rate a bare
        "%" could be points or % of last year, so it is left for a person (domain.md §4)."""
        m = _RELATIVE_VERB.match(fact.indicator or "")
        if not m or _CHANGE_NAME.search(m.group("subject")):
            return
        rate = _RATE_NAME.search(m.group("subject")) is not None
        if fact.unit == "%" and rate:
            return
        sign = -1 if m.group("verb").lower() == "giảm" else 1
        fact.indicator = m.group("subject")
        fact.change_vs_prior = sign * fact.value
        if fact.unit == "%":
            fact.basis, fact.change_unit = "prior_pct", "% of prior"
        else:
            fact.basis, fact.change_unit = "prior_points", "pp" if fact.unit in _RATE_UNITS else fact.unit
        if sign < 0:  # "giảm trên 5%": the bound turns round
            fact.comparator = {">": "<", "<": ">", ">=": "<=", "<=": ">="}.get(fact.comparator, fact.comparator)

    def _alone_on_its_line(self, seg, base: int, m) -> bool:
        """A figure that is the whole of its line in the file: a web page's zoom "100%" (only
        percentages are dropped so: a PDF table may put "36.595,83 tấn" on a line of its own)."""
        start, end = self.doc.span(seg, base + m.start(), base + m.end())
        text = self.doc.original
        before = text[max(0, start - 200) : start]
        after = text[end : end + 200]  # bounded: a longer line is not a lone figure anyway
        return "\n" in after and before[before.rfind("\n") + 1 :].strip() == "" and after[: after.find("\n")].strip() == "" \
            and ("\n" in before or start < 200)

    def _across_lines(self, seg, pos: int, figure_start: int) -> bool:
        """Whether a line break of the original file lies between ``pos`` (in the segment) and the figure."""
        at = self.doc.span(seg, pos, pos + 1)[0]
        return "\n" in self.doc.original[at:figure_start]

    def _parts_of(self, seg, base: int, sentence: str) -> Fact | None:
        """The total whose parts this sentence lists after "; trong đó" (still the total's sentence;
        after a full stop the parts are stated on their own)."""
        last = self.facts[-1] if self.facts else None
        if last is not None and _PARTS_OPEN.match(sentence) and seg.text[base - 1 : base] == ";" and \
                last.extra.get("segment") is seg and base - last.extra.get("base", 0) < 600 and \
                not _FULL_STOP.search(seg.text, last.extra.get("base", 0) + last.extra["offset"], base):
            return last  # not a figure of the sentence before ("… 64 tỷ đồng. Năm 2026, đề ra 18 chỉ tiêu; trong đó")
        return None

    def _parts_after_cutoff(self, seg, base: int, sentence: str) -> Fact | None:
        """The total at a cut-off month whose parts this sentence opens ("Trong đó, …" after its full stop)."""
        last = self.facts[-1] if self.facts else None
        if last is not None and last.extra.get("cutoff") and _PARTS_OPEN.match(sentence) and \
                last.extra.get("segment") is seg and 0 <= base - last.extra.get("base", 0) < 600:
            return last
        return None

    def _estimate_carried(self, seg, base: int, sentence: str) -> bool:
        """An estimate said before this sentence that still governs it: the parts after "; trong
        đó" of an estimated total, and a paragraph opened by a cut-off ("ước tính đến ngày 30-9, …")."""
        last = self._parts_of(seg, base, sentence)
        if last is not None and last.kind == "estimate":
            return True
        line_start = seg.text.rfind("\n", max(0, base - 1500), base + 1) + 1
        opening = _CUTOFF_OPENING.match(seg.text, line_start, line_start + 160)
        if opening is None:
            return False
        if opening.group("cutoff") is not None:
            return True
        # "Tỉnh A dự kiến GRDP năm 2023 đạt 11,02%. …": the opening sentence states an estimated figure;
        # a headline glued to the text ("Bắc Giang: Nền kinh tế dự kiến dẫn đầu cả nước năm 2023") states none
        head = seg.text[line_start : line_start + 300]
        end = _SENTENCE_END.search(head, opening.end())
        return QUANTITY_RE.search(head, opening.end(), end.end() if end else len(head)) is not None

    def _estimate_sibling(self, seg, base: int, sentence: str, pos: int) -> bool:
        """"Kim ngạch xuất khẩu ước đạt 410 triệu USD; nhập khẩu 275 triệu USD": a ";" item naming its
        subject with no verb of its own keeps the estimate of the item before it in its sentence."""
        if seg.text[base - 1 : base] != ";" or not _VERBLESS_ITEM.fullmatch(sentence, 0, pos):
            return False
        last = self.facts[-1] if self.facts else None
        if last is None or last.kind != "estimate" or last.extra.get("segment") is not seg:
            return False
        last_at = last.extra.get("base", 0) + last.extra["offset"]
        return 0 < base - last_at < 600 and not _FULL_STOP.search(seg.text, last_at, base)

    def _estimate_breakdown(self, seg, base: int) -> bool:
        """The clause at ``base`` goes on breaking down an estimated total. Within its sentence: the last
        figure before it is an estimate and the breakdown was opened (a "trong đó" outside closed
        brackets, a sentence opened by "Trong đó, …") or the clause opens it again ("; riêng …", "; khu
        vực dịch vụ …"). As a new sentence: it opens the breakdown ("Trong đó, …", "Trong 5,56% tăng
        trưởng thì …") and the last figure of the sentence before, in its paragraph, is an estimate."""
        text = seg.text
        line_start, sentence_start, start = _clause_bounds(text, base)
        before = text.rfind(". ", line_start, max(line_start, sentence_start - 2))
        previous_start = before + 2 if before >= 0 else line_start
        structure = None
        if text[sentence_start:start].strip(" ;,") == "":  # the sentence's first clause
            if not (_BREAKDOWN_OPEN.match(text, base) or (structure := _STRUCTURE_OPEN.match(text, base))):
                return False
            last = self._last_total(seg, previous_start, base)
        elif _OWN_STATEMENT.match(text, base):
            return False  # "…, trong đó lúa 18.000 ha; đã dồn điền 250 ha": a statement of its own, not a part
        else:
            # the total is the figure before the word that opened the breakdown (outside closed brackets);
            # with none, a clause that opens it ("; khu vực dịch vụ tăng …", "; Nếu tách riêng …") follows
            # the figure before it
            chunk = _BRACKETED.sub(lambda b: " " * len(b.group()), text[sentence_start:base])
            opened = _last(_BREAKDOWN.finditer(chunk)) or _BREAKDOWN_OPEN.match(chunk) or (structure := _STRUCTURE_OPEN.match(chunk))
            if opened is not None:
                at = sentence_start + opened.start()
                last = self._last_total(seg, previous_start if at - sentence_start < 4 else sentence_start, at)
            elif _BREAKDOWN_OPEN.match(text, base) or _SECTOR_ITEM.match(text, base):
                last = self._last_total(seg, sentence_start, base)
            else:
                return False
        if structure is not None and last is not None and (
            "\n" in self.doc.original[last.start : self.doc.span(seg, sentence_start, sentence_start + 1)[0]]
            or not _OUTPUT_WORDS.search(last.indicator or "")
        ):
            return False  # in a paragraph of its own, or after another figure (income per head), stated on its own
        return last is not None and last.kind == "estimate"

    def _last_total(self, seg, since: int, until: int) -> Fact | None:
        """The last figure read between ``since`` and ``until`` of the segment that can be a total: not
        last year's figure quoted in brackets, not a finished quarter or half named inside the period."""
        for fact in reversed(self.facts[-40:]):  # bounded: linear time
            at = fact.extra.get("base", 0) + fact.extra.get("offset", 0)
            if fact.extra.get("segment") is not seg or at < since:
                return None
            if at < until and not fact.extra.get("prior_figure") and not fact.extra.get("completed_part"):
                return fact
        return None

    @staticmethod
    def _target_carried(seg, base: int) -> bool:
        """"Đại hội đặt mục tiêu thu ngân sách đến năm 2030 đạt 180 tỷ đồng; tốc độ tăng … bình quân
        hằng năm 8,5%; …": a target word governs the clauses after ";" up to the sentence's full stop
        (the splitter ends a clause at ";")."""
        if seg.text[base - 1 : base] != ";":
            return False
        line_start = seg.text.rfind("\n", max(0, base - 1500), base) + 1 or max(0, base - 1500)
        stop = _last(_FULL_STOP.finditer(seg.text, line_start, base))
        return _target_opened(seg.text[stop.end() if stop else line_start : base])

    def _target_paragraph(self, seg, at: int) -> bool:
        """"Năm 2026, xã đặt mục tiêu thu nhập … đạt 70 triệu đồng. Tỷ lệ hộ nghèo giảm còn 2%.": a
        paragraph of the file opened by a year whose earlier sentences set targets states targets."""
        text, at = self.doc.original, self.doc.span(seg, at, at + 1)[0]  # the figure's place in the file
        low = max(0, at - 1500)  # bounded: linear time
        para = text.rfind("\n", low, at) + 1 or low
        stop = _last(_FULL_STOP.finditer(text, para, at))
        if stop is None or not _PLAN_YEAR_OPENING.match(text, para, stop.start()) or _PLAN_YEAR_OPENING.match(text, stop.end(), at):
            return False  # a sentence opened by a year of its own ("Năm 2023, …") states that year's
        prefix = text[para : stop.end()]
        return _TARGET_SET.search(prefix) is not None and _target_opened(prefix)

    def _plan_of(self, fact: Fact, seg, base: int, sentence: str, pos: int) -> bool:
        """The figure is a plan's: named so (``_plan_named``), or a part of such a plan listed after
        "trong đó" in its sentence or in the sentence after it ("Kế hoạch vốn … là 266 tỷ đồng. Trong
        đó, ngân sách cấp tỉnh là 184 tỷ đồng, …"). Marks it, so that its own parts follow it."""
        if _plan_named(sentence, pos):
            fact.extra["plan_total"] = True
            return True
        last = self.facts[-1] if self.facts else None
        if last is None or last.extra.get("segment") is not seg:
            return False
        last_at, at = last.extra["base"] + last.extra["offset"], base + pos
        if not 0 < at - last_at < 600:
            return False
        between = seg.text[last_at:at]
        stops = sum(1 for _ in _FULL_STOP.finditer(between))
        if stops == 0 and ";" not in between and ")" not in between and last.kind == "target" and not last.extra.get("plan_total"):
            # "Tỷ lệ lao động qua đào tạo đến năm 2030 đạt 78,75%, trong đó … đạt trên 47%": any target's
            # parts in its clause (not after a plan in brackets: "(KH 1.300 tỷ đồng), trong đó …" are the result's)
            part = re.search(r"\btrong\sđó\b", between, re.IGNORECASE) is not None
            if part:
                fact.extra["plan_total"] = fact.extra["plan_part"] = True
                fact.period = last.period
            return part
        if last.kind != "target" or not last.extra.get("plan_total"):
            return False
        if stops == 0 and ";" not in between:
            part = bool(last.extra.get("plan_part") or re.search(r"\btrong\sđó\b", between, re.IGNORECASE))
        else:  # the parts opening the next sentence
            part = stops == 1 and ";" not in between and _PARTS_OPEN.match(sentence) is not None
        if part:
            fact.extra["plan_total"] = fact.extra["plan_part"] = True
            if not fact.extra.get("own_period"):
                fact.period = last.period  # the plan's year, not the report's half
        return part

    def _future_plan(self, fact: Fact, head: str) -> bool:
        """"Dự kiến quy mô GRDP năm 2026 ước đạt 367.000 tỷ đồng" in a 2025 report: a year not begun
        cannot be estimated from its results, the figure is its plan; not a forecast ("IMF dự báo …")."""
        year = self.ctx.year
        return bool(year and fact.period and len(fact.period) == 4 and fact.period.isdigit()
                    and int(fact.period) > year and not _FORECAST.search(head))

    def _completed_part(self, sub, head: str) -> bool:
        """"GRDP ước 9 tháng tăng 10,55% (6 tháng đầu năm tăng 11,29%, quý III tăng 9,09%)": a quarter or
        half inside the period the text estimates is already reported, an actual; not "quý III ước tăng".
        Also one named after the figure ("tiếp nối mức tăng 11,62% của quý 1-2025", `_PERIOD_AFTER`)."""
        season = _last(_EARLY_SEASON.finditer(head))
        if season is not None and self.ctx.half in ("", "-9M") and not _ESTIMATE.search(head, season.end()):
            return True  # "…, trong đó vụ Đông Xuân đạt 18.400 ha" in a nine-month report: harvested, not estimated
        if sub is not None and sub.re is _PERIOD_AFTER:
            if not (sub.group("qy") or sub.group("h1")):
                return False
        elif sub is None or sub.re is not _SUB_PERIOD or sub.group("year") or _ESTIMATE.search(head, sub.end()):
            return False
        half, quarter = self.ctx.half, _quarter(sub)
        if half == "":
            return True  # a year's report: its quarters, half and nine months
        if half == "-9M":
            return bool(sub.group("h1")) or quarter is not None and quarter != 4
        return half == "-H1" and quarter is not None and quarter in (1, 2)

    @staticmethod
    def _year_opening(seg, at: int) -> str | None:
        """The year that opens the sentence (up to its full stop) holding ``at``, if one does."""
        low = max(0, at - 1500)  # bounded: linear time
        line_start = seg.text.rfind("\n", low, at) + 1 or low
        start = max(line_start, seg.text.rfind(". ", line_start, at) + 2)
        opened = _YEAR_OPENING.match(seg.text, start, at) or _YEAR_OPENING_GLUED.search(seg.text, start, at)
        return opened.group(1) if opened else None

    def _paragraph_plan_year(self, seg, at: int) -> str | None:
        """The year after the report's that opens the figure's paragraph of the file ("Năm 2026, huyện
        đặt mục tiêu …. Tỷ lệ nghèo giảm 2,5%"): next year's plan governs the paragraph's sentences."""
        text, at_original = self.doc.original, self.doc.span(seg, at, at + 1)[0]
        low = max(0, at_original - 1500)  # bounded: linear time
        para = text.rfind("\n", low, at_original) + 1
        if not para and low:
            return None
        opened = _PARAGRAPH_YEAR.match(text, para, at_original)
        return opened.group(1) if opened and self.ctx.year and int(opened.group(1)) > self.ctx.year else None

    @staticmethod
    def _prior_period(fact: Fact, prior: re.Match) -> None:
        """"(cùng kỳ năm 2022 đạt 19,95%)" in a half-year report is 2022-H1; "(năm 2022: 5.000 tỷ
        đồng)" is 2022; "cao hơn cùng kỳ năm trước (4,9%)" is last year's same period."""
        year = int(fact.period[:4])
        said = prior.group("y") or prior.group("y2") or prior.group("y3")
        before = int(said) if said else year - 1
        if before >= year:
            return
        same = prior.group("ck") or prior.group("ck2")
        rest = fact.period[4:]
        fact.period = str(before) + (rest if same and _INTERIM.fullmatch(rest) else "")
        fact.extra["prior_figure"] = True

    def _cutoff_opening_paragraph(self, seg, at: int) -> re.Match | None:
        """"Tính đến ngày 20/5, … xảy ra 1 đợt hạn hán. Ước thiệt hại 191 tỷ đồng": a cut-off that opens
        the paragraph of the file (the normalizer may have glued it to the line before) governs it."""
        text, at_original = self.doc.original, self.doc.span(seg, at, at + 1)[0]
        low = max(0, at_original - 1500)  # bounded: linear time
        para = text.rfind("\n", low, at_original) + 1
        return _CUTOFF_LEAD.match(text, para, at_original) if para or not low else None

    def _cutoff_month(self, seg, at: int, year: str) -> str | None:
        """"tính đến ngày 20/5/2024, toàn tỉnh có 368 doanh nghiệp": a count at a cut-off date before the
        report's last month is that month's ("2024-05"); in its last month ("đến 10/6" in a half-year
        report, "đến 15/12" in a year's) it is the report's own (docs/extraction.md, conventions 2, 3)."""
        low = max(0, at - 1500)  # bounded: linear time
        line_start = seg.text.rfind("\n", low, at) + 1 or low
        start = max(line_start, seg.text.rfind(". ", line_start, at) + 2)
        cut = _last(_CUTOFF.finditer(seg.text, start, at)) or self._cutoff_opening_paragraph(seg, at)
        if cut is None:
            return None
        src = cut.string  # the segment's text, or the file's for a paragraph's opening
        if re.search(r"\btừ\s", src[max(start if src is seg.text else cut.start(), cut.start() - 20) : cut.start()], re.I):
            return None  # "từ ngày 1/1 đến 30/6": the span, not a cut-off
        if re.match(r"\s?[/.-]\s?1\d\d\d\b", src[cut.end() : cut.end() + 7]):
            return None  # "cho đến tháng 5/1951": history, not the report's year
        month = int(cut.group("m") or cut.group("m2") or cut.group("m4"))
        end = {"": 12, "-H1": 6, "-9M": 9, "-Q1": 3, "-Q2": 6, "-Q3": 9, "-Q4": 12}.get(self.ctx.half)
        if not 1 <= month <= 12 or end is None or month >= end:
            # the statistics of a period are cut off in its last month; after it ("đến tháng 9/2018" in a
            # half-year report) the figure is the report's, written later
            return None
        return f"{cut.group('y') or cut.group('y2') or cut.group('y3') or cut.group('y4') or year}-{month:02d}"

    def _joined_line_start(self, seg, base: int, sentence: str, pos: int) -> int:
        """Where the figure's own line of the file starts in ``sentence``, when a line above without a
        full stop was joined to it and this line opens a sentence ("1. Tài chính" / "Kế hoạch tổng thu …",
        a caption "Quang cảnh hội nghị" / "Giá trị sản xuất … đạt"); 0 when none was."""
        original, offsets = self.doc.original, seg.offsets
        low = max(0, pos - PHRASE_CHARS)  # bounded: only the phrase's own reach is read
        at = sentence.rfind(" ", low, pos)
        while at > 0:
            if base + at < len(offsets) and original[offsets[base + at]] == "\n":
                return max(0, own_line_start(sentence, at + 1))
            at = sentence.rfind(" ", low, at)
        return 0

    def _new_fact(self, seg, base, sentence, m, value, unit, previous, again: bool = False) -> Fact:
        phrase, shared = phrase_before(sentence, m.start(), 0), None
        if (line_start := self._joined_line_start(seg, base, sentence, m.start())) and \
                (own := phrase_before(sentence, m.start(), line_start)) and not is_weak(own):
            phrase = own  # the title or heading above is not part of what is measured
        if again or sentence[max(0, m.start() - 200) : m.start()].rstrip().endswith("="):  # bounded: linear time
            phrase = unit or ""  # "98 lượt với 99 người = 98 vụ việc": the same events, counted again
        elif unit in _RATE_UNITS and previous is not None and previous.extra.get("sentence") is sentence \
                and not re.search(r"(?<!mức độ )(?<!loại )(?<!hạng )\d", sentence[previous.extra["offset"] + len(previous.raw) : m.start()]) \
                and (share := share_phrase(phrase, previous.indicator)):
            phrase, shared = share, previous
            if whole := _WHOLE_AFTER.match(sentence, m.end()):
                phrase = f"{phrase} trong {whole.group('whole').lower()}"  # "chiếm 2,5% GDP cả nước": of that whole
        if previous is not None and previous.extra.get("sentence") is sentence and re.fullmatch(
            r"(?:tương đương|tương ứng)(?: với)?", phrase
        ):  # "vốn đầu tư tăng 30,89%, tương đương 3.562 tỷ đồng": the same subject, as an amount
            phrase = re.sub(r"\s(?:tăng|giảm)$", "", previous.indicator or "")
        counted = m.group("unit") if "unit1" in m.re.groupindex and m.group("unit1") else None
        named = None
        if unit and unit not in _RATE_UNITS and is_weak(phrase):
            named = _NAMES_THEN_UNIT.match(sentence, m.end()) or _NAMES_IN_BRACKET.match(sentence, m.end())
            if named and named.groupdict().get("unit") and named.group("unit").lower() != unit.lower():
                named = None
        if named:
            # "2 xã Thạch Kênh, Việt Tiến được công nhận xã đạt chuẩn NTM nâng cao", "1 xã (Thạch Đài)
            # đạt chuẩn …": the names are which ones; what is counted follows them
            repeated = bool(named.groupdict().get("unit"))
            rest = predicate_after(sentence, named.start("unit") - 1 if repeated else named.end())
            if repeated:
                rest = rest.removeprefix(unit.lower()).strip()
            phrase = f"{unit} {rest}".strip() if rest else phrase
        elif (is_weak(phrase) or topic_then_count(phrase, sentence, m.start(), unit)) and (
            after := predicate_after(sentence, m.end())
        ):
            # "85% thôn có đường": the regex took "thôn" with the sign; it opens the subject
            phrase = subject_phrase(phrase, unit, f"{counted.lower()} {after}" if counted else after, unit in _RATE_UNITS)
        elif noun := ("" if unit in _RATE_UNITS else noun_after(sentence, m.end())):
            phrase = f"{phrase} {noun}".strip()
        elif short_verb(phrase, unit, sentence[max(0, m.start() - 40) : m.start()]):
            phrase = f"{phrase} {unit.lower()}"  # "phá thành công 5 chuyên án": the verb and what it counts
        alt = predicate_after(sentence, m.end())
        if alt and unit and unit not in _RATE_UNITS:
            alt = f"{unit.split('/')[0]} {alt}"
        if not phrase and (base_only := price_base_only(sentence, m.start())) and self.facts \
                and self.facts[-1].extra.get("segment") is seg and base - self.facts[-1].extra.get("base", 0) < 600:
            # "…; theo giá hiện hành là 33.680 tỷ đồng": the item before, in another price series
            before_base = re.sub(r"\s*theo giá (?:so sánh|hiện hành|thực tế).*$", "", self.facts[-1].indicator or "")
            phrase = f"{before_base} {base_only}".strip()
        if not phrase and unit and unit not in _RATE_UNITS:
            phrase = unit.split("/")[0]  # "với 109 cán bộ, công chức": the unit names what is counted
        cmp_match = COMPARATOR_RE.search(sentence[max(0, m.start() - 14) : m.start()])
        start, end = self.doc.span(seg, base + m.start(), base + m.end())
        head = sentence[max(0, m.start() - 80) : m.start()]  # only its last 80 characters are read
        fact = Fact(
            indicator=phrase,
            value=value,
            unit=unit,
            quote=self.doc.original[start:end],
            line=self.doc.line_of(start),
            start=start,
            end=end,
            raw=m.group(0),
            in_footnote=seg.kind == "footnote",
            comparator=COMPARATORS[cmp_match.group("c").lower()] if cmp_match else "=",
        )
        if "plan" in m.re.groupindex and m.group("plan"):
            fact.plan_value = to_decimal(m.group("plan"))
        section = self.ctx.section_at(seg.offsets and base) if seg.kind == "body" else None
        is_plan = bool(section and section.is_plan)
        year = section.year if section else self.ctx.year
        fact.period = f"{year}{'' if is_plan else self.ctx.half}" if year else None
        # not the basis of a comparison: "tăng 5,56% so với 6 tháng đầu năm 2023, quí I tăng 4,47%",
        # "nâng dư nợ lên 713 tỷ đồng, tăng 3,2% so với cuối năm 2021, thu nợ 184,2 tỷ đồng"
        # searched from a position, not in a slice: a window cut inside "cùng kỳ năm 2024" would hide the
        # "kỳ " that tells the comparison's year
        near = max(0, len(head) - 60)
        # nor the year a stock was carried over from: "đơn năm 2023 chuyển sang 03 đơn" is this period's
        years = [y.group(1) for y in _YEAR.finditer(head, near)
                 if not _COMPARED_PERIOD.search(head, near, y.start()) and not _CARRIED_OVER.match(head, y.end())]
        if years and not AFTER_PRIOR_RE.search(head[-30:]):
            fact.period = years[-1] if (is_plan or years[-1] != str(self.ctx.year)) else fact.period
        opened = None
        if not years and not is_plan and fact.period and (opened := self._year_opening(seg, base + m.start())) \
                and (opened != str(year) or not self.ctx.half):
            fact.period = opened  # the report's own year keeps its half, as "năm 20XX" before a figure does
        elif not years and not opened and not is_plan and fact.period and (planned := self._paragraph_plan_year(seg, base + m.start())):
            fact.period = planned  # "Thực hiện nhiệm vụ năm 2026, … . Thu ngân sách đạt trên 154 tỷ đồng"
        # the report's own year before the figure does not undo its cut-off: "Tổng giá trị giải ngân đến
        # ngày 30/11/2023 …, trong đó: Giải ngân kế hoạch năm 2023 là 118.125 triệu đồng"
        if not is_plan and fact.period == f"{year}{self.ctx.half}" and (
            cut := self._cutoff_month(seg, base + m.start(), str(year))
        ):
            fact.period = cut
            fact.extra["cutoff"] = True
        elif not is_plan and fact.period == f"{year}{self.ctx.half}" and (last := self._parts_after_cutoff(seg, base, sentence)):
            fact.period = last.period  # "Tính đến ngày 15/11, tổng thu đạt 24,5 tỷ đồng. Trong đó, thu cân đối 6,8 tỷ đồng"
        # a sub-period in a bracket closed before the figure was that bracket's: "(6 tháng tăng 11,29%,
        # quý III tăng 9,09%), trong đó: khu vực nông nghiệp 1.574 tỷ đồng" is the sentence's own period
        sub = None if is_plan else _last(
            s for s in _SUB_PERIOD.finditer(head[-90:]) if head[-90:].count(")", s.end()) <= head[-90:].count("(", s.end())
        )
        month = None if is_plan else _last(_MONTH.finditer(head[-90:]))
        if month and self._across_lines(seg, base + max(0, m.start() - 80) + month.start(), start):
            month = None  # a title line glued to the body by the normalizer ("… tháng 6 năm 2019 tỉnh A")
        if month and fact.period and (sub is None or month.start() > sub.start()) and 1 <= int(month.group("mm")) <= 12:
            # "chỉ số sản xuất công nghiệp tháng 9 ước tăng 12,4%", "sản lượng tháng 6/2018": that month
            sub = month
            fact.period = f"{month.group('y') or month.group('y2') or fact.period[:4]}-{int(month.group('mm')):02d}"
        elif sub and fact.period:
            y = sub.group("y") or sub.group("qy") or fact.period[:4]
            if sub.group("h1"):
                fact.period = f"{y}-H1"
            elif sub.group("m9"):
                fact.period = f"{y}-9M"
            elif sub.group("mn"):
                fact.period = f"{y}-{int(sub.group('mn').split()[0]):02d}"
            elif quarter := _quarter(sub):
                fact.period = f"{y}-Q{quarter}"
            else:
                fact.period = y
        after = _PERIOD_AFTER.match(sentence, m.end())
        if not is_plan and fact.period and after and (after.group("y") or after.group("qy")):
            sub = after
            if after.group("y"):
                fact.period = after.group("y") + ("-H1" if after.group("h1") else "")
                if self.ctx.year and int(after.group("y")) < self.ctx.year:
                    fact.extra["prior_figure"] = True  # quoted for comparison: not estimated
            else:
                fact.period = f"{after.group('qy')}-Q{_quarter(after)}"
        elif not is_plan and fact.period and (said := _YEAR_AFTER.match(sentence, m.end())) \
                and _FROM_TO.search(sentence, max(0, m.start() - 12), m.start()):
            sub = said
            fact.period = said.group(1)
            if self.ctx.year and int(fact.period) < self.ctx.year:
                fact.extra["prior_figure"] = True  # the year changed from, quoted for comparison
        elif not is_plan and year and fact.period == f"{year}{self.ctx.half}" and after and after.group("term"):
            fact.period = str(year - 5)
            fact.extra["prior_figure"] = True
        elif self.ctx.half and fact.period == f"{year}{self.ctx.half}" and after and after.group("whole"):
            fact.period = after.group("wy") or str(year)
        if not is_plan and fact.period and (prior := _PRIOR_BRACKET.search(head[-50:])):
            self._prior_period(fact, prior)
        if sub or (years and fact.period == years[-1]):
            fact.extra["own_period"] = True
        elif (parts_of := self._parts_of(seg, base, sentence)) is not None and parts_of.extra.get("own_period"):
            fact.period = parts_of.period  # "tháng 6/2018 ước đạt 45,11 nghìn tấn; trong đó: tôm 16,06 nghìn tấn"
        if is_plan or _target_before(sentence, m.start()) or _TARGET_SOON.search(head[-60:]) or _PLAN_BRACKET.search(head[-40:]) \
                or _RESULT_AFTER.match(sentence, m.end()) or self._target_paragraph(seg, base + m.start()) \
                or self._target_carried(seg, base) \
                or self._plan_of(fact, seg, base, sentence, m.start()):
            fact.kind = "target"
            self._relative_target(fact)
            # "theo kế hoạch cuối năm 2020 số xã đạt chuẩn", "Năm 2023, huyện phấn đấu …" in a quarter's
            # report: the whole year, not the half or the quarter
            named = years[-1] if years else opened
            if named and not sub and not is_plan and fact.period and fact.period[:4] == named:
                fact.period = named
            elif not named and not sub and not is_plan and self.ctx.plan_year and fact.period == str(self.ctx.year):
                fact.period = str(self.ctx.plan_year)  # "phấn đấu giảm tỷ lệ hộ nghèo dưới 0,22%": next year's
        if year and fact.period and not sub and (not years or _SINCE_HEAD.search(head[-60:])):
            at = base + m.start()
            # the paragraph is looked at 1.500 characters back at most: with no line break found,
            # a search from the text's start for ". " made a text without full stops quadratic
            line_start = seg.text.rfind("\n", max(0, at - 1500), at) + 1 or max(0, at - 1500)
            clause = seg.text[max(line_start, seg.text.rfind(". ", line_start, at) + 2, at - 300) : at]
            span = span_period(
                seg.text[line_start:at], clause, int(year), fact.kind == "target",
                rate=unit in _RATE_UNITS, rate_per_year=unit == "%/năm",
            )
            if span:
                fact.period = span
        completed = self._completed_part(sub, head[-90:])
        if completed:
            fact.extra["completed_part"] = True
        if fact.comparator == "=" and _AT_LEAST_AFTER.match(sentence[m.end():]):
            fact.comparator = ">="  # "55% trở lên"
        elif fact.kind != "target" and not _PRELIMINARY.search(head[-40:]) and not completed and (
            _estimate_near(sentence, m.start()) or _estimate_before(sentence, m.start()) or self._estimate_carried(seg, base, sentence)
            or self._estimate_sibling(seg, base, sentence, m.start())
            or _FORECAST.search(head) or self._estimate_breakdown(seg, base)
        ):  # "ước tính 9 tháng tăng 12,46% (sơ bộ quý II tăng 10,97%)": a preliminary figure is not an estimate
            fact.kind = "estimate"
        if fact.kind == "estimate" and fact.extra.get("prior_figure"):
            fact.kind = "actual"  # last year's figure, quoted for comparison, is not estimated
        if fact.kind == "estimate" and self._future_plan(fact, head):
            fact.kind = "target"
        commune = _COMMUNE.search(head[-80:])
        fact.org_unit = " ".join(commune.group(1).split()) if commune else self.ctx.org_unit
        status = STATUS_RE.match(sentence[m.end() : m.end() + 30].lstrip())
        if status:
            word = status.group("s").lower()
            fact.status = {"vượt": "exceeded", "đạt": "met"}.get(word, "not_met")
        fact.confidence = 0.9 if unit and len(phrase.split()) >= 2 else 0.6
        if shared is not None and shared.extra.get("sentence") is sentence:
            fact.extra["share_of"] = shared
        fact.extra["alt_phrase"] = alt
        fact.extra["sentence"] = sentence
        fact.extra["offset"] = m.start()
        fact.extra["segment"], fact.extra["base"] = seg, base
        self.facts.append(fact)
        return fact


def _last(matches):
    found = None
    for found in matches:  # noqa: B007 - the last one is wanted
        pass
    return found


def extract(doc: Document, ctx: DocContext) -> list[Fact]:
    return _Extractor(doc, ctx).run()


def resolve_excess(fact: Fact) -> None:
    """With value and plan both known, pick the excess reading the numbers support."""
    if fact.excess is None or fact.plan_value in (None, Decimal(0)) or fact.excess_unit not in ("%", "pp"):
        return
    relative, points = excess_readings(fact.value, fact.plan_value)
    if abs(relative - fact.excess) < abs(points - fact.excess):
        fact.excess_unit = "%"
    else:
        fact.excess_unit = "pp"
