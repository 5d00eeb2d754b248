"""The audit trail cannot be edited or deleted through the app, and rounds default
to the Decree 09/2019 cut-offs, configurable per province."""

import datetime

from ktxh.entry.models import RoundDefaults, Transition
from ktxh.entry.services import round_save
from ktxh.entry.tests.entry_helpers import agriculture_set, fill_all, grid_url
from ktxh.orgunits.models import OrgUnit


def test_transitions_and_value_history_cannot_be_changed_or_deleted_in_the_admin(
        client_as, department_officer, admin_user):
    data_set = agriculture_set()
    fill_all(client_as(department_officer), data_set)
    client_as(department_officer).post(grid_url(data_set, "nop/"))
    step = Transition.objects.get()
    value = data_set.submissions.get().values.first()
    admin = client_as(admin_user)
    assert admin.get("/quan-tri/entry/transition/").status_code == 200
    assert admin.post(f"/quan-tri/entry/transition/{step.pk}/change/", {"reason": "x"}).status_code == 403
    assert admin.post(f"/quan-tri/entry/transition/{step.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin.post(f"/quan-tri/data/datavalue/{value.pk}/delete/", {"post": "yes"}).status_code == 403
    history_id = value.history.first().history_id
    before = value.value
    # The history page of a value is read-only: reverting is disabled without change rights.
    admin.post(f"/quan-tri/data/datavalue/{value.pk}/history/{history_id}/", {"value": "1"})
    value.refresh_from_db()
    assert value.value == before and value.history.count() == 1
    assert Transition.objects.get().reason == "" and Transition.objects.count() == 1


def test_a_round_defaults_to_the_decree_09_cut_offs_and_each_province_can_change_them(db):
    province = OrgUnit.objects.get(code="12")
    q3 = round_save(actor=None, province=province, period="2026-Q3")
    # Window 15 June - 14 September; due 5 days after the cut-off, closed 10 days later.
    assert (q3.opens_on, q3.due_on, q3.closes_on) == (
        datetime.date(2026, 6, 15), datetime.date(2026, 9, 19), datetime.date(2026, 9, 29))
    assert q3.name == "Quý III năm 2026"
    RoundDefaults.objects.create(province=province, cutoff_day=20, due_days_after_cutoff=3, close_days_after_due=7)
    month = round_save(actor=None, province=province, period="2026-10")
    assert (month.opens_on, month.due_on, month.closes_on) == (
        datetime.date(2026, 9, 20), datetime.date(2026, 10, 22), datetime.date(2026, 10, 29))


def test_the_admin_creates_a_round_with_default_dates(client_as, admin_user):
    province = OrgUnit.objects.get(code="12")
    response = client_as(admin_user).post("/quan-tri/entry/reportinground/add/", {
        "province": province.pk, "period": "2026-9m", "name": "", "opens_on": "", "due_on": "", "closes_on": ""})
    assert response.status_code == 302
    from ktxh.entry.models import ReportingRound

    nine = ReportingRound.objects.get(period="2026-9M")
    assert nine.name == "9 tháng năm 2026" and nine.due_on == datetime.date(2026, 9, 19)


def test_the_admin_saves_data_sets_through_the_service(client_as, admin_user):
    from ktxh.catalog.models import Indicator
    from ktxh.entry.models import DataSet

    commune = OrgUnit.objects.filter(kind="commune").order_by("path").first()
    two = list(Indicator.objects.order_by("code").values_list("pk", flat=True)[:2])
    client = client_as(admin_user)
    response = client.post("/quan-tri/entry/dataset/add/", {
        "name": "Biểu thử", "reporter_unit": commune.pk, "agency": "", "period_kind": "year", "indicators": two})
    assert response.status_code == 302
    data_set = DataSet.objects.get(name="Biểu thử")
    assert data_set.province.code == "12" and sorted(data_set.indicators.values_list("pk", flat=True)) == two
    response = client.post(f"/quan-tri/entry/dataset/{data_set.pk}/change/", {
        "name": "Biểu thử", "reporter_unit": commune.pk, "agency": "", "period_kind": "year", "indicators": two[:1]})
    assert response.status_code == 302
    assert list(data_set.indicators.values_list("pk", flat=True)) == two[:1]


def test_loading_the_demo_reporting_set_up_twice_changes_nothing(db):
    from ktxh.entry.demo import entry_demo_load
    from ktxh.entry.models import DataSet, ReportingRound

    before = (DataSet.objects.count(), ReportingRound.objects.count(),
              sum(ds.indicators.count() for ds in DataSet.objects.all()))
    entry_demo_load()
    after = (DataSet.objects.count(), ReportingRound.objects.count(),
             sum(ds.indicators.count() for ds in DataSet.objects.all()))
    assert before == after and before[0] >= 2
