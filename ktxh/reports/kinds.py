"""The four kinds of official report and their outline (seeds 000, 001, 003).

An outline is a list of items: ("part"|"h1"|"h2"|"h3", title) headings, ("prose", key)
for text the planning office writes in the app, and ("data", name) for a block the
builder writes from the evaluation table. Titles are format strings over {year},
{next_year}, {period_label}, {rest_label} and {basis}.
"""

from dataclasses import dataclass

from ktxh.engine.periods import Period, PeriodError

# Text sections the office writes per report: key -> label shown in the form.
PROSE_LABELS = {
    "intro": "Mở đầu (căn cứ, bối cảnh)",
    "economy": "1. Về phát triển kinh tế",
    "society": "2. Về văn hóa - xã hội",
    "government": "3. Xây dựng chính quyền, cải cách hành chính",
    "programmes": "4. Các chương trình mục tiêu quốc gia",
    "defence": "Quốc phòng - an ninh; đối ngoại",
    "direction": "Công tác chỉ đạo, điều hành",
    "programme_results": "Kết quả thực hiện các nội dung của Chương trình",
    "funding": "Kết quả phân bổ, giải ngân vốn",
    "achievements": "Những kết quả đạt được",
    "limitations": "Khó khăn, hạn chế",
    "causes": "Nguyên nhân hạn chế",
    "objectives": "Mục tiêu kỳ tới",
    "tasks": "Nhiệm vụ, giải pháp kỳ tới",
    # the planning-cycle documents (ktxh/reports/cycle/, docs/reports.md)
    "meetings": "Việc duy trì các hội nghị của cấp ủy",
    "party_building": "Xây dựng Đảng, xây dựng hệ thống chính trị",
    "council_government": "Hoạt động của HĐND, UBND",
    "mass_organisations": "Hoạt động của Mặt trận Tổ quốc và các đoàn thể",
    "purpose": "Mục đích",
    "requirements": "Yêu cầu",
    "general_objective": "Mục tiêu tổng quát",
    "scope": "Phạm vi, đối tượng và thời gian thực hiện",
    "solutions": "Nội dung và giải pháp thực hiện theo lĩnh vực",
    "necessity": "Sự cần thiết ban hành nghị quyết",
    "drafting": "Mục đích, quan điểm xây dựng dự thảo nghị quyết",
    "session": "Khóa, kỳ họp của HĐND (ví dụ: khóa XXI, kỳ họp thứ Mười ba)",
}


@dataclass(frozen=True)
class ReportKind:
    code: str
    label: str
    period_kind: str  # the Period.kind the report covers
    title: str  # the line under "BÁO CÁO"
    closing: str
    outline: tuple[tuple[str, str], ...]


_ASSESSMENT = (
    ("h2", "1. Những kết quả đạt được"), ("prose", "achievements"),
    ("h2", "2. Khó khăn, hạn chế"), ("prose", "limitations"),
    ("h2", "3. Nguyên nhân hạn chế"), ("prose", "causes"),
)
_SECTORS = (
    ("h2", "1. Về phát triển kinh tế"), ("prose", "economy"),
    ("h2", "2. Về văn hóa - xã hội"), ("prose", "society"),
    ("h2", "3. Xây dựng chính quyền, cải cách hành chính"), ("prose", "government"),
    ("h2", "4. Các chương trình mục tiêu quốc gia"), ("prose", "programmes"),
)
# The annual report adds the capital disbursement sentences (from the capital module) to §4.
_ANNUAL_SECTORS = (*_SECTORS, ("data", "capital"))

_INTERIM_OUTLINE = (
    ("part", "Phần thứ nhất"),
    ("part", "ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI, "
             "BẢO ĐẢM QUỐC PHÒNG - AN NINH {period_label_upper}"),
    ("prose", "intro"),
    ("h1", "I. TÌNH HÌNH THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI"), *_SECTORS,
    ("h1", "II. LĨNH VỰC QUỐC PHÒNG - AN NINH; CÔNG TÁC ĐỐI NGOẠI"), ("prose", "defence"),
    ("h1", "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU{basis}"), ("data", "results"),
    ("h1", "IV. ĐÁNH GIÁ CHUNG"), *_ASSESSMENT,
    ("part", "Phần thứ hai"),
    ("part", "MỘT SỐ NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM {rest_label_upper}"),
    ("prose", "tasks"),
)

