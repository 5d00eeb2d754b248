"""Seventh round (issue 14): indicator words, units, catalog codes and missed figures, each rule with a
made-up sentence (none copied from a devset text).

Each indicator case is (rule, text after a title, value, expected indicator words); each matching case
(rule, text, value, expected catalog code). A title "BÁO CÁO năm 2024." opens every text."""

from decimal import Decimal

import pytest

from ktxh.engine.text import CatalogEntry, analyse

from .test_other_localities_sixth_indicator import CATALOG, fact

CASES = [
    # --- a title, heading or caption line joined to the sentence below it
    ("a photo caption above is not part of the subject", "Quang cảnh buổi làm việc\nGiá trị sản xuất nông nghiệp đạt 1.250 tỷ đồng.", "1250", "giá trị sản xuất nông nghiệp"),
    ("nor a numbered heading", "2. Thu ngân sách\nKế hoạch thu ngân sách nhà nước được giao là 305 tỷ đồng.", "305", "kế hoạch thu ngân sách nhà nước được giao"),
    ("nor a date line ending in a dash", "Thứ ba, ngày 12/4/2025 -\nTổng sản phẩm trên địa bàn tăng 7,1% so với cùng kỳ.", "7.1", "tổng sản phẩm trên địa bàn tăng"),
    ("nor a paper's dateline opening the line", "Tin kinh tế\n\n(Baotinhmoi.vn) - Tổng sản phẩm trên địa bàn tăng 7,1% so với cùng kỳ.", "7.1", "tổng sản phẩm trên địa bàn tăng"),
    ("a name broken over two lines stays one sentence", "Kinh phí thực hiện đề án du lịch huyện Mường\nLát dự kiến khoảng 15.000 triệu đồng.", "15000", "kinh phí thực hiện đề án du lịch"),
    ("a wrapped line going on in lower case stays one sentence", "Tổng kim ngạch\nxuất khẩu đạt 120 triệu USD.", "120", "tổng kim ngạch xuất khẩu"),
    ("a heading that is the only subject is kept", "Thu ngân sách nhà nước\nƯớc thực hiện 450 tỷ đồng.", "450", "thu ngân sách nhà nước"),
    ("an acronym opening the line carries a title on", "Chủ tịch UBND xã tiếp 12 lượt công dân; Phó Chủ tịch\nUBND xã tiếp 5 lượt công dân.", "5", "phó chủ tịch ubnd xã tiếp công dân"),
    ("', với số tiền': the amount's subject follows 'với'", "Xây dựng 40 căn nhà tình nghĩa cho hộ khó khăn, với số tiền 2,4 tỷ đồng.", "2.4", "số tiền"),
    # --- a sector's contribution to growth, in points
    ("after the sector's own growth, the points are that sector's", "Năm 2024, ngành dịch vụ tăng 5,2%, đóng góp 2,8 điểm phần trăm.", "2.8", "ngành dịch vụ đóng góp"),
    ("… past the growth's quarters in brackets and its comparison", "Ngành xây dựng giảm 3,1% so với cùng kỳ (quý I giảm 2%; quý II giảm 4%), làm giảm 0,4 điểm phần trăm.", "0.4", "ngành xây dựng làm giảm"),
    ("… and after 'với mức tăng'", "Các ngành thuộc khu vực dịch vụ với mức tăng 6,1%, đóng góp 3,2 điểm phần trăm.", "3.2", "các ngành thuộc khu vực dịch vụ đóng góp"),
    ("a bare level after 'với' names no measure", "Trong đó, ngành thương mại đóng góp cao nhất với mức 1,9 điểm phần trăm.", "1.9", "ngành thương mại đóng góp cao nhất"),
    ("'với mức đóng góp' keeps its words", "Đóng góp lớn nhất là khu vực dịch vụ với mức đóng góp 4,1 điểm phần trăm.", "4.1", "mức đóng góp"),
    ("'năm nay' and 'nửa đầu năm' are period words", "Giá trị tăng thêm của ngành công nghiệp trong 9 tháng năm nay đạt 6,2%.", "6.2", "giá trị tăng thêm của ngành công nghiệp"),
    ("… 'nửa đầu năm nay' too", "Tăng trưởng GRDP trong nửa đầu năm nay đạt 7,4%.", "7.4", "tăng trưởng grdp"),
    # --- the subject's words
    ("'dự đạt' is 'dự kiến đạt', not part of the subject", "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) 9 tháng đầu năm 2024 dự đạt trên 7%.", "7", "tốc độ tăng trưởng tổng sản phẩm trên địa bàn"),
    ("a rate followed by what it is a share of names its own subject", "Sản lượng lương thực đạt hơn 12.000 tấn, trên 85% diện tích lúa chất lượng cao.", "85", "diện tích lúa chất lượng cao"),
    ("… but an amount after a verb still takes the clause's subject", "Sản lượng lương thực đạt hơn 12.000 tấn, tăng 3%, trên 85% diện tích lúa chất lượng cao.", "12000", "sản lượng lương thực"),
    ("a comma never ends the subject", "Tổng thu ngân sách nhà nước đạt kết quả cao, ước đạt 3.800 tỷ đồng.", "3800", "tổng thu ngân sách nhà nước đạt kết quả cao"),
]


