"""Seventh round of rules on the period of a figure (issue 14): the period brought to the annotation
conventions of docs/extraction.md ("Annotation conventions (one for every set)", 2 and 3). Each rule
with made-up sentences, as one table of cases."""

import pytest

from .period_cases import assert_periods

H1_2025 = "Trong 6 tháng đầu năm 2025, kinh tế huyện Tân Lộc tiếp tục phục hồi.\n"
YEAR_2025 = "BÁO CÁO tình hình kinh tế - xã hội năm 2025\n\n"

# (why, text, {figure: its period})
CASES = [
    ("a cut-off in the half-year's last month takes the half, an earlier one its month",
     H1_2025 + "Tính đến ngày 12/6/2025, toàn huyện có 57 doanh nghiệp thành lập mới với tổng vốn đăng ký "
     "đạt 240 tỷ đồng. Lũy kế đến ngày 20/5/2025 có 190 dự án còn hiệu lực.\n",
     {"57": "2025-H1", "240": "2025-H1", "190": "2025-05"}),
    ("a November cut-off in a year's report gives November, a December one the year",
     YEAR_2025 + "Tổng thu ngân sách trên địa bàn tính đến ngày 20/11/2025 đạt 88,4 tỷ đồng, đạt 115% dự toán. "
     "Dư nợ cho vay đến ngày 10/12/2025 đạt 640 tỷ đồng.\n",
     {"88.4": "2025-11", "640": "2025"}),
    ("the last cut-off before a figure is its own: \"dự ước hết 31/12\" after \"đến ngày 30/11\" is the year",
     YEAR_2025 + "Tổng thu ngân sách thực hiện đến ngày 30/11/2025 là 402 tỷ đồng, đạt 98% dự toán; dự ước hết "
     "31/12/2025 thu ngân sách trên địa bàn đạt 455 tỷ đồng.\n",
     {"402": "2025-11", "455": "2025"}),
    ("the report's own year before a figure does not undo the cut-off of its sentence",
     YEAR_2025 + "Tổng giá trị giải ngân đến ngày 25/11/2025 là 96.400 triệu đồng, trong đó: giải ngân kế hoạch "
     "năm 2025 là 81.200 triệu đồng. Năm 2024, giải ngân đạt 70.500 triệu đồng.\n",
     {"96400": "2025-11", "81200": "2025-11", "70500": "2024"}),
    ("ten or eleven months give their last month; a span of months that is no period does not",
     YEAR_2025 + "Thu ngân sách nhà nước trên địa bàn 10 tháng đầu năm 2025 đạt 1.204 tỷ đồng, tăng 8,5% so với "
     "10 tháng đầu năm 2024. Chi ngân sách địa phương 11 tháng năm 2025 là 980 tỷ đồng. Huyện có 14 "
     "hợp tác xã hoạt động trong 5 tháng mùa khô.\n",
     {"1204": "2025-10", "980": "2025-11", "14": "2025"}),
    ("an untitled text reports on the period it names first, not on the half it is compared with",
     "Chín tháng đầu năm, tổng sản phẩm trên địa bàn huyện Tân Lộc tăng 7,3%, cao hơn 0,4 điểm phần trăm "
     "so với mức tăng của 6 tháng đầu năm 2025.\n\nTổng thu ngân sách đạt 318 tỷ đồng.\n",
     {"7.3": "2025-9M", "318": "2025-9M"}),
    ("the parts opened by \"Trong đó\" after a cut-off's sentence keep its month; the next sentence does not",
     YEAR_2025 + "Công tác thu ngân sách có nhiều chuyển biến. Tính đến ngày 15/11/2025, tổng thu ngân sách trên "
     "địa bàn đạt 24,6 tỷ đồng. Trong đó, thu cân đối ngân sách đạt 6,9 tỷ đồng. Chi ngân sách đạt 18 tỷ đồng.\n",
     {"24.6": "2025-11", "6.9": "2025-11", "18": "2025"}),
    ("a quarter written in figures with its year is that quarter",
     H1_2025 + "Tổng sản phẩm trên địa bàn 6 tháng đầu năm 2025 ước tăng 8,1%. Trong đó, riêng quý 2-2025 tăng "
     "8,4%; quý 1/2025 tăng 7,8%. Có 3 dự án khởi công trong quý 2 đợt đầu.\n",
     {"8.1": "2025-H1", "8.4": "2025-Q2", "7.8": "2025-Q1", "3": "2025-H1"}),
    ("the compared year stays the comparison's however far before the figure it ends",
     "Trong 9 tháng năm 2025, kinh tế huyện Tân Lộc tiếp tục phục hồi.\n\nGiá trị sản xuất công nghiệp 9 tháng "
     "năm 2025 ước tính tăng 6,25% so với cùng kỳ năm 2024 (quý I tăng 5,12%; quý II tăng 6,07%; quý III tăng "
     "7,41%), đóng góp 1,2 điểm phần trăm.\n",
     {"5.12": "2025-Q1", "6.07": "2025-Q2", "7.41": "2025-Q3"}),
    ("a sentence opened by \"Bước sang năm\" governs its figures across semicolons",
     YEAR_2025 + "Tổng thu ngân sách đạt 64 tỷ đồng. Bước sang năm 2026, huyện đề ra 18 chỉ tiêu; trong đó phấn "
     "đấu thu nhập bình quân đầu người đạt 72 triệu đồng; tỷ lệ hộ nghèo giảm còn 2,5%.\n",
     {"64": "2025", "72": "2026", "2.5": "2026"}),
    ("a period named right after the figure (\"của năm 2022\", \"của quý 1-2025\") is its own",
     "Tổng sản phẩm trên địa bàn huyện Tân Lộc năm 2025 ước tăng 6,4%, cao hơn các năm trước: 3,15% của năm 2022 "
     "và 4,05% của năm 2023. Riêng quý 4-2025 tăng 6,9%, tiếp nối mức tăng 6,2% của quý 3-2025.\n",
     {"6.4": "2025", "3.15": "2022", "4.05": "2023", "6.9": "2025-Q4", "6.2": "2025-Q3"}),
    ("in an interim report a figure \"trong năm\" / \"cả năm 2025\" is the whole year's",
     "Trong 9 tháng năm 2025, kinh tế huyện Tân Lộc tiếp tục phục hồi. Huyện phấn đấu tốc độ tăng trưởng đạt "
     "8% trở lên trong năm; tổng thu ngân sách đạt 410 tỷ đồng cả năm 2025. Giá trị sản xuất công nghiệp đạt "
     "1.250 tỷ đồng.\n",
     {"8": "2025", "410": "2025", "1250": "2025-9M"}),
    ("the year a stock was carried over from is not its period",
     H1_2025 + "Tiếp nhận 31 đơn kiến nghị của công dân (đơn năm 2024 chuyển sang 4 đơn; tiếp nhận mới 27 đơn).\n",
     {"31": "2025-H1", "4": "2025-H1", "27": "2025-H1"}),
    ("a figure \"đầu nhiệm kỳ\" in a congress's report is the first year of the term it closes",
     "Đại hội đại biểu Đảng bộ xã Tân Lộc lần thứ XVIII (nhiệm kỳ 2025-2030) đã diễn ra thành công.\n\n"
     "Nhiệm kỳ qua, tỷ lệ hộ nghèo từ 41% đầu nhiệm kỳ đến nay giảm xuống còn 18%.\n",
     {"41": "2020", "18": "2025"}),
    ("every part of a yearly average listed after \"trong đó:\" is the term's, however long the list",
     "CÁC CHỈ TIÊU CHỦ YẾU TRONG NHIỆM KỲ 2025-2030 I. Về kinh tế 1. Tốc độ tăng giá trị sản xuất bình quân hàng năm (giá so "
     "sánh năm 2010) đạt 12%, trong đó: nông, lâm nghiệp và thủy sản tăng 4,5%; công nghiệp - xây dựng tăng "
     "14,2%; thương mại - dịch vụ tăng 13,6%.\n",
     {"12": "2026-2030", "4.5": "2026-2030", "13.6": "2026-2030"}),
    ("a bracketed figure after \"so với năm 2024\" is that year's",
     YEAR_2025 + "GRDP bình quân đầu người khoảng 61,2 triệu đồng, tăng 4,3 triệu đồng so với năm 2024 (56,9 triệu "
     "đồng).\n",
     {"61.2": "2025", "56.9": "2024"}),
    ("a figure followed by \"mà … đạt được trong 6 tháng đầu năm 2024\" is that half's",
     H1_2025 + "Tổng sản phẩm trên địa bàn tăng 8,2%, cao hơn mức 4,6% mà huyện đạt được trong 6 tháng đầu năm 2024.\n",
     {"8.2": "2025-H1", "4.6": "2024-H1"}),
]


@pytest.mark.parametrize(("why", "text", "expected"), CASES, ids=[row[0] for row in CASES])
def test_the_period_of_each_figure(why, text, expected):
    assert_periods(text, expected)
