"""Sixth round of rules written on other localities' texts (issue 14): the period of a figure in a
text without a title block. Each rule with made-up sentences, as one table of cases."""


import pytest

from .period_cases import assert_periods

H1_2025 = "Trong 6 tháng đầu năm 2025, kinh tế huyện Tân Lộc tiếp tục phục hồi.\n"

# (why, text, {figure: its period, or (its period, its kind)})
CASES = [
    ("a list of interim periods in the opening is not the report's period",
     "Năm 2022, tổng thu ngân sách của huyện Tân Lộc đạt 415 tỷ đồng.\n"
     "Trong 3 tháng, 6 tháng và 9 tháng đầu năm 2022, tốc độ tăng trưởng luôn đứng đầu vùng.\n"
     "Giá trị sản xuất nông nghiệp tăng 4,2% so với cùng kỳ.\n",
     {"415": "2022", "4.2": "2022"}),
    ("an opening on the half-year still gives the half",
     "Trong 6 tháng đầu năm 2022, tổng thu ngân sách của huyện Tân Lộc đạt 215 tỷ đồng.\n", {"215": "2022-H1"}),
    ("a sentence opened by its year governs its figures across semicolons, not the next sentence",
     "Tình hình kinh tế - xã hội tháng 12 năm 2025 huyện Tân Lộc\n\n"
     "Trong năm 2024, ngành thương mại là động lực chính của toàn huyện với mức tăng trưởng 7,15%, "
     "đóng góp lớn vào tăng trưởng chung; khu vực nông nghiệp tăng 1,35%; "
     "khu vực công nghiệp giảm 2,4%. Giá trị sản xuất công nghiệp đạt 980 tỷ đồng.\n",
     {"7.15": "2024", "1.35": "2024", "2.4": "2024", "980": "2025"}),
    ("a lowercase year opening after a full stop governs its sentence",
     "BÁO CÁO tình hình kinh tế - xã hội năm 2025\n\n"
     "Kinh tế tiếp tục phục hồi. trong năm 2024, khu vực dịch vụ tăng 6,1%; khu vực nông nghiệp tăng 1,2%.\n",
     {"1.2": "2024"}),
    ("a sentence opened by the report's own year keeps the report's half",
     H1_2025 + "Năm 2025, giá trị sản xuất nông nghiệp đạt 415 tỷ đồng; giá trị sản xuất công nghiệp đạt 630 tỷ đồng.\n",
     {"630": "2025-H1"}),
    ("finished parts inside an estimated period are actual with their own period; a closed bracket's quarter stops",
     "Tổng sản phẩm trên địa bàn huyện Tân Lộc ước 9 tháng đầu năm 2025 đạt 2.310 tỷ đồng, tăng 8,2% "
     "so với cùng kỳ năm trước (6 tháng tăng 7,9%, quý III tăng 8,6%), trong đó: khu vực dịch vụ "
     "đạt 1.020 tỷ đồng.\n",
     {"2310": ("2025-9M", "estimate"), "7.9": ("2025-H1", "actual"), "8.6": ("2025-Q3", "actual"), "1020": "2025-9M"}),
    ("a quarter spelt quí after a comparison with last year's half is this year's",
     "Tổng sản phẩm trên địa bàn huyện Tân Lộc 6 tháng đầu năm 2025 ước đạt 1.480 tỷ đồng, tăng 6,1% "
     "so với 6 tháng đầu năm 2024, quí I tăng 5,3%, quí II tăng 6,8%.\n",
     {"5.3": ("2025-Q1", "actual"), "6.8": ("2025-Q2", "actual")}),
    ("a quarter estimated in its own words stays an estimate",
     "Năm 2025, huyện Tân Lộc ước cả năm tăng 7,4%, trong đó quý IV ước tăng 7,9%.\n",
     {"7.9": ("2025-Q4", "estimate")}),
    ("a count at a cut-off date inside the report's period takes the month, at its end the report's",
     H1_2025 + "Về thu hút đầu tư, tính đến ngày 12/5/2025, toàn huyện có 46 doanh nghiệp thành lập mới "
     "với tổng vốn đăng ký trên 310 tỷ đồng. Lũy kế đến hết tháng 4/2025 có 215 dự án còn hiệu lực.\n"
     "Tính đến ngày 30/6, toàn huyện có 58 hợp tác xã.\n",
     {"46": "2025-05", "310": "2025-05", "215": "2025-04", "58": "2025-H1"}),
    ("a cut-off opening a paragraph governs its next sentence too",
     H1_2025 + "\nTính đến ngày 15/4, trên địa bàn huyện xảy ra 2 đợt mưa đá. Thiệt hại khoảng 12 tỷ đồng.\n\n"
     "Tổng thu ngân sách đạt 96 tỷ đồng.\n",
     {"2": "2025-04", "12": "2025-04", "96": "2025-H1"}),
    # (seventh round: a November cut-off now gives its month, docs/extraction.md convention 3)
    ("a year's report: a cut-off in its last month stands for the year",
     "BÁO CÁO tình hình kinh tế - xã hội năm 2025\n\nTổng thu ngân sách nhà nước thực hiện đến ngày 15/12/2025 "
     "là 412.500 triệu đồng, đạt 103% dự toán.\n", {"412500": "2025"}),
    ("a cut-off in another century is history, not the report's month",
     H1_2025 + "Tên gọi huyện được dùng cho đến tháng 5/1948, khi huyện có 14 xã.\n", {"14": "2025-H1"}),
    ("a month written with a dash is that month, the compared month is not",
     "BÁO CÁO tình hình kinh tế - xã hội 6 tháng đầu năm 2025\n\nChỉ số giá tiêu dùng tháng 6-2025 tăng 0,3% "
     "so tháng 5-2025 và so cùng kỳ tăng 3,9%.\n", {"3.9": "2025-06"}),
    ("the year after \"so với cuối năm\" is the comparison's, not the next figures'",
     "Trong 6 tháng đầu năm 2025, các ngân hàng trên địa bàn huyện Tân Lộc nâng tổng dư nợ lên 820 tỷ đồng, "
     "tăng 4,1% so với cuối năm 2024, thu nợ 150 tỷ đồng và huy động 61 tỷ đồng.\n",
     {"150": "2025-H1", "61": "2025-H1"}),
    ("a bracketed figure of the compared period takes that period and is actual",
     "Trong 6 tháng đầu năm 2025, huyện Tân Lộc ước giải ngân vốn đầu tư công đạt 212 tỷ đồng, "
     "đạt 48,2% kế hoạch (cùng kỳ năm 2024 đạt 31,6%); tỷ lệ hộ nghèo còn 3,1%, thấp hơn cùng kỳ "
     "năm trước (3,8%); tổng thu ngân sách đạt 96 tỷ đồng (năm 2024: 170 tỷ đồng).\n",
     {"31.6": ("2024-H1", "actual"), "3.8": "2024-H1", "170": "2024", "212": "2025-H1", "96": "2025-H1"}),
    ("an opening at the start of July gives the half-year",
     "03/07/2025 - 09:15\n\nTheo UBND huyện Tân Lộc, tính đến đầu tháng 7/2025, thu ngân sách nhà nước "
     "trên địa bàn ước đạt 212 tỷ đồng.\n", {"212": "2025-H1"}),
    ("a quarter's press briefing gives the quarter",
     "Sáng 3/10, UBND tỉnh tổ chức họp báo về tình hình kinh tế - xã hội quý III năm 2025.\n"
     "Tổng vốn đầu tư toàn xã hội đạt 8.100 tỷ đồng.\n", {"8100": "2025-Q3"}),
]


@pytest.mark.parametrize(("why", "text", "expected"), CASES, ids=[row[0] for row in CASES])
def test_the_period_of_each_figure(why, text, expected):
    assert_periods(text, expected)
