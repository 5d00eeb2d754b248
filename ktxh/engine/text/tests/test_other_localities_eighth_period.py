"""Eighth round of rules on the period of a figure (issue 14): the period of an untitled text and of
next year's plan sentences. Each rule with made-up sentences, as one table of cases."""

import pytest

from .period_cases import assert_periods

# (why, text, {figure: its period})
CASES = [
    ("the year opening the first figure's paragraph is the period, not next year's headline",
     "Xã Tân Lộc triển khai nhiệm vụ trọng tâm năm 2026\n\nNăm 2025, xã Tân Lộc bám sát các chỉ tiêu đề ra. "
     "Nhờ đó, tổng thu ngân sách đạt 48 tỷ đồng.\n",
     {"48": "2025"}),
    ("a year-end cut-off opening the first result's clause is the year; an aim sentence before it is not",
     "Mục tiêu của huyện Tân Lộc là nâng thu nhập của 4 xã vùng cao trong năm 2027.\n\nBằng nhiều giải pháp, "
     "đến cuối năm 2026, thu nhập bình quân ở 4 xã đạt 39,5 triệu đồng.\n",
     {"39.5": "2026"}),
    ("a half-year report naming the tasks of the second half gives that year",
     "Ngày 20/7, HĐND xã Tân Lộc họp kỳ thứ tám, nghe báo cáo tình hình 6 tháng đầu năm, phương hướng "
     "nhiệm vụ 6 tháng cuối năm 2019. Theo đó, diện tích gieo trồng đạt 215 ha.\n",
     {"215": "2019-H1"}),
    ("a quarter written \"quý I/2026\" gives the year and the quarter",
     "Ngày 15/4, HĐND phường Tân Lộc họp chuyên đề về quyết toán ngân sách năm 2025.\n\nTheo báo cáo, trong "
     "quý I/2026, thu ngân sách trên địa bàn phường đạt 12,4 tỷ đồng.\n",
     {"12.4": "2026-Q1"}),
    ("a body sentence opened by \"Thực hiện nhiệm vụ\" is no preamble; its paragraph is next year's",
     "Xã Tân Lộc tổng kết năm 2025\n\nNăm 2025, thu ngân sách của xã đạt 61 tỷ đồng.\n\nThực hiện nhiệm vụ "
     "chính trị năm 2026, xã tiếp tục đổi mới. Thu ngân sách phấn đấu đạt trên 66 tỷ đồng.\n",
     {"61": "2025", "66": "2026"}),
    ("a target in a sentence opened by the report's year is the whole year's in a quarter's report",
     " date 2026-04 Quý I năm 2026, huyện Tân Lộc gieo trồng 3.150 ha vụ Đông Xuân.\n\nNăm 2026, huyện phấn đấu "
     "có thêm 4 xã đạt chuẩn nông thôn mới.\n",
     {"3150": "2026-Q1", "4": "2026"}),
    ("in a year-end review that sets next year's tasks, an undated target is next year's",
     " date 2027-01-10 Xã Tân Lộc phấn đấu giảm tỷ lệ hộ nghèo xuống dưới 1,5%\n\nChiều 9/1, Đảng ủy xã Tân "
     "Lộc tổng kết nhiệm vụ năm 2026, triển khai nhiệm vụ trọng tâm năm 2027.\n",
     {"1.5": "2027"}),
    ("a figure between \"từ … xuống còn …\" takes the year printed after it",
     "BÁO CÁO tình hình kinh tế - xã hội năm 2026\n\nCơ cấu kinh tế chuyển dịch, tỷ trọng nông nghiệp giảm từ "
     "41,2% năm 2025 xuống còn 38,6% năm 2026.\n",
     {"41.2": "2025", "38.6": "2026"}),
    ("\"năm 2027, phường đã đề ra các chỉ tiêu chủ yếu:\" opens next year's targets",
     "Năm 2026, thu ngân sách phường Tân Lộc đạt 75 tỷ đồng.\n\nTrên cơ sở đó, năm 2027, phường đã đề ra các "
     "chỉ tiêu chủ yếu đó là: tốc độ tăng giá trị sản xuất đạt 9,5%.\n",
     {"75": "2026", "9.5": "2027"}),
    ("a headline announcing next year's plan keeps the report on its own year",
     " date 2026-12-20 Năm 2027, xã Tân Lộc đề ra 20 chỉ tiêu, phấn đấu tốc độ tăng trưởng kinh tế đạt 8,2%\n\n"
     "Ngày 20/12, HĐND xã Tân Lộc tổ chức kỳ họp cuối năm. Năm 2026, tổng thu ngân sách đạt 57 tỷ đồng.\n",
     {"8.2": "2027", "57": "2026"}),
]


@pytest.mark.parametrize(("why", "text", "expected"), CASES, ids=[row[0] for row in CASES])
def test_the_period_of_each_figure(why, text, expected):
    assert_periods(text, expected)
