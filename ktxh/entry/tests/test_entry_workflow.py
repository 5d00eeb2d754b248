"""Enter -> submit -> return -> fix -> submit -> approve, over HTTP, and the approved
figures reaching the evaluation page."""

from decimal import Decimal

from ktxh.entry.models import Submission, Transition
from ktxh.entry.tests.entry_helpers import (
    agriculture_set,
    demo_round,
    fill_all,
    grid_url,
    save_cell,
)
from ktxh.values.models import DataValue


def _submission(data_set):
    return Submission.objects.get(round=demo_round(), data_set=data_set)


def test_a_department_officer_enters_submits_gets_returned_fixes_and_the_planner_approves(
        client_as, department_officer, planner, leader):
    data_set = agriculture_set()
    grain = data_set.indicators.get(code="02.01")
    client = client_as(department_officer)
    assert client.get(grid_url(data_set)).status_code == 200
    fill_all(client, data_set)
    response = save_cell(client, data_set, grain, "4.512,5", comment="ước 6 tháng")
    assert response["X-Entry-Result"] == "saved"

    assert client.post(grid_url(data_set, "nop/")).status_code == 302
    assert _submission(data_set).state == "submitted"
    # Submitted values are locked for the reporter.
    assert save_cell(client, data_set, grain, "4.600")["X-Entry-Result"] == "rejected"

    client = client_as(planner)
    client.post(grid_url(data_set, "tra-lai/"), {"reason": "Sản lượng lương thực chưa khớp thống kê"})
    submission = _submission(data_set)
    assert submission.state == "draft" and "chưa khớp" in submission.return_reason

    client = client_as(department_officer)
    page = client.get(grid_url(data_set)).content.decode()
    assert "Sản lượng lương thực chưa khớp thống kê" in page
    assert save_cell(client, data_set, grain, "4.498,2", kind="official")["X-Entry-Result"] == "saved"
    client.post(grid_url(data_set, "nop/"))

    client = client_as(leader)
    client.post(grid_url(data_set, "duyet/"))
    submission = _submission(data_set)
    assert submission.state == "approved" and submission.approved_by == leader
    actions = list(submission.transitions.values_list("action", flat=True))
    assert actions == ["submit", "return", "submit", "approve"]

    evaluation = client.get("/danh-gia/?unit=109&period=2025-H1").content.decode()
    assert "4.498,2" in evaluation
    history = client.get(grid_url(data_set, f"lich-su/{grain.pk}/")).content.decode()
    assert "4.512,5" in history and "4.498,2" in history and "Chính thức" in history


def test_drafts_and_submitted_values_stay_out_of_the_evaluation_until_approved(client_as, department_officer):
    data_set = agriculture_set()
    forest = data_set.indicators.get(code="02.05")
    client = client_as(department_officer)
    assert save_cell(client, data_set, forest, "44,87")["X-Entry-Result"] == "saved"
    assert "44,87" not in client.get("/danh-gia/?unit=109&period=2025-H1").content.decode()
    fill_all(client, data_set)
    client.post(grid_url(data_set, "nop/"))
    assert _submission(data_set).state == "submitted"
    assert "44,87" not in client.get("/danh-gia/?unit=109&period=2025-H1").content.decode()


def test_the_seeded_values_without_a_report_stay_on_the_evaluation_page(client_as, viewer):
    page = client_as(viewer).get("/danh-gia/?unit=109&period=2024-H1").content.decode()
    assert "4.376,59" in page


def test_a_report_cannot_be_submitted_with_indicators_missing(client_as, department_officer):
    data_set = agriculture_set()
    client = client_as(department_officer)
    save_cell(client, data_set, data_set.indicators.get(code="02.02"), "760")
    response = client.post(grid_url(data_set, "nop/"), follow=True)
    assert "chưa nhập" in response.content.decode()
    assert _submission(data_set).state == "draft"


