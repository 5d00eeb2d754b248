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
