"""One test per general phrasing rule, each with a made-up sentence (never a seed line)."""

from decimal import Decimal

import pytest

from ktxh.engine.text import CatalogEntry, analyse, check_text, extract_facts


def facts_of(text):
    return extract_facts(text + "\n")


def only(text, **kw):
    found = [f for f in facts_of(text) if all(getattr(f, k) == v for k, v in kw.items())]
    assert len(found) == 1, [(f.value, f.unit, f.indicator) for f in facts_of(text)]
    return found[0]


def types(text):
    return [f.type for f in check_text(text + "\n")]


def test_a_rate_written_without_its_percent_sign_is_still_a_fact():
    fact = only("Tỷ lệ hộ dùng nước sạch 97,5 (đạt KH); thu nhập 30 triệu đồng.", unit="%")
    assert fact.value == Decimal("97.5") and fact.status == "met"


def test_the_subject_after_the_number_becomes_the_indicator():
    assert only("Có 12/15 xã đã hoàn thành quy hoạch chung.", unit="xã").indicator.startswith("xã đã hoàn thành")
    assert only("Toàn tỉnh có 85% thôn có đường bê tông.", unit="%").indicator.startswith("thôn có đường")


def test_an_empty_phrase_falls_back_to_the_counted_noun():
    assert only("Lớp học có sự tham gia với 230 cán bộ, công chức cấp xã.", unit="cán bộ").indicator == "cán bộ"


def test_a_figure_in_brackets_takes_the_phrase_before_the_bracket():
    fact = only("Diện tích sâm tại xã Tả Phìn (3,2ha) được bảo vệ.", unit="ha")
    assert "tả phìn" in fact.indicator


@pytest.mark.parametrize("text", [
    "Số xã đạt 15 tiêu chí: 03 xã.",  # a category label before a colon
    "Thiệt hại từ 40-50% diện tích.",  # a range
    "Huyện xếp thứ 3/10 huyện, thành phố.",  # a rank
    "Tổ chức trực 24/24 giờ trong mùa mưa lũ.",
])
def test_labels_ranges_ranks_and_round_the_clock_are_not_values(text):
    values = {(f.value, f.unit) for f in facts_of(text)}
    assert (Decimal("15"), "tiêu chí") not in values
    assert (Decimal("50"), "%") not in values
    assert (Decimal("3"), "huyện") not in values
    assert (Decimal("24"), "giờ") not in values


def test_a_year_after_nam_is_never_a_count():
    assert not [f for f in facts_of("Phấn đấu thoát nghèo vào năm 2026 \n\nCăn cứ Quyết định số 5.") if f.value == 2026]


def test_a_bare_scale_word_in_a_money_sentence_means_dong():
    assert only("Nguồn vốn chuyển sang là 2.150 triệu của 12 dự án.", unit="triệu đồng").value == 2150


def test_household_and_area_units_are_normalised():
    assert only("Vận động 1.200 hộ dân ký cam kết.", value=Decimal(1200)).unit == "hộ"
    assert only("Thu hồi 4.500 m² đất.", value=Decimal(4500)).unit == "m2"


def test_percent_of_plan_after_a_ratio_and_a_subject():
    fact = only("Hiện có 1.150/1.400 hộ có nhà vệ sinh hợp chuẩn, đạt 82,14%.", unit="hộ")
    assert fact.plan_value == 1400 and fact.pct_of_plan == Decimal("82.14")
    fact = only("Trồng mới 120ha rừng đạt 96,5% kế hoạch.", unit="ha")
    assert fact.pct_of_plan == Decimal("96.5")


def test_percent_after_a_closing_bracket_belongs_to_the_figure_before_the_bracket():
    facts = facts_of("Diện tích cây ăn quả đạt 1.500 ha (trong đó trồng mới 40ha) đạt 88,2% kế hoạch.")
    total = [f for f in facts if f.value == 1500][0]
    assert total.pct_of_plan == Decimal("88.2")
    assert not [f for f in facts if f.unit == "%"]


def test_a_share_of_plan_with_no_value_is_not_a_fact():
    assert not [f for f in facts_of("Giá trị sản xuất nông nghiệp đạt 51,2% kế hoạch.") if f.unit == "%"]


def test_changes_written_later_or_first_attach_to_the_figure():
    fact = only("Có 7/12 xã đạt tiêu chí điện (A, B), tăng 02 xã đạt tiêu chí so với năm 2021.", unit="xã")
    assert fact.change_vs_prior == 2
    fact = only("Diện tích lúa mùa đã cấy 850ha, cao hơn cùng kỳ năm trước 120ha.", value=Decimal(850))
    assert fact.change_vs_prior == 120 and fact.change_unit == "ha"


