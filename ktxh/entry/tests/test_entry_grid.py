"""The entry grid: what each row shows, immediate validation, confirmed warnings,
kinds and comments, and two people saving the same value."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ktxh.engine.numbers import format_number
from ktxh.engine.periods import Period, previous_report_period
from ktxh.entry.rules import check_value
from ktxh.entry.tests.entry_helpers import agriculture_set, commune_set, grid_url, save_cell
from ktxh.values.models import DataValue


def test_the_grid_shows_unit_target_previous_and_same_period_values_for_each_indicator(client_as, department_officer):
    page = client_as(department_officer).get(grid_url(agriculture_set())).content.decode()
    assert "Tổng sản lượng lương thực có hạt" in page and "tấn" in page
    # No 2025-H2 value in the demo: the latest earlier half-year report is shown, labelled.
    assert "4.376,59" in page and "6 tháng đầu năm 2024" in page
    assert 'name="value"' in page and 'hx-post=' in page and 'name="kind"' in page and 'name="comment"' in page


def test_a_value_typed_in_vietnamese_notation_is_stored_exactly(client_as, department_officer):
    data_set = agriculture_set()
    grain = data_set.indicators.get(code="02.01")
    response = save_cell(client_as(department_officer), data_set, grain, "4.376,59")
    assert response["X-Entry-Result"] == "saved"
    assert DataValue.objects.get(submission__data_set=data_set, indicator=grain).value == Decimal("4376.59")


def test_text_that_is_not_a_number_and_rates_above_100_are_rejected_with_a_reason(client_as, commune_clerk):
    data_set = commune_set(commune_clerk)
    client = client_as(commune_clerk)
    electricity = data_set.indicators.get(code="05.02")
    response = save_cell(client, data_set, electricity, "chín mươi")
    assert response["X-Entry-Result"] == "rejected" and "không phải là số" in response.content.decode()
    response = save_cell(client, data_set, electricity, "120")
    assert response["X-Entry-Result"] == "rejected" and "0–100" in response.content.decode()
    poor = data_set.indicators.get(code="08.05")
    assert save_cell(client, data_set, poor, "-3")["X-Entry-Result"] == "rejected"
    assert not DataValue.objects.filter(submission__data_set=data_set).exists()


def test_a_thousandfold_jump_must_be_confirmed_with_a_comment(client_as, department_officer):
    data_set = agriculture_set()
    client = client_as(department_officer)
    grain = data_set.indicators.get(code="02.01")
    response = save_cell(client, data_set, grain, "4.376.590")
    assert response["X-Entry-Result"] == "warning" and "nghìn" in response.content.decode()
    assert save_cell(client, data_set, grain, "4.376.590", confirmed="1")["X-Entry-Result"] == "warning"
    assert not DataValue.objects.filter(submission__data_set=data_set, indicator=grain).exists()
    response = save_cell(client, data_set, grain, "4.376.590", confirmed="1", comment="đơn vị kg theo biểu mới")
    assert response["X-Entry-Result"] == "saved"


def test_a_value_can_be_marked_official_and_keeps_one_row_per_report(client_as, department_officer):
    data_set = agriculture_set()
    client = client_as(department_officer)
    tea = data_set.indicators.get(code="02.02")
    save_cell(client, data_set, tea, "754,2")
    save_cell(client, data_set, tea, "754,2", kind="official", comment="số chính thức của Chi cục Thống kê")
    rows = DataValue.objects.filter(submission__data_set=data_set, indicator=tea)
    assert [(r.kind, r.comment) for r in rows] == [("official", "số chính thức của Chi cục Thống kê")]


def test_a_saved_value_is_there_after_a_page_reload(client_as, department_officer):
    data_set = agriculture_set()
    client = client_as(department_officer)
    save_cell(client, data_set, data_set.indicators.get(code="02.10"), "112,5", comment="trồng rừng")
    page = client.get(grid_url(data_set)).content.decode()
    assert 'value="112,5"' in page and 'value="trồng rừng"' in page


def test_the_second_of_two_people_saving_the_same_value_gets_a_conflict_showing_the_other_value(
        client_as, department_officer):
    from django.contrib.auth import get_user_model

    from ktxh.accounts.models import RoleAssignment

    colleague = get_user_model().objects.create_user("colleague", first_name="Đồng nghiệp", password="x")
    mine = department_officer.roles.get()
    RoleAssignment.objects.create(user=colleague, org_unit=mine.org_unit, role=mine.role, agency=mine.agency)
    data_set = agriculture_set()
    tea = data_set.indicators.get(code="02.02")
    save_cell(client_as(department_officer), data_set, tea, "750")
    # Both opened the grid at version 1; the colleague saves first.
    assert save_cell(client_as(colleague), data_set, tea, "751", version=1)["X-Entry-Result"] == "saved"
    response = save_cell(client_as(department_officer), data_set, tea, "760", version=1)
    page = response.content.decode()
    assert response["X-Entry-Result"] == "conflict"
    assert "Đồng nghiệp" in page and "751" in page and "760" in page
    assert DataValue.objects.get(submission__data_set=data_set, indicator=tea).value == 751
    # Overwriting is a deliberate second step.
    response = save_cell(client_as(department_officer), data_set, tea, "760", version=1, overwrite="2")
    assert response["X-Entry-Result"] == "saved"
    assert DataValue.objects.get(submission__data_set=data_set, indicator=tea).value == 760


def test_two_first_saves_of_the_same_value_do_not_both_win(client_as, department_officer):
    data_set = agriculture_set()
    client = client_as(department_officer)
    tea = data_set.indicators.get(code="02.03")
    assert save_cell(client, data_set, tea, "10", version=0)["X-Entry-Result"] == "saved"
    assert save_cell(client, data_set, tea, "12", version=0)["X-Entry-Result"] == "conflict"


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_every_rate_from_0_to_100_typed_in_vietnamese_notation_passes(rate):
    result = check_value(format_number(rate), measure_kind="rate_pct", unit="%", compare_with=[])
    assert result.ok and result.value == rate


@given(st.decimals(min_value=Decimal("100.01"), max_value=Decimal("10000"), places=2))
def test_every_rate_above_100_is_rejected(rate):
    assert not check_value(format_number(rate), measure_kind="rate_pct", unit="%", compare_with=[]).ok


def test_the_previous_report_of_each_period_kind():
    assert [previous_report_period(Period.parse(c)).code for c in ["2026-01", "2026-Q1", "2026-H1", "2026-H2", "2026-9M", "2026"]] == [
        "2025-12", "2025-Q4", "2025-H2", "2026-H1", "2026-H1", "2025"]
