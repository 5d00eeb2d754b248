"""Sixth round of rules on the kind of a figure (actual / estimate / target), issue 14: each with a
made-up sentence."""

from decimal import Decimal

import pytest

from ktxh.engine.text import analyse

_TITLE = "BÁO CÁO năm 2023\n\n"
_NINE_MONTHS = "BÁO CÁO\nTình hình kinh tế - xã hội 9 tháng đầu năm 2024\n\nI. KINH TẾ\n\n1. Tăng trưởng\n\n"
_HALF = "BÁO CÁO\nTình hình kinh tế - xã hội 6 tháng đầu năm 2023\n\nKinh tế tiếp tục phục hồi.\n\n"

# rule, text, the kind of each figure in it
KINDS = [
    ("a targeted programme is a name, not a target",
     _TITLE + "Huyện lồng ghép vốn các chương trình mục tiêu, vốn tín dụng với tổng kinh phí 820 tỷ đồng để "
     "làm đường giao thông.\n", {"820": "actual"}),
    ("a goal is still a target",
     _TITLE + "Mục tiêu năm 2024 tổng thu ngân sách đạt 900 tỷ đồng.\n", {"900": "target"}),
    ("a forecast is an estimate",
     "BÁO CÁO năm 2024\n\nNgân hàng Thế giới dự báo tăng trưởng kinh tế toàn cầu đạt 2,6%; tỉnh có 120 "
     "doanh nghiệp thành lập mới.\n", {"2.6": "estimate", "120": "actual"}),
    ("a comparison with a forecast, or forecasting work, is no estimate",
     "BÁO CÁO năm 2024\n\nLàm tốt công tác dự báo, cảnh báo thiên tai, 100% hộ dân được thông tin kịp thời. "
     "Sản lượng lúa cao hơn dự báo đạt 52.000 tấn.\n", {"100": "actual", "52000": "actual"}),
    ("a list of results announced is not a plan",
     "Ngày 28/12/2023, Cục Thống kê tỉnh A công bố những chỉ tiêu chủ yếu về tình hình kinh tế - xã hội của "
     "tỉnh năm 2023. Tổng sản phẩm ước tăng 6,1%.\n\nMột số chỉ tiêu kinh tế - xã hội chủ yếu của tỉnh năm "
     "2023 như sau:\n\n- Số doanh nghiệp thành lập mới: 412 doanh nghiệp\n- Thu ngân sách trên địa bàn: "
     "3.210 tỷ đồng\n", {"412": "actual", "3210": "actual"}),
    ("a list of next year's main targets stays a plan",
     "Năm 2023, Cục Thống kê tỉnh A công bố số liệu các chỉ tiêu chủ yếu năm 2023: tổng thu ngân sách đạt "
     "3.210 tỷ đồng.\n\nCác chỉ tiêu chủ yếu năm 2024 là: thu ngân sách 3.500 tỷ đồng.\n",
     {"3210": "actual", "3500": "target"}),
    ("a plan in brackets is a target, the figure before it the result",
     _TITLE + "Tốc độ tăng trưởng kinh tế đạt 6,2% (kế hoạch năm 2023 là 6,8%). Dịch vụ tăng 7,1% (kế hoạch "
     "tăng 7,5%). Thu ngân sách 1.420 tỷ đồng (KH: 1.300 tỷ đồng).\n",
     {"6.2": "actual", "6.8": "target", "7.1": "actual", "7.5": "target", "1420": "actual", "1300": "target"}),
    ("a plan word in brackets does not reach past them",
     _TITLE + "Tổng thu ngân sách (kế hoạch giao 1.300 tỷ đồng) đạt 1.420 tỷ đồng. Phấn đấu năm 2024 thu "
     "1.500 tỷ đồng (tăng 5,6%), giải ngân 900 tỷ đồng.\n",
     {"1300": "target", "1420": "actual", "1500": "target", "900": "target"}),
    # the normalizer joins the headline to the body: one paragraph opened by "dự kiến"
    ("a headline with an estimate verb does not govern the article",
     "Tỉnh A: Nền kinh tế dự kiến tăng trưởng cao nhất vùng năm 2023\n\nSáng 04/10, UBND tỉnh A họp báo. "
     "Trong 9 tháng năm 2023, chỉ số sản xuất công nghiệp tăng 12,4% so với cùng kỳ.\n", {"12.4": "actual"}),
    ("an opening that states an estimated figure still governs its paragraph",
     "Tỉnh A dự kiến tổng thu ngân sách năm 2023 đạt 5.632 tỷ đồng. Tỷ lệ hộ nghèo còn 2,1%.\n",
     {"2.1": "estimate"}),
    ("a completed quarter inside an estimated period is actual",
     _NINE_MONTHS + "Tổng sản phẩm trên địa bàn ước 9 tháng đầu năm 2024 tăng 8,2% so với cùng kỳ (6 tháng đầu "
     "năm tăng 7,9%, quý III tăng 8,6%). Riêng quý III ước tăng 8,7%.\n",
     {"8.2": "estimate", "7.9": "actual", "8.6": "actual", "8.7": "estimate"}),
]


