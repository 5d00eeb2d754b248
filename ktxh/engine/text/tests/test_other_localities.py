"""Rules written on other localities' texts (issue 14), each with a made-up sentence."""

from decimal import Decimal

import pytest

from ktxh.engine.text import CatalogEntry, analyse

CATALOG = [
    CatalogEntry("01.01", "Tổng giá trị sản xuất", ("giá trị sản xuất",), "tỷ đồng"),
    CatalogEntry("02.02", "Diện tích cây chè", ("diện tích chè", "chè hiện có"), "ha"),
    CatalogEntry("02.03", "Diện tích cây chè trồng mới", ("chè trồng mới", "trồng mới chè"), "ha"),
    CatalogEntry("02.10", "Diện tích trồng rừng mới", ("trồng rừng mới", "trồng mới rừng"), "ha"),
    CatalogEntry("02.06", "Số xã đạt chuẩn nông thôn mới", ("xã đạt chuẩn nông thôn mới",), "xã"),
    CatalogEntry("08.05", "Tỷ lệ hộ nghèo", ("tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều",), "%"),
    CatalogEntry("03.01", "Thu ngân sách nhà nước trên địa bàn", ("thu ngân sách trên địa bàn",), "tỷ đồng"),
]


def facts(text, **kw):
    return analyse(text, catalog=CATALOG, **kw)[0]


def fact(text, value, **kw):
    return next(f for f in facts(text, **kw) if f.value == Decimal(value))


def findings(text):
    return analyse(text, catalog=CATALOG)[1]


@pytest.mark.parametrize("text, value", [
    ("BÁO CÁO năm 2024\n\nNăm 2024 trồng mới cây chanh leo 20,75 ha.", "20.75"),  # chè is the head
    ("BÁO CÁO năm 2024\n\nDiện tích rừng hiện có 46.566,64 ha.", "46566.64"),  # hiện có ≠ trồng mới
    ("BÁO CÁO năm 2024\n\nGiá trị sản xuất dịch vụ đạt 620,4 tỷ đồng.", "620.4"),  # a sector, not the total
    ("BÁO CÁO năm 2024\n\nCó 2 xã đạt chuẩn nông thôn mới nâng cao.", "2"),
])
def test_an_indicator_is_proposed_only_when_head_and_qualifiers_fit(text, value):
    f = fact(text, value)
    assert f.catalog_code is None
    assert f.confidence == 0


def test_unmatched_figures_carry_the_nearest_candidates_and_matched_ones_why():
    f = fact("BÁO CÁO năm 2024\n\nNăm 2024 trồng mới cây chanh leo 20,75 ha.", "20.75")
    assert "02.03" in [c[0] for c in f.extra["candidates"]]  # offered to choose from, never proposed
    g = fact("BÁO CÁO năm 2024\n\nTỷ lệ hộ nghèo hiện nay còn 25,67%.", "25.67")
    assert g.catalog_code == "08.05" and "nghèo" in g.extra["match_words"]


def test_an_untitled_text_never_takes_its_year_from_the_comparison():
    text = ("Trong 9 tháng năm 2024, sản lượng lương thực đạt 53.000 tấn, tăng 3,4% so với cùng kỳ năm 2023.\n")
    assert fact(text, "53000").period == "2024-9M"
    old = " date 2023-07 Sản lượng lương thực 6 tháng đạt 17.800 tấn, tăng 2,3% so với cùng kỳ năm 2022."
    assert fact(old, "17800").period == "2023-H1"


def test_kế_hoạch_in_the_opening_lines_does_not_make_every_result_a_target():
    text = ("Năm 2022, diện tích lúa ruộng đạt 53,5/52ha, tăng 2,9%; cây nghệ đỏ 18/15ha, tăng 20% so với kế hoạch.\n"
            "Đàn trâu 368 con.\n")
    assert {f.kind for f in facts(text)} == {"actual"}


