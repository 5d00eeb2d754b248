"""Third round of rules written on other localities' texts (issue 14): each with a made-up sentence."""

from decimal import Decimal

import pytest

from ktxh.engine.text import CatalogEntry, analyse

CATALOG = [
    CatalogEntry("01.01", "Tổng giá trị sản xuất", ("giá trị sản xuất",), "tỷ đồng"),
    CatalogEntry("02.02", "Diện tích cây chè", ("diện tích chè", "chè hiện có"), "ha"),
    CatalogEntry("02.06", "Số xã đạt chuẩn nông thôn mới", ("xã đạt chuẩn nông thôn mới",), "xã"),
    CatalogEntry("02.07", "Bình quân tiêu chí nông thôn mới", ("bình quân tiêu chí/xã",), "tiêu chí/xã"),
    CatalogEntry("08.01", "Mức giảm tỷ lệ hộ nghèo", ("tỷ lệ hộ nghèo giảm",), "%"),
]


def facts(text, **kw):
    return analyse(text, catalog=CATALOG, **kw)[0]


def fact(text, value):
    return next(f for f in facts(text) if f.value == Decimal(value))


def values(text):
    return [f.value for f in facts(text)]


# --- the document's period -------------------------------------------------------------------

def test_a_web_page_header_date_is_not_the_period_of_the_titled_report_below_it():
    text = ("Thứ hai, ngày 5 tháng 1 năm 2026\nTình hình kinh tế - xã hội tháng 6 năm 2019 tỉnh A\n\n"
            "Sản lượng lúa ước đạt 120 tấn.\n")
    assert fact(text, "120").period == "2019-H1"  # a June report gives the half-year's figures


@pytest.mark.parametrize("opening", ["Sáu tháng đầu năm 2021", "6 tháng đầu năm 2021"])
def test_six_months_of_a_year_in_the_opening_is_the_period(opening):
    text = f"{opening}, tổng diện tích gieo trồng đạt hơn 11.700 ha.\n"
    assert fact(text, "11700").period == "2021-H1"


def test_a_council_session_reports_on_its_date_not_on_the_start_of_its_term():
    text = (" date 2023-07 HĐND huyện B khóa III nhiệm kỳ 2021-2026 họp đánh giá 6 tháng đầu năm.\n\n"
            "Tổng diện tích gieo trồng khoảng 1.318,8ha.\n")
    assert fact(text, "1318.8").period == "2023-H1"


def test_a_dated_article_never_reports_on_a_year_after_its_date():
    text = (" date 2023-12 Huyện C bàn giải pháp phát triển năm 2024\n\n"
            "Với sự nỗ lực của các cấp, các ngành, tổng sản lượng lương thực có hạt đạt 5.422 tấn.\n")
    assert fact(text, "5422").period == "2023"


def test_a_congress_reports_on_the_term_that_ends_not_on_the_year_after_its_comparison():
    text = (" date 2025-08-21 Đại hội Đảng bộ xã D nhiệm kỳ 2025-2030.\n\n"
            "Nhiệm kỳ 2020-2025, xã đã đào tạo nghề cho 932 người, nâng tỷ lệ lao động qua đào tạo đạt 60,89% "
            "(tăng 12,03% so với năm 2020).\n")
    assert fact(text, "932").period == "2021-2025"  # counts over the term: its five-year plan
    assert fact(text, "60.89").period == "2025"  # a rate at its end: the end year


def test_a_resolution_date_in_the_opening_is_not_the_period():
    text = "Xã E được sáp nhập theo Nghị quyết ngày 17/12/2019. Tỷ lệ hộ nghèo năm 2022 là 16,99%, có 2.160 hộ.\n"
    assert fact(text, "2160").period == "2022"


# --- periods of a figure ---------------------------------------------------------------------

def test_a_price_base_year_and_a_same_period_year_are_not_the_figures_period():
    text = ("BÁO CÁO năm 2024\n\nTốc độ tăng giá trị sản xuất (giá so sánh năm 2010) đạt 8%. Thu ngân sách "
            "tăng 3% so với cùng kỳ năm 2023, trong đó thu nội địa đạt 39.632 tỷ đồng.\n")
    assert fact(text, "8").period == "2024"
    assert fact(text, "39632").period == "2024"


