"""Sixth round of rules written on other localities' texts (issue 14): the period of a figure in a
text without a title block. Each rule with a made-up sentence."""

from decimal import Decimal

import pytest

from ktxh.engine.text import analyse


def facts(text):
    return analyse(text)[0]


def period(text, value):
    return next(f for f in facts(text) if f.value == Decimal(value)).period


def test_a_list_of_interim_periods_in_the_opening_is_not_the_reports_period():
    text = (
        "Năm 2022, tổng thu ngân sách của huyện Tân Lộc đạt 415 tỷ đồng.\n"
        "Trong 3 tháng, 6 tháng và 9 tháng đầu năm 2022, tốc độ tăng trưởng luôn đứng đầu vùng.\n"
        "Giá trị sản xuất nông nghiệp tăng 4,2% so với cùng kỳ.\n"
    )
    assert period(text, "415") == "2022"
    assert period(text, "4.2") == "2022"



def test_a_sentence_opened_by_its_year_governs_its_figures_across_semicolons():
    text = (
        "Tình hình kinh tế - xã hội tháng 12 năm 2025 huyện Tân Lộc\n\n"
        "Trong năm 2024, ngành thương mại là động lực chính của toàn huyện với mức tăng trưởng 7,15%, "
        "đóng góp lớn vào tăng trưởng chung; khu vực nông nghiệp tăng 1,35%; "
        "khu vực công nghiệp giảm 2,4%. Giá trị sản xuất công nghiệp đạt 980 tỷ đồng.\n"
    )
    assert period(text, "7.15") == "2024"
    assert period(text, "1.35") == "2024"
    assert period(text, "2.4") == "2024"
    assert period(text, "980") == "2025"  # the next sentence is the report's own


def test_a_lowercase_year_opening_after_a_full_stop_governs_its_sentence():
    text = (
        "BÁO CÁO tình hình kinh tế - xã hội năm 2025\n\n"
        "Kinh tế tiếp tục phục hồi. trong năm 2024, khu vực dịch vụ tăng 6,1%; khu vực nông nghiệp tăng 1,2%.\n"
    )
    assert period(text, "1.2") == "2024"


def fact(text, value):
    return next(f for f in facts(text) if f.value == Decimal(value))


def test_finished_parts_inside_an_estimated_period_are_actual_and_keep_their_own_period():
    text = (
        "Tổng sản phẩm trên địa bàn huyện Tân Lộc ước 9 tháng đầu năm 2025 đạt 2.310 tỷ đồng, tăng 8,2% "
        "so với cùng kỳ năm trước (6 tháng tăng 7,9%, quý III tăng 8,6%), trong đó: khu vực dịch vụ "
        "đạt 1.020 tỷ đồng.\n"
    )
    assert (fact(text, "2310").kind, fact(text, "2310").period) == ("estimate", "2025-9M")
    assert (fact(text, "7.9").kind, fact(text, "7.9").period) == ("actual", "2025-H1")
    assert (fact(text, "8.6").kind, fact(text, "8.6").period) == ("actual", "2025-Q3")
    assert fact(text, "1020").period == "2025-9M"  # the bracket's quarter is closed before it


def test_a_quarter_spelt_qui_after_a_comparison_with_last_half_year_is_this_years():
    text = (
        "Tổng sản phẩm trên địa bàn huyện Tân Lộc 6 tháng đầu năm 2025 ước đạt 1.480 tỷ đồng, tăng 6,1% "
        "so với 6 tháng đầu năm 2024, quí I tăng 5,3%, quí II tăng 6,8%.\n"
    )
    assert (fact(text, "5.3").kind, fact(text, "5.3").period) == ("actual", "2025-Q1")
    assert (fact(text, "6.8").kind, fact(text, "6.8").period) == ("actual", "2025-Q2")


def test_a_quarter_estimated_in_its_own_words_stays_an_estimate():
    text = "Năm 2025, huyện Tân Lộc ước cả năm tăng 7,4%, trong đó quý IV ước tăng 7,9%.\n"
    assert fact(text, "7.9").kind == "estimate"
    assert fact(text, "7.9").period == "2025-Q4"


def test_a_count_at_a_cut_off_date_inside_the_reports_period_takes_the_month():
    text = (
        "Trong 6 tháng đầu năm 2025, kinh tế huyện Tân Lộc tiếp tục phục hồi.\n"
        "Về thu hút đầu tư, tính đến ngày 12/5/2025, toàn huyện có 46 doanh nghiệp thành lập mới "
        "với tổng vốn đăng ký trên 310 tỷ đồng. Lũy kế đến hết tháng 4/2025 có 215 dự án còn hiệu lực.\n"
        "Tính đến ngày 30/6, toàn huyện có 58 hợp tác xã.\n"
    )
    assert period(text, "46") == "2025-05"
    assert period(text, "310") == "2025-05"
    assert period(text, "215") == "2025-04"
    assert period(text, "58") == "2025-H1"  # the period's end: the report's own