def test_vuot_against_last_year_is_growth_not_excess():
    fact = only("Sản lượng thịt đạt 900 tấn, tăng 50 tấn, vượt 5,9% so với cùng kỳ.", unit="tấn")
    assert fact.excess is None and fact.change_vs_prior == 50


def test_chiem_gives_the_share_of_what_was_just_counted():
    facts = facts_of("Số hộ cận nghèo 2.100/9.000 hộ, chiếm tỷ lệ 23,33%.")
    share = [f for f in facts if f.unit == "%"][0]
    assert share.indicator.startswith("tỷ lệ") and "cận nghèo" in share.indicator


def test_a_stated_share_that_does_not_match_its_ratio_is_flagged():
    assert "pct_mismatch" in types("Có 9/12 xã, thị trấn được thu gom rác thải, chiếm tỷ lệ 80%.")
    assert "pct_mismatch" not in types("Có 9/12 xã, thị trấn được thu gom rác thải, chiếm tỷ lệ 75%.")


def test_with_kehoach_named_a_count_over_a_total_is_not_a_plan():
    assert "pct_mismatch" not in types("Nâng tổng số xã đạt chuẩn lên 9/12 xã, thị trấn, đạt 100% kế hoạch.")


def test_percent_of_plan_against_a_plan_stated_in_the_previous_sentence():
    text = "Tổng kế hoạch vốn giao năm 2023 là 200.000 triệu đồng. Đã giải ngân 90.000 triệu đồng, bằng 48% kế hoạch."
    assert "pct_mismatch" in types(text)
    assert "pct_mismatch" not in types(text.replace("48%", "45%"))


def test_a_khac_part_makes_a_trong_do_list_complete():
    text = "Tổng diện tích cây ăn quả 1.000ha (trong đó xoài 600ha, cây ăn quả khác 300ha)."
    assert "sum_mismatch" in types(text)
    assert "sum_mismatch" not in types(text.replace("1.000ha", "900ha"))
    assert "sum_mismatch" not in types("Tổng diện tích 1.000ha (trong đó xoài 600ha, chuối 300ha).")


def test_the_same_thing_with_two_values_in_one_paragraph():
    text = "Triển khai trồng mới 40ha cây mắc ca, 20ha cây chè. Phát triển trồng mới 44ha cây mắc ca."
    assert "value_conflict" in types(text)
    assert "value_conflict" not in types("Trồng mới 40ha cây mắc ca, trồng mới 44ha cây quế.")


def test_growth_of_a_level_given_with_trên_still_conflicts_with_a_restated_growth():
    text = ("I. KẾT QUẢ\nNăm nay đón trên 12 nghìn lượt khách du lịch, tăng 20% so với cùng kỳ.\n"
            "III. CHỈ TIÊU\n(4). Tổng lượt khách du lịch tăng 15% (vượt 5%KH).")
    assert "value_conflict" in types(text)


def test_a_sector_or_a_quarter_growing_is_not_the_level_it_is_part_of():
    """Written on 2 December after the held-out sets' first score showed these false alarms."""
    sector = ("Tổng giá trị sản xuất nông - lâm - thủy sản là 5.480,8 tỷ đồng, tăng 4,8% so với cùng kỳ, "
              "trong đó: nông nghiệp tăng 5,1%, lâm nghiệp tăng 18,8% và thủy sản tăng 3,5%.")
    assert "value_conflict" not in types(sector)
    quarter = ("6 tháng đầu năm, GRDP đạt 10.537 tỷ đồng, tăng 6,59%. Trong đó: quý I đạt 4.773 tỷ đồng, "
               "tăng 6,32%.\n\nKhu vực dịch vụ đạt 2.612 tỷ đồng, tăng 5,85%, trong đó, quý I tăng 6,86%.")
    assert "value_conflict" not in types(quarter)


def test_contributions_in_points_of_different_sectors_are_a_list_not_a_conflict():
    text = ("Khu vực công nghiệp chế biến chế tạo đóng góp 2,9 điểm phần trăm vào tốc độ tăng; khu vực "
            "xây dựng đóng góp 0,2 điểm phần trăm vào tốc độ tăng; dịch vụ đóng góp 4,76 điểm phần trăm.")
    assert "value_conflict" not in types(text)


def test_text_against_the_results_table():
    table = ("TT\tChỉ tiêu\tĐVT\tKế hoạch năm 2023\tTH năm 2023\tKế hoạch năm 2024\tTH năm 2023 /KH năm 2023 (%)\n"
             "1\tTỷ lệ hộ dùng điện lưới\t%\t90.0\t90.0\t95.0\t100\n")
    text = "BÁO CÁO NĂM 2023\nTỷ lệ hộ dùng điện lưới là 90%, vượt 4,5% kế hoạch.\n" + table
    assert "excess_ambiguous" in types(text)