def test_a_yearly_rate_over_a_term_and_its_target_list():
    text = (" date 2025-08 Đại hội Đảng bộ xã F nhiệm kỳ 2025-2030.\n\n"
            "Nhiệm kỳ 2020-2025, tỷ lệ hộ nghèo giảm bình quân 6,7%/năm.\n\n"
            "Nhiệm kỳ 2025-2030, Đảng bộ xã đề ra 12 chỉ tiêu cụ thể: tốc độ tăng thu ngân sách bình quân "
            "hằng năm đạt 10%; tỷ lệ dân số tham gia bảo hiểm y tế đạt 99,2%.\n")
    rate = fact(text, "6.7")
    assert (rate.unit, rate.period, rate.catalog_code) == ("%/năm", "2021-2025", "08.01")
    assert (fact(text, "10").kind, fact(text, "10").period) == ("target", "2026-2030")
    assert (fact(text, "99.2").kind, fact(text, "99.2").period) == ("target", "2030")


def test_a_target_for_a_whole_term_written_before_its_figure():
    text = ("CÁC CHỈ TIÊU CHỦ YẾU TRONG NHIỆM KỲ 2020-2025 1. Tổng huy động vốn đầu tư phát triển thời kỳ "
            "2021-2025: 5.000 tỷ đồng. 2. Thu nhập bình quân đầu người đến năm 2025: 60 triệu đồng.\n")
    assert (fact(text, "5000").kind, fact(text, "5000").period) == ("target", "2021-2025")
    assert fact(text, "60").period == "2025"


def test_a_target_list_opened_in_the_middle_of_a_paragraph_covers_its_first_figure():
    text = ("Năm 2024, huyện tiếp tục phát triển. Các chỉ tiêu kinh tế-xã hội chủ yếu năm 2024 là: "
            "Tổng giá trị sản xuất đạt 8.962,72 tỷ đồng.\n")
    assert fact(text, "8962.72").kind == "target"


# --- phrases ---------------------------------------------------------------------------------

def test_the_period_and_price_base_are_not_the_indicator():
    text = ("BÁO CÁO 6 tháng đầu năm 2018.\n\nTổng sản phẩm trong tỉnh (GRDP) 6 tháng đầu năm 2018 (theo giá "
            "hiện hành) ước đạt 24.042,68 tỷ đồng.\nTrong 6 tháng đầu năm 2024 đã giải quyết việc làm cho 2.730 lao động.\n")
    assert fact(text, "24042.68").indicator == "tổng sản phẩm trong tỉnh theo giá hiện hành"
    assert fact(text, "2730").indicator == "giải quyết việc làm"


def test_the_unit_says_what_is_measured_for_matching():
    text = "BÁO CÁO năm 2022\n\nToàn xã có 310 ha chè; bình quân đạt 14,3 tiêu chí/xã.\n"
    assert fact(text, "310").catalog_code == "02.02"
    assert fact(text, "14.3").catalog_code == "02.07"


@pytest.mark.parametrize("phrase", ["CN-TTCN", "nông - ngư nghiệp"])
def test_a_sector_written_short_is_not_the_total(phrase):
    assert fact(f"BÁO CÁO năm 2024\n\nTổng giá trị sản xuất {phrase} hơn 696 tỷ đồng.\n", "696").catalog_code is None


def test_more_communes_is_a_change_not_the_level():
    assert fact("BÁO CÁO năm 2023\n\nCó thêm 2 xã đạt chuẩn nông thôn mới.\n", "2").catalog_code is None


# --- what is not a fact, and what annotates a fact -------------------------------------------

def test_a_range_from_to_is_not_a_value():
    assert values("BÁO CÁO năm 2024\n\nCác sản phẩm chủ lực đều tăng từ 12,4% đến 13,2%.\n") == []


