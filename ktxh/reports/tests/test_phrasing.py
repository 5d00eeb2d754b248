"""The main-indicator sentences against the wording of the seed reports (000 §III, 001),
built from the demo district's evaluation table (engine figures)."""

from decimal import Decimal

import pytest

from ktxh.evaluation.table import evaluation_table
from ktxh.reports import phrasing


@pytest.fixture
def rows_2023(phong_tho):
    table = evaluation_table(unit=phong_tho, period="2023")
    return table, {r.indicator.name: r for r in table.rows}


def test_grain_output_reads_as_in_000_with_the_relative_excess(rows_2023):
    _, rows = rows_2023
    sentence = phrasing.indicator_sentence(rows["Tổng sản lượng lương thực có hạt"], "năm 2022")
    assert sentence == "Tổng sản lượng lương thực có hạt ước đạt 36.595,83 tấn, vượt 0,43% kế hoạch"


def test_the_fall_in_the_poverty_rate_exceeds_its_plan_in_percentage_points(rows_2023):
    _, rows = rows_2023
    sentence = phrasing.indicator_sentence(rows["Mức giảm tỷ lệ hộ nghèo"], "năm 2022")
    assert sentence == "Mức giảm tỷ lệ hộ nghèo 5,88%, vượt 0,58 điểm phần trăm so với kế hoạch"


def test_a_permille_rate_exceeds_in_permille_points(rows_2023):
    _, rows = rows_2023
    sentence = phrasing.indicator_sentence(rows["Mức giảm tỷ suất sinh"])
    assert sentence == "Mức giảm tỷ suất sinh 2,14‰, vượt 1,64 điểm phần nghìn so với kế hoạch"


def test_a_lower_is_better_rate_below_its_ceiling_is_worded_as_lower_and_exceeded(rows_2023):
    _, rows = rows_2023
    sentence = phrasing.indicator_sentence(rows["Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể nhẹ cân"])
    assert sentence.endswith("16,55%, thấp hơn kế hoạch 0,85 điểm phần trăm (vượt kế hoạch)")


def test_forest_cover_below_plan_is_not_met(rows_2023):
    _, rows = rows_2023
    sentence = phrasing.indicator_sentence(rows["Tỷ lệ che phủ rừng"])
    assert sentence == "Tỷ lệ che phủ rừng 44,3%, thấp hơn kế hoạch 0,2 điểm phần trăm, không đạt kế hoạch"


def test_jobs_created_exceed_by_89_91_percent_and_counts_of_communes_are_zero_padded(rows_2023):
    _, rows = rows_2023
    assert phrasing.indicator_sentence(rows["Số lao động được giải quyết việc làm trong năm"]).endswith(
        "ước đạt 2.032 người, vượt 89,91% kế hoạch")
    assert "04 xã, đạt kế hoạch" in phrasing.indicator_sentence(rows["Số xã đạt chuẩn nông thôn mới"])


def test_change_against_the_prior_year_is_given_where_known(rows_2023):
    _, rows = rows_2023
    sentence = phrasing.indicator_sentence(rows["Tỷ lệ lao động qua đào tạo"], "năm 2022")
    assert sentence.endswith("vượt 0,3 điểm phần trăm so với kế hoạch, tăng 2,5 điểm phần trăm so với năm 2022")


def test_the_summary_counts_groups_and_components_from_the_engine(rows_2023):
    table, _ = rows_2023
    text = phrasing.summary_paragraph(table)
    s = table.summary
    assert f"có {s.groups_achieved:02d}/{s.groups_total:02d} chỉ tiêu chủ yếu đạt và vượt" in text
    assert f"{s.components_not_met:02d}/{s.components_total:02d} chỉ tiêu không đạt kế hoạch đề ra " \
           "(tỷ lệ che phủ rừng)" in text
    assert text.endswith("Cụ thể như sau:")


def test_a_six_month_flow_is_progress_against_the_annual_plan_with_the_change_as_in_001(phong_tho):
    rows = {r.indicator.name: r for r in evaluation_table(unit=phong_tho, period="2024-H1").rows}
    sentence = phrasing.indicator_sentence(rows["Tổng sản lượng lương thực có hạt"])
    assert sentence == ("Tổng sản lượng lương thực có hạt ước đạt 4.376,59 tấn, bằng 12,12% kế hoạch năm, "
                        "tăng 240,29 tấn (5,81%) so với cùng kỳ năm trước")


