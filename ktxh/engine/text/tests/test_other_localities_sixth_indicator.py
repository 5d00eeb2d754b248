"""Sixth round (issue 14): indicator words and catalog codes, each rule with a made-up sentence."""

from decimal import Decimal

from ktxh.engine.text import CatalogEntry, analyse

CATALOG = [
    CatalogEntry("01.01", "Tổng giá trị sản xuất", ("giá trị sản xuất",), "tỷ đồng"),
    CatalogEntry("01.02", "Thu nhập bình quân đầu người", ("thu nhập bình quân",), "triệu đồng/người/năm"),
    CatalogEntry("03.01", "Thu ngân sách nhà nước trên địa bàn", ("thu ngân sách trên địa bàn",), "tỷ đồng"),
    CatalogEntry("04.03", "Tổng lượt khách du lịch", ("lượt khách du lịch",), "lượt"),
    CatalogEntry("02.06", "Số xã đạt chuẩn nông thôn mới", (), "xã"),
]


def facts(text, **kw):
    return analyse(text, catalog=CATALOG, **kw)[0]


def fact(text, value):
    return next(f for f in facts(text) if f.value == Decimal(value))


# --- matching ----------------------------------------------------------------------------------

def test_a_sector_joined_by_a_bare_hyphen_is_a_qualifier():
    text = "BÁO CÁO năm 2024.\n\nGiá trị sản xuất ngành Nông-Lâm nghiệp đạt 812 tỷ đồng. Giá trị sản xuất đạt 2.450 tỷ đồng.\n"
    assert fact(text, "812").catalog_code is None
    assert fact(text, "2450").catalog_code == "01.01"


def test_a_period_in_the_clause_is_not_a_monthly_measure():
    text = "BÁO CÁO năm 2024.\n\nThu ngân sách nhà nước trên địa bàn 9 tháng năm là 1.204,5 tỷ đồng, đạt 71% dự toán.\n"
    assert fact(text, "1204.5").catalog_code == "03.01"
    monthly = "BÁO CÁO năm 2024.\n\nThu nhập bình quân tháng của lao động đạt 6,2 triệu đồng.\n"
    assert fact(monthly, "6.2").catalog_code is None


# --- indicator words -----------------------------------------------------------------------------

def test_the_place_of_the_figure_is_not_part_of_what_is_measured():
    text = ("BÁO CÁO năm 2024.\n\nThu nhập bình quân đầu người của xã Tân Lập hiện đạt 58 triệu đồng. Giá trị "
            "sản xuất huyện Đồng Xuân đạt 3.100 tỷ đồng. Tỷ lệ xã đạt chuẩn đạt 40%.\n")
    income = fact(text, "58")
    assert income.indicator == "thu nhập bình quân đầu người"
    assert income.catalog_code == "01.02"
    assert fact(text, "3100").catalog_code == "01.01"
    assert fact(text, "40").indicator == "tỷ lệ xã đạt chuẩn"


def test_an_estimate_verb_opening_the_clause_is_not_part_of_the_subject():
    text = "BÁO CÁO năm 2024.\n\nƯớc thực hiện thu ngân sách nhà nước trên địa bàn là 912 tỷ đồng.\n"
    f = fact(text, "912")
    assert f.indicator == "thu ngân sách nhà nước trên địa bàn"
    assert f.kind == "estimate"
    assert f.catalog_code == "03.01"


def test_a_part_at_a_place_keeps_its_place():
    text = "BÁO CÁO năm 2024.\n\nDiện tích lúa tại xã Tân Lập đạt 120 ha.\n"
    assert "tân lập" in fact(text, "120").indicator


def test_a_verb_after_a_bracket_takes_the_subject_before_it():
    text = ("BÁO CÁO năm 2024.\n\nChỉ số giá tiêu dùng (CPI) năm 2024 tăng 3,1% so cùng kỳ. Chỉ số sản xuất công "
            "nghiệp (IIP) ước tính tăng 7,4% so với cùng kỳ. Tổng sản phẩm (GRDP) 6 tháng trên địa bàn toàn tỉnh "
            "(giá so sánh 2010) ước đạt 9.120 tỷ đồng.\n- Thu nhập bình quân (TNBQ): 61 triệu đồng.\n")
    assert fact(text, "3.1").indicator == "chỉ số giá tiêu dùng tăng"
    assert fact(text, "7.4").indicator == "chỉ số sản xuất công nghiệp tăng"
    assert fact(text, "9120").indicator == "tổng sản phẩm trên địa bàn toàn tỉnh"
    income = fact(text, "61")
    assert income.indicator == "thu nhập bình quân"
    assert income.catalog_code == "01.02"


def test_a_comma_inside_a_sectors_name_is_not_a_list_separator():
    text = ("BÁO CÁO năm 2024.\n\nTrong đó khu vực nông, lâm nghiệp và thủy sản đạt 1.250 tỷ đồng, tăng 3,2%; khu "
            "vực công nghiệp, xây dựng tăng 9,1%; trồng trọt 800 tỷ đồng, lâm nghiệp 120 tỷ đồng.\n")
    assert fact(text, "1250").indicator == "khu vực nông, lâm nghiệp và thủy sản"
    assert fact(text, "1250").catalog_code is None
    assert fact(text, "9.1").indicator == "khu vực công nghiệp, xây dựng tăng"
    assert fact(text, "120").indicator == "lâm nghiệp"