def test_pct_of_quota_after_a_figure_is_that_figures_pct_of_plan():
    f = fact("BÁO CÁO năm 2024\n\nNăm 2024 giảm 693 hộ nghèo, đạt 192,5% chỉ tiêu tỉnh giao.\n", "693")
    assert f.pct_of_plan == Decimal("192.5")
    assert Decimal("192.5") not in values("BÁO CÁO năm 2024\n\nNăm 2024 giảm 693 hộ nghèo, đạt 192,5% chỉ tiêu tỉnh giao.\n")


def test_a_change_after_a_comparison_with_the_plan_stays_a_change():
    text = "BÁO CÁO năm 2024\n\nThu ngân sách ước đạt 131,1 tỷ đồng, tăng 6% so với dự toán tỉnh giao và tăng 14,9% so với cùng kỳ.\n"
    assert Decimal("14.9") not in values(text)
    more = "BÁO CÁO năm 2022\n\nGiá trị sản xuất nông nghiệp đạt hơn 3.000 tỷ đồng (tăng hơn 3,5% so với 2021).\n"
    assert fact(more, "3000").change_vs_prior == Decimal("3.5")


def test_who_attended_the_congress_and_programme_names_are_not_facts():
    text = ("BÁO CÁO năm 2025\n\nDự Đại hội có 155 đại biểu đại diện cho 432 đảng viên. Triển khai 3 chương trình "
            "mục tiêu quốc gia. Tổ chức 04 hội nghị với trên 200 đại biểu tham dự.\n")
    # (the members the delegates represent are the party's size, a fact: convention 7, eighth round)
    assert values(text) == [Decimal("432"), Decimal("4"), Decimal("200")]


def test_digits_inside_a_code_and_a_lone_percentage_line_are_not_figures():
    text = "Tin nổi bật\n\n56088c38b9e27bbc22f3\n\nXã G có 15 xóm.\n100%\n"
    assert values(text) == [Decimal("15")]


def test_a_programme_name_is_not_a_target_word():
    text = "BÁO CÁO năm 2024\n\nVề chương trình mục tiêu quốc gia xây dựng nông thôn mới, toàn huyện có 314 tiêu chí đạt chuẩn.\n"
    assert fact(text, "314").kind == "actual"


def test_parts_after_a_semicolon_share_the_estimate_of_their_total():
    text = ("BÁO CÁO 6 tháng đầu năm 2024\n\nTổng thu ngân sách ước thực hiện được 285,3 tỷ đồng; trong đó, thu "
            "trên địa bàn huyện được 24,023 tỷ đồng. Trong đó, thu từ đất 9,5 tỷ đồng. Sản lượng cá 52 tấn.\n")
    assert fact(text, "24.023").kind == "estimate"
    # a sentence opened by "Trong đó" still breaks the estimate down (docs/extraction.md, annotation
    # convention 1, seventh round); a sentence that does not continue it is stated on its own
    assert fact(text, "9.5").kind == "estimate"
    assert fact(text, "52").kind == "actual"


def test_a_paragraph_opened_by_an_estimate_cut_off_is_estimated():
    text = ("Theo báo cáo, ước tính đến ngày 30-9, tổng diện tích gieo trồng là 77 nghìn ha. Tổng thu ngân sách "
            "được 59 tỷ đồng.\n")
    assert fact(text, "59").kind == "estimate"


# --- added after the five new excerpts were scored once -----------------------------------------

def test_an_untitled_text_reports_on_the_year_of_its_first_figure_not_its_headline():
    text = ("Huyện H phấn đấu đạt chuẩn nông thôn mới nâng cao năm 2024\n\nNăm 2024, huyện tiếp tục thúc đẩy "
            "tăng trưởng.\n\nNăm 2023, huyện hoàn thành 22/23 chỉ tiêu, đạt 95,65%. Tổng giá trị sản xuất ước đạt "
            "13.889 tỷ đồng.\n")
    assert fact(text, "13889").period == "2023"
    assert Decimal("95.65") not in values(text)  # the share of the report's own indicators