def test_a_missing_value_is_said_and_never_printed_as_zero(phong_tho):
    rows = {r.indicator.name: r for r in evaluation_table(unit=phong_tho, period="2024-H1").rows}
    assert phrasing.indicator_sentence(rows["Mức giảm tỷ lệ hộ nghèo"]) == "Mức giảm tỷ lệ hộ nghèo: chưa có số liệu"


def test_next_year_targets_read_as_in_000_part_b(phong_tho):
    paragraphs = phrasing.targets_paragraphs(evaluation_table(unit=phong_tho, period="2024"))
    text = "\n".join(paragraphs)
    assert "Tổng sản lượng lương thực có hạt đạt 36.100 tấn" in text
    assert "mức giảm tỷ suất sinh 0,5‰" in text and "số xã đạt chuẩn nông thôn mới duy trì 04 xã" in text


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("0.425"), "0,43"), (Decimal("12.0000"), "12"), (Decimal("-0.004"), "0"), (Decimal("100.4276"), "100,43"),
])
def test_figures_are_rounded_half_up_to_two_places_without_trailing_zeros(value, text):
    assert phrasing.figure(value) == text


def test_a_six_month_rate_is_compared_with_the_annual_plan_in_points_without_a_verdict(phong_tho):
    rows = {r.indicator.name: r for r in evaluation_table(unit=phong_tho, period="2024-H1").rows}
    sentence = phrasing.indicator_sentence(rows["Tỷ lệ che phủ rừng"])
    assert sentence == "Tỷ lệ che phủ rừng 44,33%, thấp hơn kế hoạch năm 0,03 điểm phần trăm"


def test_the_2025_exit_targets_read_as_004_writes_them(phong_tho):
    # 004: "Tỷ lệ hộ nghèo đến năm 2025 còn dưới 30%", "Trên 93% dân số nông thôn được sử dụng
    # nước hợp vệ sinh", "Tỷ lệ lao động qua đào tạo 55% trở lên".
    table = evaluation_table(unit=phong_tho, period="2025", main_only=False)
    text = "\n".join(phrasing.targets_paragraphs(table)).lower()
    assert "tỷ lệ hộ nghèo dưới 30%" in text
    assert "tỷ lệ dân số nông thôn được sử dụng nước hợp vệ sinh trên 93%" in text
    assert "tỷ lệ lao động qua đào tạo từ 55% trở lên" in text
    assert "tổng sản lượng lương thực có hạt đạt trên 35.000 tấn" in text  # 004: "đạt trên 35.000 tấn"


def test_a_target_stated_against_last_year_reads_as_000_part_b_writes_it(phong_tho):
    # 000 §B: "tổng lượt khách du lịch tăng 10%".
    rows = {r.indicator.code: r for r in evaluation_table(unit=phong_tho, period="2024", main_only=False).rows}
    assert phrasing.target_sentence(rows["04.03"]) == "Tổng lượt khách du lịch tăng 10% so với năm 2023"


def test_a_poverty_rate_at_exactly_the_strict_ceiling_is_not_met(phong_tho):
    from ktxh.catalog.models import Indicator
    from ktxh.values import services

    services.value_set(actor=None, indicator=Indicator.objects.get(code="08.05"), org_unit=phong_tho,
                       period="2025", kind="estimate", value=Decimal(30))
    rows = {r.indicator.code: r for r in evaluation_table(unit=phong_tho, period="2025", main_only=False).rows}
    assert rows["08.05"].evaluation.status == "not_met"
    assert phrasing.indicator_sentence(rows["08.05"]) == (
        "Tỷ lệ hộ nghèo 30%, bằng ngưỡng kế hoạch (dưới 30%), không đạt kế hoạch")


def test_without_last_years_value_a_relative_target_is_not_judged(phong_tho):
    from ktxh.catalog.models import Indicator
    from ktxh.catalog.services import target_set
    from ktxh.values import services

    visitors = Indicator.objects.get(code="04.03")
    target_set(actor=None, indicator=visitors, org_unit=phong_tho, period="2027", comparator="=",
               value=Decimal(8), basis="prior_pct")
    services.value_set(actor=None, indicator=visitors, org_unit=phong_tho, period="2027", kind="estimate",
                       value=Decimal(45000))
    table = evaluation_table(unit=phong_tho, period="2027", main_only=False)
    row = {r.indicator.code: r for r in table.rows}["04.03"]
    assert row.evaluation.status == "no_prior"
    assert phrasing.indicator_sentence(row) == (
        "Tổng lượt khách du lịch ước đạt 45.000 lượt, chưa đủ số liệu năm trước để tính kế hoạch")
    assert "chưa đủ số liệu năm trước" in phrasing.summary_paragraph(table)