def test_money_per_person_far_beyond_a_district():
    assert "magnitude" in types("Hỗ trợ 20 đối tượng sinh viên với số tiền 250.400 triệu đồng.")
    assert "magnitude" not in types("Hỗ trợ 20 đối tượng sinh viên với số tiền 250,4 triệu đồng.")


def test_the_same_rate_written_with_percent_and_per_mille():
    text = "Mức giảm tỷ lệ sinh đạt 1,5%.\nMức giảm tỷ suất sinh 1,5%o (đạt KH)."
    assert "magnitude" in types(text)


def test_matching_uses_the_words_after_the_number_and_the_unit_kind():
    catalog = [CatalogEntry("X1", "Số xã đạt chuẩn nông thôn mới", (), "xã"),
               CatalogEntry("X2", "Tỷ lệ xã đạt chuẩn nông thôn mới", (), "%")]
    facts, _ = analyse("Duy trì các tiêu chí tại 05 xã đạt chuẩn nông thôn mới.\n", catalog=catalog)
    assert facts[0].catalog_code == "X1" and 0 < facts[0].confidence <= 1
    facts, _ = analyse("Tỷ lệ bò được tiêm phòng 80%.\n", catalog=catalog)
    assert facts[0].catalog_code is None and facts[0].confidence == 0.0


@pytest.mark.parametrize("sentence, field, value, unit", [
    ("Sản lượng chè búp tươi ước đạt 1.250 tấn, đạt 99,59% kế hoạch.", "pct_of_plan", "99.59", None),
    ("Tổng thu ngân sách đạt 45,3 tỷ đồng, bằng 108,44% so với năm 2022.", "change_vs_prior", "108.44", "% of prior"),
    ("Sản lượng lương thực đạt 20.404,4 tấn, vượt 204,4 tấn so với kế hoạch.", "excess", "204.4", "tấn"),
    ("Tổng mức bán lẻ hàng hóa ước đạt 310 tỷ đồng, tăng 4,8% so cùng kỳ.", "change_vs_prior", "4.8", "%"),
])
def test_the_common_comparison_phrasings(sentence, field, value, unit):
    fact = facts_of(sentence)[0]
    assert getattr(fact, field) == Decimal(value)
    if unit:
        assert getattr(fact, field.replace("vs_prior", "unit").replace("excess", "excess_unit")) == unit


def test_giam_con_gives_the_new_level_of_the_rate():
    fact = only("Tỷ lệ hộ nghèo giảm còn 7,16%, giảm 2,1% so với năm trước.", unit="%")
    assert fact.indicator == "tỷ lệ hộ nghèo" and fact.value == Decimal("7.16") and fact.change_vs_prior == Decimal("-2.1")


def test_counts_qualified_by_another_number_are_not_a_conflict():
    text = "Có 03 xã có 04 trường học đạt chuẩn mức độ 1, 05 xã có 02 trường học đạt chuẩn mức độ 1."
    assert "value_conflict" not in types(text)


def test_a_decimal_comma_does_not_cut_the_next_phrase():
    facts = facts_of("Duy trì 99,4% số bản có đường ô tô (trong đó 97,5% được cứng hóa).")
    assert [f.indicator for f in facts if f.value == Decimal("99.4")][0].startswith("số bản có đường")


def test_units_convert_by_scale_and_family_and_refuse_otherwise():
    from ktxh.engine.text.units import UnitMismatch, convert

    assert convert(Decimal("61500"), "triệu đồng", "tỷ đồng") == Decimal("61.5")
    assert convert(Decimal("37"), "nghìn lượt khách", "lượt") == 37000
    assert convert(Decimal("2"), "ha", "m2") == 20000
    assert convert(Decimal("702"), "lao động", "người") == 702
    assert convert(Decimal("11"), "xã, thị trấn", "xã") == 11
    for a, b in (("%", "‰"), ("%", "xã"), ("lớp", "người"), ("triệu đồng/năm", "triệu đồng/người/năm")):
        with pytest.raises(UnitMismatch):
            convert(Decimal(1), a, b)


def test_matching_keeps_marks_and_needs_the_distinctive_words():
    catalog = [CatalogEntry("C1", "Diện tích cây chè", ("diện tích chè",), "ha"),
               CatalogEntry("C2", "Số lao động được đào tạo nghề", (), "người")]
    facts, _ = analyse("Diện tích gieo cấy 700 ha; diện tích 4,5 ha; mở 12 lớp đào tạo nghề.\n", catalog=catalog)
    assert [f.catalog_code for f in facts] == [None, None, None]
    facts, _ = analyse("Diện tich cay che dat 800 ha.\n", catalog=catalog)  # typed with few marks
    assert facts[0].catalog_code == "C1"
