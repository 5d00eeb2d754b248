"""Seventh round of rules on targets (issue 14): how a plan or target is recognised, each rule with a
made-up sentence and a control that must stay actual."""

import pytest

from ktxh.engine.text import analyse
from ktxh.engine.text.tests.test_other_localities_sixth_kind import fact

_YEAR = "BÁO CÁO\nTình hình kinh tế - xã hội năm 2025\n\n"
_HALF = "BÁO CÁO\nTình hình kinh tế - xã hội 6 tháng đầu năm 2024\n\n"

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
     "động; tỷ lệ hộ nghèo còn 1,4%.\n",
     {"12": "actual", "310": "actual", "1.4": "actual"}),
    ("control: a target said as met does not carry",
     _YEAR + "Xã hoàn thành các mục tiêu đề ra; thu ngân sách đạt 18 tỷ đồng, vượt chỉ tiêu; trồng mới 42 ha "
     "rừng, đạt 105% kế hoạch.\n", {"18": "actual", "42": "actual"}),
    ("the plan named as the subject is a target, and its parts after 'trong đó'",
     _HALF
     + "Kế hoạch thu ngân sách năm 2024 được giao là 412 tỷ đồng, trong đó thu thuế 250 tỷ đồng, thu khác 162 tỷ đồng.\n",
     {"412": "target", "250": "target", "162": "target"}),
    ("the parts of a plan opening the next sentence are targets; a result after them is not",
     _HALF + "Kế hoạch vốn đầu tư công năm 2024 là 530 tỷ đồng. Trong đó, vốn cấp tỉnh là 330 tỷ đồng, "
     "vốn cấp huyện là 200 tỷ đồng. Vốn đầu tư thực hiện đạt 210 tỷ đồng.\n", dict.fromkeys(("530", "330", "200"), "target")
     | {"210": "actual"}),
    ("control: a result of the plan's capital stays actual",
     _HALF + "Kế hoạch vốn năm 2024 đã giải ngân 96 tỷ đồng; thu ngân sách đạt 140 tỷ đồng, đạt 34% kế hoạch.\n",
     {"96": "actual", "140": "actual"}),
    ("the figure right after the plan word is the plan",
     _YEAR + "Sản lượng cà phê ước đạt 15.300 tấn, vượt kế hoạch 14.000 tấn được giao.\n",
     {"15300": "estimate", "14000": "target"}),
    ("the parts of a target after 'trong đó' in its clause are targets",
     _YEAR + "Tỷ lệ trẻ em đi học đúng độ tuổi đến năm 2030 đạt 99%, trong đó tỷ lệ trẻ em vùng sâu đạt trên 97%.\n",
     {"99": "target", "97": "target"}),
    ("control: the parts after a plan in brackets are the result's",
     _YEAR + "Thu ngân sách đạt 1.420 tỷ đồng (KH 1.300 tỷ đồng), trong đó thu thuế 900 tỷ đồng.\n",
     {"1420": "actual", "1300": "target", "900": "actual"}),
    ("an estimate for a year not begun is its plan; this year's estimate stays one",
     _YEAR + "Dự kiến tổng thu ngân sách năm 2026 của tỉnh ước đạt trên 9.800 tỷ đồng. Tổng thu ngân sách năm "
     "2025 ước đạt 9.100 tỷ đồng.\n", {"9800": "target", "9100": "estimate"}),
    ("control: a forecast for next year stays an estimate",
     _YEAR + "Năm 2026, Ngân hàng Thế giới dự báo kinh tế toàn cầu tăng 2,7%.\n", {"2.7": "estimate"}),
    ("the plan 'mà … đặt ra là' is a target, the result before it actual",
     _YEAR + "Tăng trưởng kinh tế đạt 8,2%, vượt kế hoạch mà tỉnh đặt ra là 7,5%.\n", {"8.2": "actual", "7.5": "target"}),
    ("a growth scenario proposed is a target",
     _YEAR + "UBND tỉnh đề xuất kịch bản tăng trưởng kinh tế năm 2026 đạt từ 9,5% trở lên.\n", {"9.5": "target"}),
]


@pytest.mark.parametrize(("text", "kinds"), [case[1:] for case in KINDS], ids=[case[0] for case in KINDS])
def test_kind(text, kinds):
    assert {value: fact(text, value).kind for value in kinds} == kinds


def test_a_term_target_after_a_semicolon_takes_the_term():
    text = _YEAR + ("Đại hội nhiệm kỳ 2025-2030 đặt mục tiêu thu ngân sách đến năm 2030 đạt 250 tỷ đồng; tốc độ "
                    "tăng giá trị sản xuất bình quân hằng năm 9%.\n")
    assert (fact(text, "9").kind, fact(text, "9").period) == ("target", "2026-2030")


def test_the_years_plan_gives_the_scale_of_a_half_years_budget():
    text = _HALF + ("Kế hoạch tổng thu ngân sách nhà nước năm 2024 được giao là 412 tỷ đồng.\n"
                    "Tổng thu ngân sách nhà nước 6 tháng đầu năm 2024 đạt 150.200 triệu đồng.\n"
                    "Tổng chi ngân sách địa phương 6 tháng đầu năm 2024 đạt 310,5 triệu đồng.\n")
    found = [f for f in analyse(text)[1] if f.type == "magnitude"]
    assert [f.stated for f in found] == ["310,5"]