# --- units
def test_a_million_billion_dong_is_one_unit():
    f = fact("Tổng mức bán lẻ hàng hóa ước đạt 1,2 triệu tỷ đồng, tăng 9%.", "1.2")
    assert (f.unit, f.indicator) == ("triệu tỷ đồng", "tổng mức bán lẻ hàng hóa")


def test_a_contribution_in_short_percentage_points():
    text = "Khu vực dịch vụ tăng 7,1%, đóng góp 3,4 điểm %; khu vực công nghiệp tăng 6%, đóng góp 2,1 điểm %."
    assert fact(text, "3.4").unit == fact(text, "2.1").unit == "điểm phần trăm"
    assert fact("Điểm trung bình môn Toán đạt 7,5 điểm.", "7.5").unit == "điểm"


def test_light_bulbs_are_counted():
    text = "Toàn huyện đã sản xuất khoảng 540.000 bóng các loại; 30.000 bóng đèn tiết kiệm điện."
    assert (fact(text, "540000").unit, fact(text, "30000").unit) == ("bóng", "bóng đèn")
    assert fact("Giải bóng đá có 12 đội bóng tham gia.", "12").unit == "đội"


# --- matching: never a wrong match
MATCH_CATALOG = [
    *CATALOG,
    CatalogEntry("08.09", "Tỷ lệ hộ nghèo", (), "%"),
    CatalogEntry("08.10", "Tỷ lệ hộ cận nghèo", (), "%"),
]
NOT_MATCHED = [
    ("a bare 'đạt chuẩn' under the new-countryside topic is that standard", "Về xây dựng nông thôn mới, đến nay có 14 xã đạt chuẩn.", "14", "02.06"),
    ("… but not without the topic", "Đến nay có 14 xã đạt chuẩn.", "14", None),
    ("… nor another standard named", "Về xây dựng nông thôn mới, có 6 xã đạt chuẩn quốc gia về y tế.", "6", None),
    ("investment is not revenue", "Vốn đầu tư nguồn ngân sách nhà nước trên địa bàn xã đạt 45 tỷ đồng.", "45", None),
    ("… while the revenue still matches", "Thu ngân sách nhà nước trên địa bàn đạt 45 tỷ đồng.", "45", "03.01"),
    ("some sectors are a part, not the total", "Giá trị sản xuất một số ngành chủ yếu đạt 920 tỷ đồng.", "920", None),
    ("poor and near-poor together are neither", "Tỷ lệ hộ nghèo, cận nghèo còn 18,2%.", "18.2", None),
    ("… nor written with 'và'", "Tỷ lệ hộ nghèo và hộ cận nghèo còn 18,2%.", "18.2", None),
    ("… while the near-poor alone match", "Tỷ lệ hộ cận nghèo còn 6,1%.", "6.1", "08.10"),
    ("all visitors match", "Lượt khách du lịch đạt 12.500 lượt.", "12500", "04.03"),
    ("foreign visitors are a part of all visitors", "Lượt khách du lịch quốc tế đạt 12.500 lượt.", "12500", None),
    ("the locality welcoming visitors is its tourist count", "Toàn huyện đã đón 56.000 lượt khách, tăng 12%.", "56000", "04.03"),
    ("… in thousands too", "Huyện ước đón được 56 nghìn lượt khách đến tham quan.", "56", "04.03"),
    ("… but a site's visitors are not", "Khu di tích đón 56.000 lượt khách.", "56000", None),
    ("… nor foreign visitors welcomed", "Toàn huyện đón 5.600 lượt khách quốc tế.", "5600", None),
    ("… and so are the guests of lodgings", "Lượt khách du lịch lưu trú đạt 9.800 lượt.", "9800", None),
]


