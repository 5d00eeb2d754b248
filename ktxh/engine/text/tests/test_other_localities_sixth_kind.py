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