def test_a_sub_period_in_the_sentence_and_a_confirmed_period():
    text = ("Tình hình kinh tế - xã hội 9 tháng năm 2024\n\nTổng sản phẩm (GRDP) 9 tháng đầu năm 2024 tăng 12,46%. "
            "Tổng sản phẩm quý II tăng 10,97%. Tổng sản phẩm 6 tháng đầu năm tăng 11,78%.")
    assert fact(text, "12.46").period == "2024-9M"
    assert fact(text, "10.97").period == "2024-Q2"
    assert fact(text, "11.78").period == "2024-H1"
    assert fact("Đàn trâu có 380 con.", "380", period="2022-H1").period == "2022-H1"


def test_a_target_list_is_read_as_targets_of_its_year():
    text = ("Năm 2024, huyện tiếp tục duy trì mục tiêu.\nCác chỉ tiêu kinh tế-xã hội chủ yếu năm 2025 là: "
            "tổng giá trị sản xuất đạt 8.962,72 tỷ đồng.")
    f = fact(text, "8962.72")
    assert (f.kind, f.period) == ("target", "2025")


def test_the_plan_in_brackets_is_checked_against_the_stated_percent():
    found = findings("BÁO CÁO năm 2023\n\nSố lao động được giải quyết việc làm 2.032 người, bằng 150% kế hoạch "
                     "(kế hoạch 1.070 người), xuất khẩu lao động 256 người, đạt 56,9% kế hoạch.")
    assert [(f.type, f.computed) for f in found] == [("pct_mismatch", "189,91")]
    assert "2.032 người" in found[0].message and "1.070" in found[0].message


def test_parts_after_trong_do_in_a_sentence_may_not_exceed_the_total():
    over = ("BÁO CÁO năm 2024\n\nTổng thu ngân sách 285,3 tỷ đồng, đạt 60% kế hoạch; trong đó, thu trên địa bàn "
            "24,023 tỷ đồng, thu bổ sung 270,5 tỷ đồng.")
    assert [f.type for f in findings(over)] == ["sum_mismatch"]
    under = over.replace("270,5", "260,5")
    assert findings(under) == []  # "trong đó" may leave parts out


def test_a_headline_figure_against_the_body():
    text = ("Thu ngân sách 9 tháng đầu năm đạt 36,6 tỷ đồng\n\nTrong 9 tháng năm 2023, tổng thu ngân sách "
            "nhà nước đạt 38,6 tỷ đồng.")
    assert [f.type for f in findings(text)] == ["value_conflict"]
    assert findings(text.replace("38,6", "36,6")) == []


def test_no_false_alarms_on_list_items_sub_headings_and_the_last_printed_digit():
    shares = ("BÁO CÁO năm 2024\n\nCơ cấu: nông, lâm, thủy sản chiếm 31,4%, công nghiệp - xây dựng chiếm 37,8%, "
              "các ngành dịch vụ chiếm 30,8%.")
    assert findings(shares) == []
    seasons = ("BÁO CÁO năm 2021\n\na. Vụ Xuân\n- Tổng diện tích gieo trồng 226 ha.\nb. Vụ hè thu\n"
               "- Tổng diện tích gieo trồng 96ha.")
    assert findings(seasons) == []
    rounding = ("BÁO CÁO năm 2024\n\nTổng giá trị sản xuất đạt 8.962,72 tỷ đồng (nông nghiệp 3.621,68 tỷ đồng; "
                "công nghiệp 3.671,79 tỷ đồng; dịch vụ 1.669,24 tỷ đồng).")
    assert findings(rounding) == []


def test_growth_rates_of_two_different_subjects_are_not_a_conflict():
    text = ("I. KẾT QUẢ\nGiá trị sản xuất nông nghiệp đạt 500 tỷ đồng, tăng 5% so với cùng kỳ.\n"
            "III. CHỈ TIÊU\n(4). Giá trị sản xuất công nghiệp tăng 12,4% (vượt 5%KH).")
    assert findings(text) == []
    same = text.replace("sản xuất công nghiệp", "sản xuất nông nghiệp")
    assert [f.type for f in findings(same)] == ["value_conflict"]


