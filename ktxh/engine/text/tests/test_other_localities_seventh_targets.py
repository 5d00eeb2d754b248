"""Seventh round of rules on targets (issue 14): how a plan or target is recognised, each rule with a
made-up sentence and a control that must stay actual."""

from decimal import Decimal

import pytest

from ktxh.engine.text import analyse

_YEAR = "BÁO CÁO\nTình hình kinh tế - xã hội năm 2025\n\n"

# rule, text, the kind of each figure in it
KINDS = [
    ("a target word governs the clauses after ';' up to the full stop",
     _YEAR + "Đại hội đặt mục tiêu thu ngân sách đến năm 2030 đạt 250 tỷ đồng; tỷ lệ hộ nghèo dưới 1,2%; "
     "mỗi năm giải quyết việc làm cho 900 lao động. Thu nhập bình quân đạt 64 triệu đồng/người.\n",
     {"250": "target", "1.2": "target", "900": "target", "64": "actual"}),
    ("next year's targets listed after 'phấn đấu' are targets",
     _YEAR + "Năm 2026, xã phấn đấu thực hiện các chỉ tiêu: thu ngân sách đạt 31,5 tỷ đồng; tỷ lệ gia đình "
     "văn hóa đạt 93%.\n", {"31.5": "target", "93": "target"}),
    ("control: a plan basis of a rate of plan does not carry",
     _YEAR + "Thu ngân sách đạt 12 tỷ đồng, đạt 215% so với chỉ tiêu giao; giải quyết việc làm cho 310 lao "
     "động; tỷ lệ hộ nghèo còn 1,4%.\n", {"12": "actual", "310": "actual", "1.4": "actual"}),
    ("control: a target said as met does not carry",
     _YEAR + "Xã hoàn thành các mục tiêu đề ra; thu ngân sách đạt 18 tỷ đồng, vượt chỉ tiêu; trồng mới 42 ha "
     "rừng, đạt 105% kế hoạch.\n", {"18": "actual", "42": "actual"}),
]


def fact(text, value):
    return next(f for f in analyse(text)[0] if f.value == Decimal(value))


@pytest.mark.parametrize(("text", "kinds"), [case[1:] for case in KINDS], ids=[case[0] for case in KINDS])
def test_kind(text, kinds):
    assert {value: fact(text, value).kind for value in kinds} == kinds


def test_a_term_target_after_a_semicolon_takes_the_term():
    text = _YEAR + ("Đại hội nhiệm kỳ 2025-2030 đặt mục tiêu thu ngân sách đến năm 2030 đạt 250 tỷ đồng; tốc độ "
                    "tăng giá trị sản xuất bình quân hằng năm 9%.\n")
    assert (fact(text, "9").kind, fact(text, "9").period) == ("target", "2026-2030")