def test_a_bracketed_figure_of_the_compared_period_takes_that_period():
    text = (
        "Trong 6 tháng đầu năm 2025, huyện Tân Lộc ước giải ngân vốn đầu tư công đạt 212 tỷ đồng, "
        "đạt 48,2% kế hoạch (cùng kỳ năm 2024 đạt 31,6%); tỷ lệ hộ nghèo còn 3,1%, thấp hơn cùng kỳ "
        "năm trước (3,8%); tổng thu ngân sách đạt 96 tỷ đồng (năm 2024: 170 tỷ đồng).\n"
    )
    assert (fact(text, "31.6").period, fact(text, "31.6").kind) == ("2024-H1", "actual")
    assert fact(text, "3.8").period == "2024-H1"
    assert fact(text, "170").period == "2024"
    assert fact(text, "212").period == "2025-H1"
    assert fact(text, "96").period == "2025-H1"




def test_an_opening_at_the_start_of_july_or_on_a_quarters_press_briefing_gives_that_period():
    july = (
        "03/07/2025 - 09:15\n\n"
        "Theo UBND huyện Tân Lộc, tính đến đầu tháng 7/2025, thu ngân sách nhà nước trên địa bàn ước đạt 212 tỷ đồng.\n"
    )
    assert period(july, "212") == "2025-H1"
    quarter = (
        "Sáng 3/10, UBND tỉnh tổ chức họp báo về tình hình kinh tế - xã hội quý III năm 2025.\n"
        "Tổng vốn đầu tư toàn xã hội đạt 8.100 tỷ đồng.\n"
    )
    assert period(quarter, "8100") == "2025-Q3"


# one figure each: (why, text, figure, its period)
ONE_FIGURE = [
    ("an opening on the half-year still gives the half",
     "Trong 6 tháng đầu năm 2022, tổng thu ngân sách của huyện Tân Lộc đạt 215 tỷ đồng.\n", "215", "2022-H1"),
    ("a sentence opened by the report's own year keeps the report's half",
     "Trong 6 tháng đầu năm 2025, kinh tế huyện Tân Lộc phục hồi.\nNăm 2025, giá trị sản xuất nông nghiệp "
     "đạt 415 tỷ đồng; giá trị sản xuất công nghiệp đạt 630 tỷ đồng.\n", "630", "2025-H1"),
    ("a year's report: a cut-off in its last weeks stands for the year",
     "BÁO CÁO tình hình kinh tế - xã hội năm 2025\n\nTổng thu ngân sách nhà nước thực hiện đến ngày 30/11/2025 "
     "là 412.500 triệu đồng, đạt 103% dự toán.\n", "412500", "2025"),
    ("a month written with a dash is that month, the compared month is not",
     "BÁO CÁO tình hình kinh tế - xã hội 6 tháng đầu năm 2025\n\nChỉ số giá tiêu dùng tháng 6-2025 tăng 0,3% "
     "so tháng 5-2025 và so cùng kỳ tăng 3,9%.\n", "3.9", "2025-06"),
    ("a cut-off in another century is history, not the report's month",
     "Trong 6 tháng đầu năm 2025, huyện Tân Lộc tiếp tục phát triển.\n"
     "Tên gọi huyện được dùng cho đến tháng 5/1948, khi huyện có 14 xã.\n", "14", "2025-H1"),
    ("the year after \"so với cuối năm\" is the comparison's, not the next figures'",
     "Trong 6 tháng đầu năm 2025, các ngân hàng trên địa bàn huyện Tân Lộc nâng tổng dư nợ lên 820 tỷ đồng, "
     "tăng 4,1% so với cuối năm 2024, thu nợ 150 tỷ đồng và huy động 61 tỷ đồng.\n", "61", "2025-H1"),
]


@pytest.mark.parametrize(("why", "text", "value", "expected"), ONE_FIGURE, ids=[row[0] for row in ONE_FIGURE])
def test_the_period_of_one_figure(why, text, value, expected):
    assert period(text, value) == expected


def test_a_cut_off_opening_a_paragraph_governs_its_next_sentence_too():
    text = (
        "Trong 6 tháng đầu năm 2025, kinh tế huyện Tân Lộc phục hồi.\n\n"
        "Tính đến ngày 15/4, trên địa bàn huyện xảy ra 2 đợt mưa đá. Thiệt hại khoảng 12 tỷ đồng.\n\n"
        "Tổng thu ngân sách đạt 96 tỷ đồng.\n"
    )
    assert period(text, "2") == "2025-04"
    assert period(text, "12") == "2025-04"
    assert period(text, "96") == "2025-H1"
