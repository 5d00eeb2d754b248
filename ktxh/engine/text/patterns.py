"""Regular expressions for numbers, units and the phrases around them.

Units are listed explicitly: a number is a fact only when a unit (or a percent sign)
follows it, which is what keeps years, dates and document numbers out.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Vietnamese notation: dot-grouped thousands, comma decimals; "17,939" is 17.939.
# (?<![A-Za-z]): digits inside a code ("56088c38b9e27bbc22f3", "COVID19") are not a number
# "7.2 ha", "46.8 tạ/ha": a dot followed by one or two digits cannot group thousands, so it is a
# decimal point (texts typed with an English keyboard); "61.000" stays 61 thousand.
NUM = (
    r"(?<![\d.,/A-Za-z])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])"
    # (inside a sentence and before a lower-case unit: "4.1\tTỷ lệ …" is a table row's number)
    r"|(?<=[ (])\d+\.\d{1,2}(?![\d.,])(?=[ ]?(?-i:ha|tấn|tạ|kg|km|%|m2|m3|con|người|hộ|triệu đồng|tỷ đồng)(?![^\W\d_]))"
    r"|(?<![\d.,/A-Za-z])\d+(?:,\d+)?(?![\d.]\d)"
)
PLAN_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d)|\d+(?:,\d+)?(?![\d.]\d)"

_COUNT_NOUNS = """
lượt khách|lượt người|lượt bản|lượt|người|hộ gia đình|hộ dân|hộ|con|xã|thị trấn|thôn|bản|
tiêu chí/xã|tiêu chí|chỉ tiêu|lao động|học sinh|trẻ|cháu|trường|lớp|công trình|dự án|
sản phẩm|doanh nghiệp|hợp tác xã|HTX|cơ sở|mô hình|liều|lít|vụ|đối tượng|thẻ|cuộc|tin|
bài|chương trình|cái|chiếc|căn nhà|căn|ngôi nhà|nhà|ngày công|giờ|buổi|suất|bác sĩ|
giường bệnh|giường|đảng viên|cán bộ|hồ sơ|văn bản|thửa|giấy chứng nhận|viên|MW|kWh|
hội nghị|lần|điểm|tổ|đội|câu lạc bộ|CLB|đơn vị|cơ quan|gam|chậu|cây|phòng học|
phòng|đợt|giải|lớp học|km|m2|m3|ha|tấn|tạ/ha|tạ|kg|USD|đồng|khách|học viên|em|
bệnh nhân|tuyến|cầu|đoàn|gia đình|trạm|điểm trường|nhóm|thành viên|tổ chức|
phiên|quyển|băng|cụm|sổ|trang trại|hecta|héc ta|m|
km2|km²|khách sạn|
trường hợp|vụ việc|đơn|phương án|tập thể|cá nhân|công chức|viên chức|giáo viên|tân binh|
đại biểu|cụ|biển|bản tin|băng rôn|băng zôn|giấy khai sinh|phụ nữ|bà mẹ|trẻ em|khu vực|
ban chỉ huy|kết luận|chủ thể|đàn|đài|chợ|huyện|tỉnh|lượt bệnh nhân|lượt đối tượng|
lượt du khách|đơn vị máu|tình nguyện viên|đám|chuyên án|địa bàn|nội dung|
ca|bác sỹ|cờ|m²|m³|kw|xã, thị trấn|xã, phường, thị trấn|thôn, bản|thôn, bản, tổ dân phố|
bản, khu phố|thôn, tổ dân phố|đơn vị trường|sinh viên|vườn|đ|
xóm|làng|thôn, làng|thôn, xóm|nhân khẩu|khẩu|ô tô|xe máy|xe|phương tiện|
điểm phần trăm|điểm %|trận|bóng đèn|bóng|MWh|GWh|công dân|HS|lượt dự án|huyện, thành phố|huyện, thị xã|huyện, thị|huyện, thị xã, thành phố|
huyện, thành phố, thị xã
"""
COUNT_NOUNS = sorted({u.strip() for u in _COUNT_NOUNS.split("|") if u.strip()}, key=len, reverse=True)
_PER = r"(?:\s?/\s?(?:người/năm|người/tháng|ha/năm|vạn dân|năm|người|xã|ha|tháng|hộ|km2|1\.000 dân))?"
# "tỉ" is the other spelling of "tỷ" ("trên 460 tỉ đồng")
# ("1,4 triệu tỷ đồng": a city's retail sales)
_SCALE = r"(?:(?:(?:nghìn|ngàn|triệu)\s(?:tỷ|tỉ)|nghìn|ngàn|vạn|triệu|tỷ|tỉ)\s?)?"  # "4,6 nghìn tỷ đồng"
UNIT = (
    r"(?P<unit>%/\s?năm(?![^\W\d_])|%o|‰|%|"
    + _SCALE
    + "(?:"
    + "|".join("(?-i:HS)" if u == "HS" else re.escape(u).replace(r"\ ", r"\s") for u in COUNT_NOUNS)  # not "hs"
    + r")"
    + _PER
    + r"(?![^\W\d_])|(?:nghìn|ngàn|triệu|tỷ|tỉ)(?=[\s,.;)]))"
)
# value, optional "/plan", optional unit ("772,7/738ha", "5,88%/5,3%", "13/19 tiêu chí")
QUANTITY_RE = re.compile(
    r"(?P<value>" + NUM + r")\s?(?P<unit1>%o|‰|%)?"
    r"(?:\s?/\s?(?P<plan>" + PLAN_NUM + r"))?\s?" + UNIT,
    re.IGNORECASE,
)
# "tiếp 25 lượt/38 người/25 vụ việc": after a figure's unit, the same work counted in another unit
SLASH_RE = re.compile(r"\s?/\s?(?=\d)")
SLASH_QUANTITY_RE = re.compile(r"(?P<value>" + PLAN_NUM + r")\s?" + UNIT, re.IGNORECASE)
_PLACES = {"xã", "phường", "thị trấn", "thôn", "bản", "huyện", "tỉnh", "xóm", "làng", "tổ dân phố", "khu phố",
           "thành phố", "thị xã", "thị", "ấp"}  # fmt: skip


def is_place_unit(unit: str | None) -> bool:
    """"xã", "xã, thị trấn", "huyện, thành phố": the unit counts places."""
    return bool(unit) and all(part in _PLACES for part in unit.lower().split(", "))


# ", tương đương 2.565 USD", "(tương ứng khoảng 1,2 triệu USD": the figure before, in another unit
EQUIVALENT_RE = re.compile(r"\s?[,(]?\s?(?:tương\sđương|tương\sứng)(?:\svới)?(?:\s(?:khoảng|gần|hơn|trên))?\s", re.IGNORECASE)
_ABOUT = r"(?:\s(?:khoảng|gần|hơn|trên))?"
EQUIVALENT_CHANGE_RE = re.compile(r"(?:\s?so\s(?:với\s)?[^\d,;()]{0,30}(?:\s20\d\d)?)?\s?[,(]?\s?(?:tương\sđương|tương\sứng)(?:\svới)?\s(?:mức\s)?(?P<verb>tăng|giảm)" + _ABOUT + r"\s", re.IGNORECASE)
# after a figure's % of plan, its % of another plan ("… 30% dự toán tỉnh và gần 27% dự toán huyện giao")
OTHER_PLAN_BASIS_RE = re.compile(r"\s?(?:so\svới\s)?(?:dự\stoán|kế\shoạch|KH|chỉ\stiêu)[^\d,;()]{0,30}(?:,\s?|\svà\s)(?:(?:đạt|bằng)\s)?(?:(?:hơn|gần|trên|khoảng)\s)?", re.IGNORECASE)
# "tăng 10% về số doanh nghiệp và tăng 82,1% về vốn đăng ký": which figure a change is about
ABOUT_AFTER_RE = re.compile(r"\s?về\s(?P<what>[^\W\d][^\d,;()]{1,40}?)(?=\s(?:và|so|của)\b|[,;.)]|$)", re.IGNORECASE)
CHANGE_BRACKET_RE = re.compile(r"\(\s?(?:tăng|giảm)\s", re.IGNORECASE)  # "(tăng 22 vụ, 19 đối tượng so với …)"
# "26,38% (-0,99% so với năm 2022)", "(+0,28%)": a signed figure opening a bracket
# ("4.856 tỷ đồng, + 10,70%", "19.394 tỷ đồng, -13,78%": after a comma, a minus glued to its digits)
SIGNED_OPEN_RE = re.compile(r"\s?(?:\(\s?(?P<sign>[-+−–])\s?|,\s?(?P<after_comma>\+\s?|[-−–]))")
# A bare number directly followed by a verdict: "99,8 (đạt KH)", "0,58 KH".
BARE_RE = re.compile(
    r"(?P<value>" + NUM + r")(?=\s*(?:\((?:đạt|vượt|không đạt)|KH\b|kế hoạch))", re.IGNORECASE
)

# ("đạt 192,5% so với tỉnh giao": the quota the province set)
PLAN_WORDS = (  # ("đạt 53,4% so với HĐND huyện giao": the council that set it)
    r"(?:KH|kế\s?hoạch|dự\s?toán|chỉ\s?tiêu|Nghị\s?quyết|NQ|mục\s?tiêu|(?:(?:HĐND|UBND)\s)?(?:tỉnh|huyện|cấp\strên)\sgiao)"
)
PCT_OF_PLAN_RE = re.compile(
    r"^[\s,(]*(?:và\s)?(?:so\s(?:với\s)?(?:kế\shoạch|KH|dự\stoán|chỉ\stiêu|nghị\squyết)(?:\snăm)?\s)?"
    r"(?:ước\s)?(?:đạt|bằng|=)\s(?:được\s)?(?:(?:hơn|gần|trên|khoảng)\s)?$", re.IGNORECASE
)  # text between the previous fact and an "X%" that means % of plan
# (a whole word: "98% khu dân cư" is no "KH")
AFTER_PLAN_RE = re.compile(r"^\s?(?:so\s(?:với\s)?)?" + PLAN_WORDS + r"(?![^\W\d_])", re.IGNORECASE)
AFTER_PRIOR_RE = re.compile(  # ("bằng 83,87% cùng kỳ năm 2021": "so với" left out; "đạt 95% SVCK": short)
    r"^\s?(?:cùng\skỳ\b|(?-i:SVCK)\b|(?:so\s(?:với\s)?|với\s)(?:cùng\skỳ|năm\strước|năm\s20\d\d|20\d\d\b|kỳ\strước|đầu\snăm|"
    r"thời\sđiểm|cuối\snăm|tháng\strước|quý\strước|\d+\stháng))",
    re.IGNORECASE,
)
CHANGE_CUE_RE = re.compile(
    r"(?:^|[\s,(])(tăng(?:\strưởng)?|giảm|cao hơn|thấp hơn|nhiều hơn|ít hơn)(?:\sthêm)?(?:\s(?:hơn|gần|trên|khoảng))?\s$", re.IGNORECASE
)
EXCESS_CUE_RE = re.compile(r"(?:^|[\s,(])vượt\s(?:mức\s)?$", re.IGNORECASE)
STATUS_RE = re.compile(
    r"\((?P<s>không\sđạt|chưa\sđạt|đạt\sthấp|đạt|vượt)\s?(?:KH|kế\shoạch|chỉ\stiêu)\)", re.IGNORECASE
)
COMPARATOR_RE = re.compile(
    r"(?P<c>trên|hơn|dưới|xuống dưới|còn dưới|từ|khoảng|gần|tối thiểu|ít nhất|tối đa|không quá|duy trì)\s$",
    re.IGNORECASE,
)
COMPARATORS = {
    "trên": ">", "hơn": ">", "dưới": "<", "xuống dưới": "<", "còn dưới": "<", "từ": ">=",
    "khoảng": "~", "gần": "~", "tối thiểu": ">=", "ít nhất": ">=", "tối đa": "<=", "không quá": "<=",
    "duy trì": "maintain",
}  # fmt: skip


def to_decimal(text: str) -> Decimal | None:
    """Vietnamese number text -> Decimal (None if it is not one)."""
    s = text.strip()
    if re.fullmatch(r"\d+\.\d{1,2}", s):
        return Decimal(s)  # "7.2": a decimal point (NUM)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?", s) is None:
        return None
    try:
        return Decimal(s.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def clean_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    u = re.sub(r"\s+", " ", unit.strip())
    u = re.sub(r"\s?/\s?", "/", u)
    u = u.replace("m²", "m2").replace("m³", "m3")
    u = re.sub(r"^ngàn\b", "nghìn", u, flags=re.IGNORECASE)  # one spelling of the scale: "77 ngàn ha" is 77 nghìn ha
    u = re.sub(r"\btỉ\b", "tỷ", u, flags=re.IGNORECASE)  # and "460 tỉ đồng" is 460 tỷ đồng
    u = re.sub(r"^((?:nghìn |ngàn |vạn |triệu |tỷ )?)hộ (?:dân|gia đình)\b", r"\1hộ", u, flags=re.IGNORECASE)
    u = re.sub(r"(^|\s)đ(?=$|/)", r"\1đồng", u)  # "13.503.000.000đ", "33.500.000đ/người"
    u = re.sub(r"(^|\s)HS$", r"\1học sinh", u)  # "15 HS", "1,2 nghìn HS": the usual short form
    u = re.sub(r"^điểm\s?%$", "điểm phần trăm", u)  # "đóng góp 0,55 điểm %": the short form
    if u.lower() == "%o":
        return "‰"
    low = u.lower()
    if low in ("hecta", "héc ta"):
        return "ha"
    return u if u in ("USD", "HTX", "MW", "kWh", "MWh", "GWh", "CLB") else low.replace("usd", "USD")