def test_a_sentence_below_the_body_is_not_a_title():
    text = ("Năm 2023, các lĩnh vực kinh tế - xã hội thực hiện đạt kết quả theo kế hoạch, tổng diện tích gieo "
            "trồng cây năm 2023 được hơn 23.600 ha, đạt gần 99% kế hoạch, tăng 4,8% so cùng kỳ năm trước nữa.\n"
            "Tình hình sâu bệnh gây hại ở mức độ nhẹ, không ảnh hưởng đến cây trồng.\n"
            "Chuyển tiếp 01 công trình sang năm 2024.\n")
    assert fact(text, "23600").period == "2023"


def test_pct_of_plan_in_a_bracket_or_after_so_với_kế_hoạch():
    text = ("BÁO CÁO năm 2023\n\nTổng giá trị sản phẩm ước đạt hơn 8.850 tỷ đồng (107,79% kế hoạch). Tổng thu "
            "ngân sách đạt 74 tỷ đồng, so với kế hoạch đạt 90,33% và tăng 30,46% so cùng kỳ.\n")
    assert fact(text, "8850").pct_of_plan == Decimal("107.79")
    assert fact(text, "74").pct_of_plan == Decimal("90.33")
    assert values(text) == [Decimal("8850"), Decimal("74")]


def test_the_subject_before_a_comma_and_a_share_said_with_đạt_tỷ_lệ():
    text = ("BÁO CÁO năm 2024\n\nNổi bật là tổng thu ngân sách nhà nước đạt kết quả cao nhất từ trước đến nay, "
            "ước đạt 3.800.019 triệu đồng; 38/38 trường đạt chuẩn quốc gia mức độ 1, đạt tỷ lệ 100%.\n")
    assert fact(text, "3800019").indicator == "tổng thu ngân sách nhà nước"
    assert fact(text, "100").indicator.startswith("tỷ lệ trường")


def test_one_month_and_the_parts_after_a_semicolon_keep_its_period():
    text = ("BÁO CÁO 6 tháng đầu năm 2018.\n\nSản lượng thủy sản tháng 6/2018 ước đạt 45,11 nghìn tấn; trong đó: "
            "tôm 16,06 nghìn tấn. Đến tháng 9/2018, có 320 xã đạt chuẩn.\n")
    assert fact(text, "45.11").period == "2018-06"
    assert fact(text, "16.06").period == "2018-06"
    assert fact(text, "320").period == "2018-H1"  # a cut-off, not a month's figure


def test_an_amount_equal_to_a_change_and_times_prior_are_not_facts():
    text = ("BÁO CÁO năm 2017\n\nTổng sản phẩm bình quân đầu người đạt 22,4 triệu đồng (tăng 7,7% tương đương "
            "1,6 triệu đồng). Cấp mới 115 dự án, tăng 41,97% về số lượng dự án và gấp 3,16 lần so với cùng kỳ.\n")
    assert values(text) == [Decimal("22.4"), Decimal("115")]
    assert fact(text, "22.4").extra["change_amount"] == (Decimal("1.6"), "triệu đồng")


def test_a_rate_that_falls_is_matched_as_its_change_indicator_in_report_order():
    text = "BÁO CÁO năm 2024\n\nTỷ lệ hộ nghèo giảm bình quân 2,1% mỗi năm.\n"
    assert fact(text, "2.1").catalog_code == "08.01"


def test_a_term_opening_whose_full_stop_was_lost_in_the_join():
    text = (" date 2025-08 Đại hội Đảng bộ xã K nhiệm kỳ 2025-2030. (Ảnh: V. T.)\n\n"
            "Nhiệm kỳ 2020-2025, xã đạt nhiều kết quả; kết nạp mới 69 đảng viên.\n")
    assert fact(text, "69").period == "2021-2025"


def test_a_dot_with_one_or_two_digits_is_a_decimal_point_but_not_a_table_rows_number():
    text = "BÁO CÁO năm 2021\n\n- Rau màu: Diện tích 7.2 ha, sản lượng 46.8 tạ/ha; đàn bò 61.000 con.\n4.1\tTỷ lệ hộ nghèo\t%\n"
    assert values(text) == [Decimal("7.2"), Decimal("46.8"), Decimal("61000")]


# --- checks that speak only when they are sure ----------------------------------------------------

def findings(text):
    return analyse(text, catalog=CATALOG)[1]