def test_counts_with_different_verdicts_are_different_things():
    text = ("Năm 2024 có 7 chỉ tiêu vượt kế hoạch\n\nNăm 2024, huyện có 14 chỉ tiêu hoàn thành kế hoạch; "
            "trong đó có 7 chỉ tiêu vượt kế hoạch.")
    assert findings(text) == []
    paragraph = ("I. KẾT QUẢ\nToàn huyện có 12 thôn đạt chuẩn nông thôn mới kiểu mẫu trong năm, 3 thôn chưa đạt "
                 "chuẩn nông thôn mới kiểu mẫu trong năm.")
    assert findings(paragraph) == []


def test_a_cut_off_at_a_quarters_end_gives_the_sub_period():
    text = " date 2024-10 Ước tính đến ngày 30-9, tổng diện tích gieo trồng toàn huyện là 77 ngàn ha.\n"
    assert fact(text, "77").period == "2024-9M"
    assert fact(text.replace("30-9", "30/6"), "77").period == "2024-H1"


def test_a_change_is_not_the_level_and_a_place_qualifier_must_be_said():
    catalog = CATALOG + [CatalogEntry("08.07", "Số hộ nghèo", (), "hộ")]
    text = "BÁO CÁO năm 2024\n\nCả năm giảm được 915 hộ nghèo. Toàn huyện còn 3.414 hộ nghèo."
    got = {f.value: f.catalog_code for f in analyse(text, catalog=catalog)[0]}
    assert got[Decimal("915")] is None and got[Decimal("3414")] == "08.07"
    budget = "BÁO CÁO năm 2024\n\nTổng thu ngân sách nhà nước đạt 36,6 tỷ đồng. Thu ngân sách trên địa bàn đạt 24 tỷ đồng."
    got = {f.value: f.catalog_code for f in facts(budget)}
    assert got[Decimal("36.6")] is None and got[Decimal("24")] == "03.01"


def test_compound_scales_and_one_spelling_of_nghìn():
    text = "BÁO CÁO năm 2023\n\nTổng giá trị sản xuất ước trên 4,6 nghìn tỷ đồng. Tổng diện tích gieo trồng là 77 ngàn ha."
    got = {f.value: f.unit for f in facts(text)}
    assert got[Decimal("4.6")] == "nghìn tỷ đồng" and got[Decimal("77")] == "nghìn ha"


def test_growth_rates_of_a_list_are_facts_of_their_own():
    text = ("BÁO CÁO 6 tháng năm 2023\n\nTổng sản phẩm 6 tháng tăng 2,41%, trong đó tổng mức bán lẻ hàng hóa tăng "
            "13,53%, dịch vụ lữ hành tăng 107,75% so cùng kỳ năm 2022.")
    got = {f.value: f.indicator for f in facts(text)}
    assert "bán lẻ" in got[Decimal("13.53")] and "lữ hành" in got[Decimal("107.75")]
    own = fact("BÁO CÁO năm 2022\n\nSản lượng lương thực đạt 35.120,5 tấn, tăng 4,8% so cùng kỳ.", "35120.5")
    assert own.change_vs_prior == Decimal("4.8")


# Rules of 2 December (second round), each on a made-up sentence.
def test_the_report_counting_its_own_indicators_is_not_a_fact_but_a_quota_is():
    assert not facts("BÁO CÁO năm 2024\n\nCó 16/30 chỉ tiêu đạt và vượt, 12 chỉ tiêu đạt thấp.")
    quota = fact("BÁO CÁO năm 2024\n\nGiao 85 chỉ tiêu tuyển dụng giáo viên.", "85")
    assert quota.unit == "chỉ tiêu"


def test_tỷ_and_triệu_written_together_are_one_amount():
    found = facts("BÁO CÁO năm 2024\n\nTổng vốn đầu tư được 16 tỷ 434 triệu đồng, xây dựng 9 công trình.")
    money = next(f for f in found if f.unit == "triệu đồng")
    assert money.value == Decimal("16434")
    assert [f.value for f in found if f.unit == "công trình"] == [Decimal(9)]
    assert fact("BÁO CÁO năm 2024\n\nThu từ trồng trọt: 13.503.000.000đ (mười ba tỷ).", "13503000000").unit == "đồng"


