"""Multidimensional poverty standards as versioned data, and the classification of a household.

Pure Python, Decimal only (docs/poverty.md states each rule, its source and an example).

- 2022-2025: Nghị định 07/2021/NĐ-CP (27/01/2021), Điều 3 khoản 2 (income lines and the
  12 deprivation indicators of 6 services) and Điều 4 (poor, near-poor, middle living
  standard); amended by Nghị định 30/2025/NĐ-CP (procedures, not the lines). The decree for
  2026-2030 keeps these lines through 31/12/2026.
- 2026-2030: Nghị định 351/2025/NĐ-CP (30/12/2025), as reported on its issue (vietnamplus.vn,
  31/12/2025; huengaynay.vn): for 2027-2030 the lines are 2.200.000 đ (rural) and 2.800.000 đ
  (urban) with the same "at least 3 deprivations" rule. The decree's own text was not in our
  sources, so its middle-living-standard lines and its full indicator list are unchecked: the
  version stays `verified=False`, has no middle band, and keeps the 12 indicators of 2022-2025
  (the report names the same first ones: việc làm, người phụ thuộc trong hộ gia đình).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from ktxh.engine.fold import fold
from ktxh.engine.numbers import NumberFormatError, NumberOutOfBounds, parse_number, storable_number

RURAL, URBAN = "nong_thon", "thanh_thi"
AREAS = {RURAL: "nông thôn", URBAN: "thành thị"}
POOR, NEAR_POOR, MIDDLE, OTHER = "poor", "near_poor", "middle", "other"
CLASSES = {POOR: "hộ nghèo", NEAR_POOR: "hộ cận nghèo", MIDDLE: "hộ có mức sống trung bình", OTHER: "hộ khác"}

# The 12 deprivation indicators in the decree's order, with their service (6 services).
SERVICES = {
    "viec_lam": "Việc làm", "y_te": "Y tế", "giao_duc": "Giáo dục", "nha_o": "Nhà ở",
    "nuoc_ve_sinh": "Nước sinh hoạt và vệ sinh", "thong_tin": "Thông tin",
}
INDICATORS = {  # code: (service, Vietnamese name as in the decree)
    "viec_lam": ("viec_lam", "Việc làm"),
    "nguoi_phu_thuoc": ("viec_lam", "Người phụ thuộc trong hộ gia đình"),
    "dinh_duong": ("y_te", "Dinh dưỡng"),
    "bao_hiem_y_te": ("y_te", "Bảo hiểm y tế"),
    "giao_duc_nguoi_lon": ("giao_duc", "Trình độ giáo dục của người lớn"),
    "tre_em_di_hoc": ("giao_duc", "Tình trạng đi học của trẻ em"),
    "chat_luong_nha_o": ("nha_o", "Chất lượng nhà ở"),
    "dien_tich_nha_o": ("nha_o", "Diện tích nhà ở bình quân đầu người"),
    "nuoc_sinh_hoat": ("nuoc_ve_sinh", "Nguồn nước sinh hoạt"),
    "nha_tieu": ("nuoc_ve_sinh", "Nhà tiêu hợp vệ sinh"),
    "dich_vu_vien_thong": ("thong_tin", "Sử dụng dịch vụ viễn thông"),
    "tiep_can_thong_tin": ("thong_tin", "Phương tiện phục vụ tiếp cận thông tin"),
}
INDICATOR_CODES = tuple(INDICATORS)
PLAIN_COLUMNS = ("ma_ho", "xa", "khu_vuc", "so_nhan_khau", "thu_nhap_binh_quan", *INDICATOR_CODES)


@dataclass(frozen=True)
class Standard:
    code: str
    name: str
    source: str
    years: tuple[int, int]  # first and last year the standard's lines apply to a review
    poor_line: dict[str, Decimal]  # đồng per person per month, by area
    middle_line: dict[str, Decimal] | None  # upper bound of the middle band; None: not stated
    min_deprivations: int = 3
    indicators: tuple[str, ...] = INDICATOR_CODES
    verified: bool = True
    note: str = ""


STANDARDS = {
    "2022-2025": Standard(
        code="2022-2025", name="Chuẩn nghèo đa chiều giai đoạn 2022-2025",
        source="Nghị định 07/2021/NĐ-CP ngày 27/01/2021, Điều 3 khoản 2 và Điều 4 "
               "(sửa đổi bởi Nghị định 30/2025/NĐ-CP); áp dụng tiếp đến hết năm 2026",
        years=(2022, 2026),
        poor_line={RURAL: Decimal(1_500_000), URBAN: Decimal(2_000_000)},
        middle_line={RURAL: Decimal(2_250_000), URBAN: Decimal(3_000_000)},
    ),
    "2026-2030": Standard(
        code="2026-2030", name="Chuẩn nghèo đa chiều quốc gia giai đoạn 2026-2030",
        source="Nghị định 351/2025/NĐ-CP ngày 30/12/2025 quy định chuẩn nghèo đa chiều quốc gia giai đoạn "
               "2026-2030 (theo vietnamplus.vn 31/12/2025 và huengaynay.vn; chưa đối chiếu văn bản gốc): "
               "mức áp dụng 2027-2030",
        years=(2027, 2030),
        poor_line={RURAL: Decimal(2_200_000), URBAN: Decimal(2_800_000)},
        middle_line=None, verified=False,
        note="Chưa xác minh số hiệu nghị định, mức sống trung bình và bộ chỉ số thiếu hụt; "
             "tạm dùng 12 chỉ số của giai đoạn 2022-2025.",
    ),
}


class StandardNotFound(ValueError):
    pass


def standard_get(code: str) -> Standard:
    try:
        return STANDARDS[code]
    except KeyError:
        raise StandardNotFound(f"Không có chuẩn nghèo '{code}' (có: {', '.join(STANDARDS)}).") from None


def standard_for_year(year: int) -> Standard:
    """The standard a review of `year` is computed by (2026 still uses the 2022-2025 lines)."""
    for standard in STANDARDS.values():
        if standard.years[0] <= year <= standard.years[1]:
            return standard
    raise StandardNotFound(f"Năm {year} không thuộc chuẩn nghèo nào đã khai báo (2022-2030).")


@dataclass(frozen=True)
class Classification:
    klass: str
    deprivations: int
    reason: str


def _money(value: Decimal) -> str:
    whole = int(value)
    return f"{whole:,}".replace(",", ".") + " đ" if value == whole else f"{value} đ"


def classify(standard: Standard, *, area: str, income: Decimal, deprived: frozenset[str] | set[str]) -> Classification:
    """Poor: income at or under the area's line and at least `min_deprivations` indicators lacking;
    near-poor: at or under the line and fewer; middle: above the line, at or under the middle
    line (whatever the deprivations); otherwise other."""
    if not isinstance(income, Decimal):
        raise TypeError("income must be a Decimal")
    if area not in AREAS:
        raise ValueError(f"khu vực '{area}' không hợp lệ")
    unknown = set(deprived) - set(standard.indicators)
    if unknown:
        raise ValueError(f"chỉ số thiếu hụt không có trong chuẩn: {', '.join(sorted(unknown))}")
    return _decide(standard, area, income, len(deprived))


def classify_mask(standard: Standard, *, area: str, income: Decimal, mask: int) -> Classification:
    """classify() of a stored household (the indicators as deprivation_mask's bits): the same
    rule, without building the set; a province's reclassification calls it 150.000 times."""
    if not isinstance(income, Decimal):
        raise TypeError("income must be a Decimal")
    if area not in AREAS:
        raise ValueError(f"khu vực '{area}' không hợp lệ")
    if not 0 <= mask < 1 << len(standard.indicators):
        raise ValueError(f"mặt nạ chỉ số thiếu hụt {mask} không hợp lệ")
    return _decide(standard, area, income, mask.bit_count())


def _decide(standard: Standard, area: str, income: Decimal, n: int) -> Classification:
    if STANDARDS.get(standard.code) is not standard:  # a standard built by hand (tests): not cached
        return _rule(standard, area, income, n)
    # keyed by the income's text: Decimal('1.5') and Decimal('1.50') are equal but print differently
    return _rule_cached(standard.code, area, str(income), n)


@lru_cache(maxsize=65536)
def _rule_cached(code: str, area: str, income: str, n: int) -> Classification:
    return _rule(STANDARDS[code], area, Decimal(income), n)


def _rule(standard: Standard, area: str, income: Decimal, n: int) -> Classification:
    """The rule itself, written once, on validated input."""
    line = standard.poor_line[area]
    where = AREAS[area]
    if income <= line:
        if n >= standard.min_deprivations:
            return Classification(POOR, n, f"thu nhập {_money(income)} ≤ chuẩn {where} {_money(line)}, "
                                           f"thiếu hụt {n} chỉ số (từ {standard.min_deprivations} trở lên)")
        return Classification(NEAR_POOR, n, f"thu nhập {_money(income)} ≤ chuẩn {where} {_money(line)}, "
                                            f"thiếu hụt {n} chỉ số (dưới {standard.min_deprivations})")
    if standard.middle_line is not None and income <= standard.middle_line[area]:
        return Classification(MIDDLE, n, f"thu nhập {_money(income)} trên chuẩn nghèo {_money(line)}, "
                                         f"không quá {_money(standard.middle_line[area])} ({where})")
    return Classification(OTHER, n, f"thu nhập {_money(income)} trên chuẩn {where} "
                                    f"{_money(standard.middle_line[area] if standard.middle_line else line)}")


# --- The plain file format and the column mapping of the communes' review lists ------------

# Headers of the Excel lists communes keep, folded (fold()): mapped onto the plain columns.
HEADER_ALIASES = {
    "ma_ho": ["ma ho", "ma so ho", "ma ho gia dinh", "ma so ho gia dinh"],
    "xa": ["xa", "ma xa", "xa, phuong", "don vi", "xa phuong", "ten xa"],
    "khu_vuc": ["khu vuc", "nong thon/thanh thi", "khu vuc nong thon thanh thi"],
    "so_nhan_khau": ["so nhan khau", "so khau", "nhan khau", "so thanh vien", "so nguoi trong ho"],
    "thu_nhap_binh_quan": ["thu nhap binh quan", "thu nhap binh quan dau nguoi", "thu nhap binh quan/nguoi/thang",
                           "thu nhap"],
    "thon": ["thon", "ban", "thon, ban", "thon/ban", "to dan pho"],
    "chu_ho": ["chu ho", "ho ten chu ho", "ho va ten chu ho", "ho ten", "ho va ten"],
    "dan_toc": ["dan toc", "dan toc chu ho"],
    "doi_tuong": ["doi tuong chinh sach", "nhom doi tuong", "doi tuong", "thuoc doi tuong"],
    "tinh_trang": ["tinh trang", "bien dong"],
    "nam": ["nam", "nam ra soat"],
}
# The short names the lists' sub-headers use under "Chỉ số thiếu hụt".
_SHORT_NAMES = {
    "nguoi_phu_thuoc": ["nguoi phu thuoc"], "bao_hiem_y_te": ["bhyt"],
    "giao_duc_nguoi_lon": ["giao duc nguoi lon", "trinh do giao duc"],
    "tre_em_di_hoc": ["tre em di hoc", "di hoc cua tre em", "tinh trang di hoc"],
    "dien_tich_nha_o": ["dien tich nha o"], "nuoc_sinh_hoat": ["nuoc sinh hoat", "nguon nuoc"],
    "nha_tieu": ["nha tieu", "nha tieu hvs"], "dich_vu_vien_thong": ["vien thong", "dich vu vien thong"],
    "tiep_can_thong_tin": ["tiep can thong tin", "phuong tien tiep can thong tin"],
}
for _code, (_service, _name) in INDICATORS.items():
    HEADER_ALIASES.setdefault(_code, []).extend([fold(_name), *_SHORT_NAMES.get(_code, [])])
OPTIONAL_COLUMNS = ("thon", "chu_ho", "dan_toc", "doi_tuong", "tinh_trang", "nam")
STATUSES = {"": "present", "dang o": "present", "chuyen di": "moved", "chet": "died", "da mat": "died",
            "tu vong": "died", "present": "present", "moved": "moved", "died": "died"}
MAX_INCOME = Decimal(1_000_000_000)  # đồng per person per month: anything larger is a typo
MAX_MEMBERS = 100


def income_problem(income: Decimal) -> str | None:
    """The one check of a household's income (list import and edit form), or None when it is fine:
    the number gate first, then whole đồng (the column has no decimals: refused, never rounded),
    not negative, at most MAX_INCOME."""
    try:
        storable_number(income)
    except NumberOutOfBounds as error:
        return str(error)
    if income < 0:
        return "âm"
    if income > MAX_INCOME:
        return "lớn bất thường (quá 1 tỷ đồng/người/tháng)"
    if income != income.to_integral_value():
        return "phải là số đồng nguyên, không có phần lẻ sau dấu phẩy"
    return None


def map_header(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Column name -> index for a header row (plain names or the lists' Vietnamese ones);
    returns the mapping and the errors (missing or repeated columns)."""
    lookup = {}
    for plain, aliases in HEADER_ALIASES.items():
        lookup[plain] = plain
        for alias in aliases:
            lookup[alias] = plain
    mapping: dict[str, int] = {}
    errors = []
    for i, cell in enumerate(header):
        key = fold(cell or "").replace("_", " ")
        plain = lookup.get(key) or lookup.get(key.replace(" ", "_"))
        if plain is None:
            continue
        if plain in mapping:
            errors.append(f"Cột '{cell}' trùng với cột {mapping[plain] + 1} ({plain}).")
        else:
            mapping[plain] = i
    missing = [c for c in PLAIN_COLUMNS if c not in mapping]
    if missing:
        errors.append("Thiếu cột: " + ", ".join(missing) + ".")
    return mapping, errors


@dataclass
class HouseholdRow:
    line: int
    code: str
    commune: str
    area: str
    members: int
    income: Decimal
    deprived: frozenset[str]
    village: str = ""
    head: str = ""
    ethnicity: str = ""
    policy: str = ""
    status: str = "present"
    extra: dict = field(default_factory=dict)


def _flag(text: str) -> bool | None:
    if text in ("0", "1", ""):  # the common case, without folding
        return text == "1"
    t = fold(text)
    if t in ("1", "x", "co", "thieu", "thieu hut"):
        return True
    if t in ("0", "", "khong", "du"):
        return False
    return None


class _Problems(list):
    """A row's messages; each names its column when the file's columns are known (`where`)."""

    def __init__(self, where: dict[str, str] | None):
        super().__init__()
        self.where = where or {}

    def add(self, name: str, message: str) -> None:
        self.append(f"{message} ({self.where[name]})" if name in self.where else message)


def parse_row(line: int, cells: list[str], mapping: dict[str, int],
              where: dict[str, str] | None = None) -> tuple[HouseholdRow | None, list[str]]:
    """One data row of the plain format (after map_header) -> the row, or its Vietnamese messages.
    `where` (plain column -> "cột E") adds the file's column to each message."""
    def cell(name):
        i = mapping.get(name)
        return (cells[i] if i is not None and i < len(cells) else "").strip()

    errors = _Problems(where)
    code = cell("ma_ho")
    if not code:
        errors.add("ma_ho", "thiếu mã hộ")
    elif len(code) > 40:
        errors.add("ma_ho", "mã hộ dài quá 40 ký tự")
    raw_area = cell("khu_vuc")
    area = raw_area if raw_area in AREAS else fold(raw_area).replace(" ", "_")
    area = {"nong_thon": RURAL, "thanh_thi": URBAN, "do_thi": URBAN, "nt": RURAL, "tt": URBAN}.get(area)
    if area is None:
        errors.add("khu_vuc", f"khu vực '{cell('khu_vuc')}' không hợp lệ (nong_thon hoặc thanh_thi)")
    members = 0
    try:
        members_value = parse_number(cell("so_nhan_khau"))
        if members_value != int(members_value) or not 1 <= members_value <= MAX_MEMBERS:
            raise NumberFormatError("")
        members = int(members_value)
    except NumberFormatError:
        errors.add("so_nhan_khau", f"số nhân khẩu '{cell('so_nhan_khau')}' phải là số nguyên từ 1 đến {MAX_MEMBERS}")
    income = Decimal(0)
    raw_income = cell("thu_nhap_binh_quan")
    try:
        income = parse_number(raw_income)
        problem = income_problem(income)
        if problem:
            errors.add("thu_nhap_binh_quan", f"thu nhập bình quân '{raw_income}' {problem}")
    except NumberFormatError:
        errors.add("thu_nhap_binh_quan", f"thu nhập bình quân '{raw_income}' không phải số (đồng/người/tháng, ví dụ 1.450.000)")
    deprived = set()
    for code_ in INDICATOR_CODES:
        flag = _flag(cell(code_))
        if flag is None:
            errors.add(code_, f"chỉ số thiếu hụt {code_} = '{cell(code_)}' không hợp lệ (0 hoặc 1)")
        elif flag:
            deprived.add(code_)
    raw_status = cell("tinh_trang")
    status = "present" if not raw_status else STATUSES.get(fold(raw_status))
    if status is None:
        errors.add("tinh_trang", f"tình trạng '{cell('tinh_trang')}' không hợp lệ (để trống, chuyển đi hoặc chết)")
    if errors:
        return None, list(errors)
    return HouseholdRow(line=line, code=code, commune=cell("xa"), area=area, members=members, income=income,
                        deprived=frozenset(deprived), village=cell("thon")[:100], head=cell("chu_ho")[:200],
                        ethnicity=cell("dan_toc")[:50], policy=cell("doi_tuong")[:200], status=status,
                        extra={"nam": cell("nam")}), []


def deprivation_mask(deprived) -> int:
    return sum(1 << i for i, code in enumerate(INDICATOR_CODES) if code in deprived)


def mask_codes(mask: int) -> frozenset[str]:
    return frozenset(code for i, code in enumerate(INDICATOR_CODES) if mask & (1 << i))


# --- Movement between two reviews and the figures of a review -----------------------------

def ethnic_minority(ethnicity: str) -> bool:
    """A household of an ethnic minority: any stated ethnicity other than Kinh."""
    return bool(ethnicity.strip()) and fold(ethnicity) != "kinh"


def movement(previous: str | None, current: str, status: str = "present") -> str:
    """What a household's change means in the review: newly poor, escaped, newly near-poor,
    moved, died, new (not in last year's list) or unchanged."""
    if status in ("moved", "died"):
        return status
    if previous is None:
        return "new"
    if current == POOR and previous != POOR:
        return "newly_poor"
    if previous == POOR and current != POOR:
        return "escaped"
    if current == NEAR_POOR and previous != NEAR_POOR:
        return "newly_near_poor"
    return "unchanged"


MOVEMENTS = {"newly_poor": "hộ nghèo phát sinh", "escaped": "hộ thoát nghèo",
             "newly_near_poor": "hộ cận nghèo phát sinh", "moved": "chuyển đi", "died": "chết, hết nhân khẩu",
             "new": "hộ mới trong danh sách", "unchanged": "không thay đổi"}

_HUNDRED = Decimal(100)


def rate(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """part / whole × 100, rounded to 2 decimals (the review's rates); None without households."""
    if not whole:
        return None
    return (Decimal(part) * _HUNDRED / Decimal(whole)).quantize(Decimal("0.01"))


def rate_fall(previous_rate: Decimal | None, current_rate: Decimal | None) -> Decimal | None:
    """Mức giảm tỷ lệ hộ nghèo: previous year-end rate minus this year's, in percentage points."""
    if previous_rate is None or current_rate is None:
        return None
    return previous_rate - current_rate