def test_one_figure_printed_shorter_is_not_a_value_conflict():
    text = ("BÁO CÁO năm 2023.\n\nTỷ lệ hộ nghèo đa chiều toàn huyện giảm còn 7,2%.\n\nVề nông nghiệp, mọi việc "
            "thuận lợi.\n\nTỷ lệ hộ nghèo đa chiều toàn huyện còn 7,16%.\n")
    assert [f for f in findings(text) if f.type == "value_conflict"] == []


def test_the_same_rate_of_two_communes_is_not_a_value_conflict():
    text = ("BÁO CÁO năm 2023.\n\nTại xã Hòa Bình, tỷ lệ hộ nghèo đa chiều còn 7,2%.\n\nTình hình chung ổn định.\n\n"
            "Tại xã Tân Lập, tỷ lệ hộ nghèo đa chiều còn 9,5%.\n")
    assert [f for f in findings(text) if f.type == "value_conflict"] == []


def test_a_real_value_conflict_is_still_reported():
    text = ("BÁO CÁO năm 2023.\n\nTỷ lệ hộ nghèo đa chiều toàn huyện giảm còn 7,2%.\n\nVề nông nghiệp, mọi việc thuận lợi.\n\n"
            "Tỷ lệ hộ nghèo đa chiều toàn huyện còn 9,5%.\n")
    assert [f.type for f in findings(text)] == ["value_conflict"]


def test_names_after_a_count_are_which_ones_not_what_is_counted():
    text = ("BÁO CÁO năm 2023.\n\n2 xã Thạch Kênh, Việt Tiến được UBND tỉnh công nhận xã đạt chuẩn NTM nâng cao; "
            "có thêm 1 xã (Thạch Đài) đạt chuẩn NTM kiểu mẫu.\n")
    assert fact(text, "2").indicator == "xã đạt chuẩn ntm nâng cao"
    assert fact(text, "1").indicator == "xã đạt chuẩn ntm kiểu mẫu"


def test_a_preliminary_figure_is_not_an_estimate():
    text = ("BÁO CÁO 9 tháng năm 2024.\n\nGRDP ước tính 9 tháng tăng 12,46% so với cùng kỳ (sơ bộ quý II tăng "
            "10,97%; sơ bộ 6 tháng đầu năm tăng 11,78%).\n")
    assert fact(text, "12.46").kind == "estimate"
    assert (fact(text, "10.97").kind, fact(text, "10.97").period) == ("actual", "2024-Q2")


def test_a_fragment_after_a_bracket_keeps_the_subject_before_it():
    text = "BÁO CÁO 6 tháng đầu năm 2023.\n\nTổng sản phẩm trên địa bàn (trừ dầu khí) 6 tháng của tỉnh tăng 2,41%.\n"
    assert fact(text, "2.41").indicator.startswith("tổng sản phẩm trên địa bàn")


def test_a_target_by_a_year_does_not_keep_đến_in_its_name():
    text = "CÁC CHỈ TIÊU CHỦ YẾU TRONG NHIỆM KỲ 2020-2025 1. Thu nhập bình quân đầu người/năm đến năm 2025: 60 triệu đồng.\n"
    assert fact(text, "60").indicator == "thu nhập bình quân đầu người/năm"


def test_communes_reaching_all_criteria_and_a_provinces_quota():
    text = ("BÁO CÁO 6 tháng đầu năm 2024.\n\nHiện huyện có 6 xã đạt 19/19 tiêu chí về xây dựng nông thôn mới. Năm "
            "2024 giảm 693 hộ so với năm 2023, vượt 333 hộ và đạt 192,5% so với tỉnh giao.\nĐăng ngày 03 - 10 - 2024\n100%\n")
    assert values(text) == [Decimal("6"), Decimal("693")]
    assert fact(text, "693").pct_of_plan == Decimal("192.5")


def test_a_target_for_the_end_of_the_year_in_a_half_year_report_is_for_the_whole_year():
    text = "6 tháng đầu năm 2020 tình hình ổn định. Theo kế hoạch cuối năm 2020 số xã đạt chuẩn NTM là 11/14 xã.\n"
    f = fact(text, "11")
    assert (f.kind, f.period) == ("target", "2020")