def test_multi_year_periods():
    text = "BÁO CÁO năm 2022\n\nTừ năm 2020 đến nay, tổng vốn đầu tư được 16 tỷ đồng. Bên cạnh đó huy động 1.500 triệu đồng."
    assert {f.period for f in facts(text)} == {"2020-2022"}
    five = "BÁO CÁO năm 2020\n\n5 năm qua, xã nỗ lực. Sản lượng lương thực bình quân hằng năm đạt 1.860 tấn. Độ che phủ rừng đạt 72%."
    assert fact(five, "1860").period == "2016-2020"
    assert fact(five, "72").period == "2020"  # not an average: the year's level
    term = "BÁO CÁO năm 2020\n\nTrong nhiệm kỳ 2020-2025, phấn đấu thu nhập bình quân đạt 51 triệu đồng/người/năm."
    assert (fact(term, "51").kind, fact(term, "51").period) == ("target", "2025")


def test_an_untitled_congress_text_takes_its_year_from_the_term_it_opens():
    text = "Đại hội Đảng bộ xã lần thứ XVII, nhiệm kỳ 2020-2025. Thu nhập bình quân đạt 19 triệu đồng/người/năm."
    assert fact(text, "19").period == "2020"


def test_an_estimate_word_governs_the_rest_of_its_sentence():
    text = "BÁO CÁO năm 2024\n\nCó 2 xã đạt chuẩn, dự kiến đến hết năm có thêm 2 xã, nâng tổng số xã lên 7 xã."
    assert [f.kind for f in facts(text)] == ["actual", "estimate", "estimate"]


def test_a_share_names_its_own_subject_when_it_has_one():
    text = "BÁO CÁO năm 2024\n\nCơ cấu: nông, lâm, thủy sản chiếm 31,4%, công nghiệp - xây dựng chiếm 37,8%."
    assert fact(text, "37.8").indicator.startswith("công nghiệp - xây dựng")


def test_tương_đương_takes_the_subject_of_the_figure_before():
    text = "BÁO CÁO năm 2022\n\nTổng huy động vốn đầu tư tăng 30,89%, tương đương 3.562 tỷ đồng."
    assert fact(text, "3562").indicator.endswith("tổng huy động vốn đầu tư")


def test_a_total_given_as_hơn_x_still_cannot_hold_parts_far_above_it():
    text = ("BÁO CÁO quý I năm 2024\n\nTổng chi ngân sách quý I ước đạt hơn 1.690 tỷ đồng, đạt 22,9% dự toán. "
            "Trong đó, chi đầu tư phát triển là 823,7 tỷ đồng, đạt 48,2%; chi thường xuyên được hơn 1.574 tỷ đồng.")
    found = [f for f in findings(text) if f.type == "sum_mismatch"]
    assert len(found) == 1 and "hơn 1.690" in found[0].message
    # "hơn 1.690" can be up to 1.859 (+10 %): parts of 1.800 are not certainly too much
    close = text.replace("1.574", "976,3")
    assert not [f for f in findings(close) if f.type == "sum_mismatch"]


def test_a_bracketed_change_before_trong_đó_is_not_the_total():
    text = ("BÁO CÁO năm 2019\n\nTổng sản lượng lương thực là 905.867 tấn, giảm 0,58% (5.240 tấn) so với năm 2018; "
            "trong đó thóc là 888.132 tấn, ngô là 17.724 tấn.")
    assert not [f for f in findings(text) if f.type == "sum_mismatch"]


def test_a_trong_đó_list_ends_at_the_semicolon_once_it_has_its_parts():
    text = ("BÁO CÁO năm 2024\n\nTiếp nhận 3.638 hồ sơ; trong đó đúng hạn là 3.543 hồ sơ, trễ hạn là 22 hồ sơ; "
            "tiếp nhận trực tuyến 2.301 hồ sơ.")
    assert not [f for f in findings(text) if f.type == "sum_mismatch"]