def test_an_approved_report_is_locked_and_only_the_planning_office_reopens_it_with_a_reason(
        client_as, department_officer, planner, leader):
    data_set = agriculture_set()
    client = client_as(department_officer)
    fill_all(client, data_set)
    client.post(grid_url(data_set, "nop/"))
    client_as(planner).post(grid_url(data_set, "duyet/"))
    assert _submission(data_set).state == "approved"
    grain = data_set.indicators.get(code="02.01")
    assert save_cell(client_as(department_officer), data_set, grain, "4.401")["X-Entry-Result"] == "rejected"

    client_as(leader).post(grid_url(data_set, "mo-lai/"), {"reason": "cập nhật số chính thức"})
    assert _submission(data_set).state == "approved"
    client_as(planner).post(grid_url(data_set, "mo-lai/"), {"reason": ""})
    assert _submission(data_set).state == "approved"
    client_as(planner).post(grid_url(data_set, "mo-lai/"), {"reason": "cập nhật số chính thức"})
    assert _submission(data_set).state == "draft"
    assert save_cell(client_as(department_officer), data_set, grain, "4.401")["X-Entry-Result"] == "saved"
    last = Transition.objects.filter(submission=_submission(data_set)).last()
    assert (last.action, last.actor, last.reason) == ("reopen", planner, "cập nhật số chính thức")


def test_every_change_is_recorded_with_who_when_and_old_and_new_value(client_as, department_officer):
    data_set = agriculture_set()
    tea = data_set.indicators.get(code="02.02")
    client = client_as(department_officer)
    save_cell(client, data_set, tea, "750")
    save_cell(client, data_set, tea, "755,5", comment="số liệu xã báo lại")
    row = DataValue.objects.get(submission=_submission(data_set), indicator=tea)
    assert row.version == 2
    records = list(row.history.order_by("history_date"))
    assert [r.value for r in records] == [Decimal("750"), Decimal("755.5")]
    assert all(r.history_user == department_officer for r in records)
    page = client.get(grid_url(data_set, f"lich-su/{tea.pk}/")).content.decode()
    assert "750" in page and "755,5" in page and "số liệu xã báo lại" in page


def test_a_closed_round_takes_no_figures_unless_the_planning_office_reopened_the_report(
        client_as, department_officer, planner):
    import datetime

    from ktxh.entry.models import ReportingRound

    data_set = agriculture_set()
    closed = ReportingRound.objects.create(
        province=demo_round().province, period="2024-H2", name="6 tháng cuối năm 2024",
        opens_on=datetime.date(2024, 6, 15), due_on=datetime.date(2024, 12, 19), closes_on=datetime.date(2024, 12, 29))
    grain = data_set.indicators.get(code="02.01")
    url = f"/nhap-lieu/{closed.pk}/bo-bieu/{data_set.pk}/"
    client = client_as(department_officer)
    response = client.post(f"{url}luu/{grain.pk}/", {"value": "4.400", "kind": "estimate", "version": "0"})
    assert response["X-Entry-Result"] == "rejected" and "không mở nhập" in response.content.decode()
    approved = Submission.objects.create(province=closed.province, round=closed, data_set=data_set, state="approved")
    client_as(planner).post(f"{url}mo-lai/", {"reason": "sửa số chính thức"})
    approved.refresh_from_db()
    assert approved.state == "draft"
    response = client_as(department_officer).post(f"{url}luu/{grain.pk}/", {"value": "4.400", "kind": "official",
                                                                              "version": "0"})
    assert response["X-Entry-Result"] == "saved"


def test_a_commune_clerk_reports_and_the_approved_figures_show_on_the_communes_evaluation(
        client_as, commune_clerk, planner):
    from ktxh.entry.tests.entry_helpers import commune_set

    data_set = commune_set(commune_clerk)
    client = client_as(commune_clerk)
    fill_all(client, data_set)
    electricity = data_set.indicators.get(code="05.02")
    assert save_cell(client, data_set, electricity, "97,35", kind="official")["X-Entry-Result"] == "saved"
    client.post(grid_url(data_set, "nop/"))
    client_as(planner).post(grid_url(data_set, "duyet/"))
    assert _submission(data_set).state == "approved"
    unit = data_set.reporter_unit.code
    page = client_as(commune_clerk).get(f"/danh-gia/?unit={unit}&period=2025-H1").content.decode()
    assert "97,35" in page