KINDS = {
    "annual": ReportKind(
        "annual", "Báo cáo năm", "year",
        "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh "
        "năm {year}; kế hoạch phát triển kinh tế - xã hội năm {next_year}",
        "Trên đây là Báo cáo tình hình thực hiện kế hoạch phát triển kinh tế - xã hội, bảo đảm quốc "
        "phòng - an ninh năm {year}, kế hoạch năm {next_year} của {issuer}./.",
        (
            ("part", "A. KẾT QUẢ THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI, "
                     "BẢO ĐẢM QUỐC PHÒNG - AN NINH NĂM {year}"),
            ("prose", "intro"),
            ("h1", "I. TÌNH HÌNH THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {year}"), *_ANNUAL_SECTORS,
            ("h1", "II. LĨNH VỰC QUỐC PHÒNG - AN NINH; CÔNG TÁC ĐỐI NGOẠI"), ("prose", "defence"),
            ("h1", "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU{basis}"), ("data", "results"),
            ("h1", "IV. ĐÁNH GIÁ CHUNG"), *_ASSESSMENT,
            ("part", "B. KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI, BẢO ĐẢM QUỐC PHÒNG - AN NINH "
                     "NĂM {next_year}"),
            ("h1", "I. MỤC TIÊU CHUNG"), ("prose", "objectives"),
            ("h1", "II. CÁC CHỈ TIÊU CHỦ YẾU NĂM {next_year}"), ("data", "next_targets"),
            ("h1", "III. NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN KẾ HOẠCH NĂM {next_year}"), ("prose", "tasks"),
        ),
    ),
    "half-year": ReportKind(
        "half-year", "Báo cáo 6 tháng", "half",
        "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh "
        "6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm {year}",
        "Trên đây là báo cáo tình hình thực hiện kế hoạch phát triển kinh tế - xã hội, bảo đảm quốc "
        "phòng - an ninh 6 tháng đầu năm, nhiệm vụ trọng tâm 6 tháng cuối năm {year} của {issuer}./.",
        _INTERIM_OUTLINE,
    ),
    "nine-month": ReportKind(
        "nine-month", "Báo cáo 9 tháng", "nine_months",
        "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh "
        "9 tháng đầu năm, nhiệm vụ 3 tháng cuối năm {year}",
        "Trên đây là báo cáo tình hình thực hiện kế hoạch phát triển kinh tế - xã hội, bảo đảm quốc "
        "phòng - an ninh 9 tháng đầu năm, nhiệm vụ trọng tâm 3 tháng cuối năm {year} của {issuer}./.",
        _INTERIM_OUTLINE,
    ),
    "ntm": ReportKind(
        "ntm", "Báo cáo Chương trình nông thôn mới", "year",
        "Kết quả thực hiện Chương trình MTQG xây dựng nông thôn mới năm {year}; "
        "phương hướng nhiệm vụ năm {next_year}",
        "Trên đây là báo cáo kết quả thực hiện Chương trình MTQG xây dựng nông thôn mới năm {year}; "
        "phương hướng nhiệm vụ năm {next_year} của {issuer}./.",
        (
            ("part", "Phần thứ nhất"),
            ("part", "ĐÁNH GIÁ TÌNH HÌNH TRIỂN KHAI, KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH XÂY DỰNG "
                     "NÔNG THÔN MỚI NĂM {year}"),
            ("prose", "intro"),
            ("h1", "I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH THỰC HIỆN CHƯƠNG TRÌNH"),
            ("prose", "direction"),
            ("h1", "II. KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH"), ("prose", "programme_results"),
            ("h2", "Kết quả thực hiện các chỉ tiêu nông thôn mới"), ("data", "results"),
            ("h2", "Kết quả thực hiện Bộ tiêu chí xã nông thôn mới"), ("data", "ntm"),
            ("h1", "III. KẾT QUẢ PHÂN BỔ, GIẢI NGÂN VỐN"), ("prose", "funding"), ("data", "capital"),
            ("h1", "IV. ĐÁNH GIÁ CHUNG"), *_ASSESSMENT,
            ("part", "Phần thứ hai"),
            ("part", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {next_year}"),
            ("h1", "I. MỤC TIÊU"), ("prose", "objectives"),
            ("h1", "II. NHIỆM VỤ, GIẢI PHÁP"), ("prose", "tasks"),
        ),
    ),
}

# The documents of the planning cycle that the same figures feed (issue 19): built by
# ktxh/reports/cycle/ from their own Word templates; "title" and "closing" are unused there.
KINDS.update({
    "party": ReportKind(
        "party", "Báo cáo của cấp ủy Đảng", "year", "Tình hình thực hiện nhiệm vụ năm {year}, nhiệm vụ năm {next_year}",
        "", (
            ("part", "Phần thứ nhất"), ("part", "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM {year}"), ("prose", "intro"),
            ("h1", "I- VIỆC DUY TRÌ CÁC HỘI NGHỊ"), ("prose", "meetings"),
            ("h1", "II- VỀ KINH TẾ - XÃ HỘI, QUỐC PHÒNG - AN NINH VÀ ĐỐI NGOẠI"),
            ("h2", "1. Kinh tế"), ("prose", "economy"), ("h2", "2. Văn hóa - xã hội"), ("prose", "society"),
            ("h2", "3. Quốc phòng - an ninh và đối ngoại"), ("prose", "defence"),
            ("h2", "4. Kết quả thực hiện các chỉ tiêu chủ yếu"), ("data", "results"),
            ("h1", "III- VỀ XÂY DỰNG ĐẢNG, XÂY DỰNG HỆ THỐNG CHÍNH TRỊ"),
            ("h2", "1. Công tác xây dựng Đảng"), ("prose", "party_building"),
            ("h2", "2. Hoạt động của Hội đồng nhân dân, Ủy ban nhân dân"), ("prose", "council_government"),
            ("h2", "3. Hoạt động của Ủy ban Mặt trận Tổ quốc và các đoàn thể"), ("prose", "mass_organisations"),
            ("h1", "IV- ĐÁNH GIÁ CHUNG"), ("h2", "1. Ưu điểm"), ("prose", "achievements"),
            ("h2", "2. Hạn chế, khuyết điểm và khó khăn, vướng mắc"), ("prose", "limitations"),
            ("h2", "3. Nguyên nhân của hạn chế, khuyết điểm"), ("prose", "causes"),
            ("part", "Phần thứ hai"), ("part", "MỘT SỐ MỤC TIÊU, NHIỆM VỤ, GIẢI PHÁP NĂM {next_year}"),
            ("h1", "I- MỤC TIÊU CHUNG"), ("prose", "objectives"),
            ("h1", "II- CHỈ TIÊU CHỦ YẾU (có biểu chi tiết kèm theo)"), ("data", "next_targets"),
            ("h1", "III- NHIỆM VỤ VÀ GIẢI PHÁP"), ("prose", "tasks"),
        ),
    ),
    "plan": ReportKind(
        "plan", "Kế hoạch nhiều năm", "plan", "Thực hiện kế hoạch phát triển kinh tế - xã hội giai đoạn {period_code}",
        "", (
            ("prose", "intro"),
            ("h1", "I. MỤC ĐÍCH, YÊU CẦU"), ("h2", "1. Mục đích"), ("prose", "purpose"),
            ("h2", "2. Yêu cầu"), ("prose", "requirements"),
            ("h1", "II. MỤC TIÊU"), ("h2", "1. Mục tiêu tổng quát"), ("prose", "general_objective"),
            ("h2", "2. Mục tiêu cụ thể theo từng năm"), ("data", "targets_by_year"),
            ("h1", "III. PHẠM VI, ĐỐI TƯỢNG VÀ THỜI GIAN THỰC HIỆN"), ("prose", "scope"), ("data", "period_line"),
            ("h1", "IV. NỘI DUNG VÀ GIẢI PHÁP THỰC HIỆN"), ("prose", "solutions"),
            ("h1", "V. KINH PHÍ THỰC HIỆN"), ("data", "funding"),
            ("h1", "VI. TỔ CHỨC THỰC HIỆN"), ("data", "assignments"),
        ),
    ),
    "resolution": ReportKind(
        "resolution", "Dự thảo Nghị quyết HĐND (kèm Tờ trình)", "year",
        "Về kế hoạch phát triển kinh tế - xã hội năm {year}", "", (
            ("h1", "I. SỰ CẦN THIẾT BAN HÀNH NGHỊ QUYẾT"), ("prose", "necessity"),
            ("h1", "II. MỤC ĐÍCH, QUAN ĐIỂM XÂY DỰNG DỰ THẢO NGHỊ QUYẾT"), ("prose", "drafting"),
            ("h1", "III. BỐ CỤC VÀ NỘI DUNG CƠ BẢN CỦA DỰ THẢO NGHỊ QUYẾT"), ("data", "draft_outline"),
            ("resolution", "start"), ("h2", "1. Mục tiêu tổng quát"), ("prose", "objectives"),
            ("h2", "2. Các chỉ tiêu chủ yếu"), ("data", "targets"),
            ("h2", "3. Nhiệm vụ, giải pháp chủ yếu"), ("prose", "tasks"), ("prose", "session"),
        ),
    ),
})
CYCLE_KINDS = ("party", "plan", "resolution")

KIND_CHOICES = [(k.code, k.label) for k in KINDS.values()]
_PERIOD_SUFFIX = {"half-year": "-H1", "nine-month": "-9M"}


class ReportKindError(ValueError):
    pass


def report_period(kind: str, period: str) -> Period:
    """The period a report of `kind` covers; a bare year is accepted for the interim
    kinds ("2024" + half-year -> 2024-H1)."""
    if kind not in KINDS:
        raise ReportKindError(f"Loại báo cáo '{kind}' không hợp lệ (annual, half-year, nine-month, ntm, party, plan, resolution).")
    try:
        parsed = Period.parse(period)
    except PeriodError as error:
        raise ReportKindError(str(error)) from None
    spec = KINDS[kind]
    if parsed.kind == "year" and kind in _PERIOD_SUFFIX:
        parsed = Period.parse(f"{parsed.year}{_PERIOD_SUFFIX[kind]}")
    if parsed.kind != spec.period_kind or (kind == "half-year" and not parsed.is_year_to_date):
        raise ReportKindError(f"{spec.label} không lập cho kỳ '{parsed.label_vi}'.")
    return parsed


def prose_keys(kind: str) -> list[str]:
    return [key for item, key in KINDS[kind].outline if item == "prose"]