@pytest.mark.parametrize("rule,text,value,code", NOT_MATCHED, ids=[c[0] for c in NOT_MATCHED])
def test_matching_never_wrong(rule, text, value, code):
    f = next(f for f in analyse("BÁO CÁO năm 2024.\n\n" + text + "\n", catalog=MATCH_CATALOG)[0] if f.value == Decimal(value))
    assert f.catalog_code == code, rule


def test_farming_and_forestry_written_short_is_neither_sector_alone():
    catalog = [CatalogEntry("02.20", "Giá trị sản xuất lâm nghiệp", (), "tỷ đồng"),
               CatalogEntry("02.21", "Giá trị sản xuất nông nghiệp", (), "tỷ đồng")]
    text = "BÁO CÁO năm 2024.\n\nGiá trị sản xuất nông - lâm nghiệp đạt 640 tỷ đồng.\n"
    assert next(f for f in analyse(text, catalog=catalog)[0] if f.value == Decimal("640")).catalog_code is None


def test_per_year_after_an_income_is_not_part_of_its_words():
    catalog = [CatalogEntry("01.02", "Thu nhập bình quân đầu người", ("thu nhập bình quân",), "triệu đồng/người/năm")]
    text = "BÁO CÁO năm 2024.\n\nThu nhập bình quân đầu người đạt 61 triệu đồng mỗi năm.\n"
    f = analyse(text, catalog=catalog)[0][0]
    assert (f.indicator, f.catalog_code) == ("thu nhập bình quân đầu người", "01.02")


def test_a_cultural_residential_area_is_a_village_meeting_the_standard():
    catalog = [
        CatalogEntry("09.02", "Tỷ lệ hộ gia đình đạt tiêu chuẩn văn hóa", ("tỷ lệ hộ gia đình đạt chuẩn văn hóa", "Gia đình văn hóa"), "%"),
        CatalogEntry("09.03", "Tỷ lệ thôn, bản, tổ dân phố đạt tiêu chuẩn văn hóa", ("khu dân cư văn hóa",), "%"),
    ]
    text = ("BÁO CÁO năm 2024.\n\nTỷ lệ gia đình được công nhận danh hiệu gia đình văn hóa đạt 88%; tổng số thôn "
            "được công nhận danh hiệu khu dân cư văn hóa đạt 96%.\n")
    codes = {f.value: f.catalog_code for f in analyse(text, catalog=catalog)[0]}
    assert codes == {Decimal("88"): "09.02", Decimal("96"): "09.03"}


# --- missed figures: after a rate of plan with no level, the growth of the same subject
def test_the_growth_after_a_rate_of_plan_is_the_subjects():
    text = ("Doanh thu dịch vụ lưu trú đạt 61,2% kế hoạch (KH), tăng 18,4% so với cùng kỳ năm trước; "
            "tổng thu từ khách du lịch ước đạt 58% KH, tăng 42%.")
    facts = {f.value: f.indicator for f in analyse("BÁO CÁO năm 2024.\n\n" + text + "\n")[0]}
    assert facts == {Decimal("18.4"): "doanh thu dịch vụ lưu trú tăng", Decimal("42"): "tổng thu từ khách du lịch tăng"}


def test_a_change_in_brackets_with_no_figure_of_its_own_stays_no_fact():
    text = "Công tác cải cách hành chính được đẩy mạnh (tăng 2,3% so với cùng kỳ)."
    assert analyse("BÁO CÁO năm 2024.\n\n" + text + "\n")[0] == []


def test_a_disbursement_rate_named_as_a_rate_is_a_figure_against_the_plan():
    named = fact("Với tỷ lệ giải ngân đạt 112,5% kế hoạch Thủ tướng giao, tỉnh đứng đầu khu vực.", "112.5")
    assert (named.indicator, named.unit) == ("tỷ lệ giải ngân", "%")
    # "giải ngân đạt X% kế hoạch vốn" is the rate of plan of a disbursement with no amount: no fact
    assert analyse("BÁO CÁO năm 2024.\n\nGiải ngân vốn đầu tư công đạt 74% kế hoạch vốn được giao.\n")[0] == []


@pytest.mark.parametrize("rule,text,value,indicator", CASES, ids=[c[0] for c in CASES])
def test_indicator_words(rule, text, value, indicator):
    assert fact(text, value).indicator == indicator, rule