def fact(text, value):
    return next(f for f in analyse(text)[0] if f.value == Decimal(value))


@pytest.mark.parametrize(("text", "kinds"), [case[1:] for case in KINDS], ids=[case[0] for case in KINDS])
def test_kind(text, kinds):
    assert {value: fact(text, value).kind for value in kinds} == kinds


def test_after_a_bracketed_plan_the_comparison_is_the_results_again():
    text = _TITLE + "Tổng thu ngân sách đạt 1.420 tỷ đồng (kế hoạch 1.300 tỷ đồng), tăng 12% so với năm 2022.\n"
    assert fact(text, "1420").change_vs_prior == Decimal("12")
    assert fact(text, "1300").kind == "target"


def test_a_plan_in_brackets_is_not_the_change_of_the_figure_before_it():
    assert fact(_TITLE + "Dịch vụ tăng 7,1% (kế hoạch tăng 7,5%).\n", "7.1").change_vs_prior is None


# --- checks --------------------------------------------------------------------------------------

def sum_mismatches(text):
    return [f for f in analyse(text)[1] if f.type == "sum_mismatch"]


def test_a_sibling_after_the_parts_of_a_total_is_not_one_of_its_parts():
    assert not sum_mismatches(
        _TITLE + "Khu vực công nghiệp, xây dựng đạt 5.200 tỷ đồng, trong đó ngành công nghiệp đạt 3.100 tỷ đồng; "
        "tiếp đến là khu vực dịch vụ đạt 4.800 tỷ đồng; khu vực nông nghiệp đạt 1.900 tỷ đồng.\n"
    )


def test_parts_listed_over_semicolons_are_still_added_up():
    assert sum_mismatches(
        _TITLE + "Tổng vốn đầu tư đạt 500 tỷ đồng, trong đó vốn ngân sách 300 tỷ đồng; vốn doanh nghiệp 350 tỷ "
        "đồng.\n"
    )


def test_the_name_before_an_acronym_is_the_subject_of_the_verb_after_it():
    text = _HALF + "Chỉ số sản xuất công nghiệp (IIP) ước tăng 8,1% so với cùng kỳ.\n"
    assert fact(text, "8.1").indicator == "chỉ số sản xuất công nghiệp ước tăng"


def test_one_index_stated_twice_with_two_values_is_a_conflict():
    text = (_HALF + "Chỉ số sản xuất công nghiệp (IIP) ước tăng 8,1% so với cùng kỳ.\n\n"
            "Giá trị sản xuất ngành công nghiệp ước đạt 9.120 tỷ đồng, chỉ số sản xuất công nghiệp (IIP) ước tăng "
            "11,3% so với cùng kỳ.\n")
    assert [f.stated for f in analyse(text)[1] if f.type == "value_conflict"] == ["11,3"]


def test_two_indices_are_no_conflict():
    text = (_HALF + "Chỉ số sản xuất công nghiệp (IIP) tăng 8,1% so với cùng kỳ.\n\n"
            "Chỉ số giá tiêu dùng (CPI) bình quân tăng 3,2% so với cùng kỳ.\n")
    assert not [f for f in analyse(text)[1] if f.type == "value_conflict"]