def test_the_clauses_subject_when_only_a_verb_stands_before_the_figure():
    text = ("BÁO CÁO năm 2024.\n\nKhu vực dịch vụ tăng mạnh, đạt 9,8%. Tổng sản phẩm của tỉnh tăng 8,1% so với "
            "cùng kỳ, đạt gần 21.000 tỷ đồng. Tăng trưởng kinh tế (GRDP) năm 2024 của tỉnh tiếp tục duy trì ở mức "
            "cao và đạt 8,2%. Khu vực công nghiệp tiếp tục đóng vai trò động lực của nền kinh tế với 7.340 tỷ đồng. Khu vực "
            "nông nghiệp tăng khá với mức tăng 3,6%.\n")
    assert fact(text, "9.8").indicator == "khu vực dịch vụ"
    assert fact(text, "21000").indicator == "tổng sản phẩm"  # the place is the org unit
    assert fact(text, "8.2").indicator == "tăng trưởng kinh tế của tỉnh"
    assert fact(text, "7340").indicator == "khu vực công nghiệp"
    assert fact(text, "3.6").indicator == "khu vực nông nghiệp tăng"


def test_a_count_after_và_or_với_keeps_what_it_counts():
    text = ("BÁO CÁO năm 2024.\n\nTrồng 120 ha rau màu các loại và 4.000 cây ăn quả. Đoàn đã làm việc với 35 "
            "cán bộ.\n")
    assert fact(text, "4000").indicator == "cây ăn quả"
    assert fact(text, "35").indicator == "cán bộ"


def test_a_topic_before_có_leaves_the_subject_after_the_count():
    text = ("BÁO CÁO năm 2024.\n\nTrong lĩnh vực xây dựng nông thôn mới có 21/30 xã đạt chuẩn nông thôn "
            "mới. Toàn tỉnh có 512 doanh nghiệp thành lập mới. Tổng số hộ có 1.200 hộ.\n")
    ntm = fact(text, "21")
    assert ntm.indicator == "xã đạt chuẩn nông thôn mới"
    assert ntm.catalog_code == "02.06"
    assert fact(text, "512").indicator == "doanh nghiệp thành lập mới"
    assert fact(text, "1200").indicator.startswith("tổng số hộ")


def test_a_change_in_a_count_after_a_bracket_is_not_the_level():
    text = ("BÁO CÁO năm 2024.\n\nCó 7/12 xã đạt tiêu chí (Tân Lập, Yên Hòa) tăng 02 xã so với năm 2023. Chỉ số "
            "giá tiêu dùng (CPI) tăng 3,1% so cùng kỳ.\n")
    assert fact(text, "2").indicator != fact(text, "7").indicator
    assert fact(text, "3.1").indicator == "chỉ số giá tiêu dùng tăng"


def test_an_item_naming_only_a_price_base_is_the_subject_before_it():
    text = ("BÁO CÁO năm 2024.\n\nGiá trị sản xuất công nghiệp (theo giá so sánh 2010) đạt 4.210 tỷ đồng, tăng 6,1% "
            "so với cùng kỳ; theo giá hiện hành là 7.950 tỷ đồng, tăng 9,4%.\n")
    assert fact(text, "7950").indicator == "giá trị sản xuất công nghiệp theo giá hiện hành"


def test_a_consequence_or_goal_word_opens_the_subject():
    text = ("BÁO CÁO năm 2024.\n\nDo sản xuất của một số ngành giảm sâu nên tổng thu ngân sách trên địa bàn ước đạt "
            "3.020 tỷ đồng. Năm 2025, Đảng bộ xã tập trung thực hiện mục tiêu thu nhập bình quân đạt 60 triệu "
            "đồng/người/năm.\n")
    budget = fact(text, "3020")
    assert budget.indicator == "tổng thu ngân sách trên địa bàn"
    assert budget.catalog_code == "03.01"
    income = fact(text, "60")
    assert income.indicator == "thu nhập bình quân"
    assert income.catalog_code == "01.02"


def test_the_names_after_gồm_are_which_ones():
    text = "BÁO CÁO năm 2024.\n\nCó 2 xã đạt chuẩn nông thôn mới gồm xã Tân Lập và xã Yên Hòa.\n"
    f = fact(text, "2")
    assert f.indicator == "xã đạt chuẩn nông thôn mới"
    assert f.catalog_code == "02.06"


def test_a_qualifier_of_the_figure_before_và_is_not_this_ones():
    text = ("BÁO CÁO năm 2024.\n\nCó 3 thôn đạt chuẩn nông thôn mới kiểu mẫu và 2 xã đạt chuẩn nông thôn mới.\n")
    assert fact(text, "2").catalog_code == "02.06"


def test_a_cut_off_before_the_period_is_a_period_word():
    text = ("BÁO CÁO 6 tháng đầu năm 2024.\n\nƯớc giá trị giải ngân vốn đầu tư công (kể cả vốn kéo dài) đến hết 6 "
            "tháng đạt 1.150 tỷ đồng.\n")
    assert fact(text, "1150").indicator == "giá trị giải ngân vốn đầu tư công"
