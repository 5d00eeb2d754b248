"""Sixth round of rules on the kind of a figure (actual / estimate / target), issue 14: each with a
made-up sentence."""

from decimal import Decimal

from ktxh.engine.text import analyse


def fact(text, value):
    return next(f for f in analyse(text)[0] if f.value == Decimal(value))


def test_a_targeted_programme_is_a_name_not_a_target():
    text = ("BÁO CÁO năm 2023\n\nHuyện lồng ghép vốn các chương trình mục tiêu, vốn tín dụng với tổng kinh phí "
            "820 tỷ đồng để làm đường giao thông.\n")
    assert fact(text, "820").kind == "actual"


def test_a_goal_is_still_a_target():
    text = "BÁO CÁO năm 2023\n\nMục tiêu năm 2024 tổng thu ngân sách đạt 900 tỷ đồng.\n"
    assert fact(text, "900").kind == "target"


def test_a_forecast_is_an_estimate():
    text = ("BÁO CÁO năm 2024\n\nNgân hàng Thế giới dự báo tăng trưởng kinh tế toàn cầu đạt 2,6%; tỉnh có 120 "
            "doanh nghiệp thành lập mới.\n")
    assert fact(text, "2.6").kind == "estimate"
    assert fact(text, "120").kind == "actual"


def test_a_comparison_with_a_forecast_or_forecasting_work_is_no_estimate():
    text = ("BÁO CÁO năm 2024\n\nLàm tốt công tác dự báo, cảnh báo thiên tai, 100% hộ dân được thông tin kịp thời. "
            "Sản lượng lúa cao hơn dự báo đạt 52.000 tấn.\n")
    assert fact(text, "100").kind == "actual"
    assert fact(text, "52000").kind == "actual"


def test_a_list_of_results_announced_is_not_a_plan():
    text = ("Ngày 28/12/2023, Cục Thống kê tỉnh A công bố những chỉ tiêu chủ yếu về tình hình kinh tế - xã hội "
            "của tỉnh năm 2023. Tổng sản phẩm ước tăng 6,1%.\n\nMột số chỉ tiêu kinh tế - xã hội chủ yếu của tỉnh "
            "năm 2023 như sau:\n\n- Số doanh nghiệp thành lập mới: 412 doanh nghiệp\n- Thu ngân sách trên địa bàn: "
            "3.210 tỷ đồng\n")
    assert fact(text, "412").kind == "actual"
    assert fact(text, "3210").kind == "actual"


def test_a_list_of_next_years_main_targets_stays_a_plan():
    text = ("Năm 2023, Cục Thống kê tỉnh A công bố số liệu các chỉ tiêu chủ yếu năm 2023: tổng thu ngân sách "
            "đạt 3.210 tỷ đồng.\n\nCác chỉ tiêu chủ yếu năm 2024 là: thu ngân sách 3.500 tỷ đồng.\n")
    assert fact(text, "3210").kind == "actual"
    assert fact(text, "3500").kind == "target"


def test_a_plan_in_brackets_is_a_target_and_the_figure_before_it_the_result():
    text = ("BÁO CÁO năm 2023\n\nTốc độ tăng trưởng kinh tế đạt 6,2% (kế hoạch năm 2023 là 6,8%). Dịch vụ tăng "
            "7,1% (kế hoạch tăng 7,5%). Thu ngân sách 1.420 tỷ đồng (KH: 1.300 tỷ đồng).\n")
    assert fact(text, "6.2").kind == "actual"
    assert fact(text, "6.8").kind == "target"
    assert fact(text, "7.1").kind == "actual"
    assert fact(text, "7.1").change_vs_prior is None  # the plan's 7,5% is not its change
    assert fact(text, "7.5").kind == "target"
    assert fact(text, "1420").kind == "actual"
    assert fact(text, "1300").kind == "target"


def test_after_a_bracketed_plan_the_comparison_is_the_results_again():
    text = "BÁO CÁO năm 2023\n\nTổng thu ngân sách đạt 1.420 tỷ đồng (kế hoạch 1.300 tỷ đồng), tăng 12% so với năm 2022.\n"
    assert fact(text, "1420").change_vs_prior == Decimal("12")
    assert fact(text, "1300").kind == "target"


def test_a_plan_word_in_brackets_does_not_reach_past_them():
    text = ("BÁO CÁO năm 2023\n\nTổng thu ngân sách (kế hoạch giao 1.300 tỷ đồng) đạt 1.420 tỷ đồng. Phấn đấu "
            "năm 2024 thu 1.500 tỷ đồng (tăng 5,6%), giải ngân 900 tỷ đồng.\n")
    assert fact(text, "1300").kind == "target"
    assert fact(text, "1420").kind == "actual"
    assert fact(text, "1500").kind == "target"
    assert fact(text, "900").kind == "target"


def test_a_headline_with_an_estimate_verb_does_not_govern_the_article():
    # the normalizer joins the headline to the body: one paragraph opened by "dự kiến"
    text = ("Tỉnh A: Nền kinh tế dự kiến tăng trưởng cao nhất vùng năm 2023\n\nSáng 04/10, UBND tỉnh A họp báo. "
            "Trong 9 tháng năm 2023, chỉ số sản xuất công nghiệp tăng 12,4% so với cùng kỳ.\n")
    assert fact(text, "12.4").kind == "actual"


def test_an_opening_that_states_an_estimated_figure_still_governs_its_paragraph():
    text = "Tỉnh A dự kiến tổng thu ngân sách năm 2023 đạt 5.632 tỷ đồng. Tỷ lệ hộ nghèo còn 2,1%.\n"
    assert fact(text, "2.1").kind == "estimate"


def test_a_completed_quarter_inside_an_estimated_period_is_actual():
    text = ("BÁO CÁO\nTình hình kinh tế - xã hội 9 tháng đầu năm 2024\n\nI. KINH TẾ\n\n1. Tăng trưởng\n\n"
            "Tổng sản phẩm trên địa bàn ước 9 tháng "
            "đầu năm 2024 tăng 8,2% so với cùng kỳ (6 tháng đầu năm tăng 7,9%, quý III tăng 8,6%). Riêng quý III "
            "ước tăng 8,7%.\n")
    assert fact(text, "8.2").kind == "estimate"
    assert fact(text, "7.9").kind == "actual"
    assert fact(text, "8.6").kind == "actual"
    assert fact(text, "8.7").kind == "estimate"


# --- checks --------------------------------------------------------------------------------------

def test_a_sibling_after_the_parts_of_a_total_is_not_one_of_its_parts():
    text = ("BÁO CÁO năm 2023\n\nKhu vực công nghiệp, xây dựng đạt 5.200 tỷ đồng, trong đó ngành công nghiệp "
            "đạt 3.100 tỷ đồng; tiếp đến là khu vực dịch vụ đạt 4.800 tỷ đồng; khu vực nông nghiệp đạt 1.900 tỷ "
            "đồng.\n")
    assert not [f for f in analyse(text)[1] if f.type == "sum_mismatch"]


def test_parts_listed_over_semicolons_are_still_added_up():
    text = ("BÁO CÁO năm 2023\n\nTổng vốn đầu tư đạt 500 tỷ đồng, trong đó vốn ngân sách 300 tỷ đồng; vốn doanh "
            "nghiệp 350 tỷ đồng.\n")
    assert [f for f in analyse(text)[1] if f.type == "sum_mismatch"]
