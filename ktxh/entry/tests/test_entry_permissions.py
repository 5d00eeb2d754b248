"""Every role boundary of data entry and approval, through the HTTP pages."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from ktxh.accounts.models import Role, RoleAssignment
from ktxh.catalog.models import Agency
from ktxh.entry.models import DataSet, Submission
from ktxh.entry.tests.entry_helpers import (
    agriculture_set,
    commune_set,
    demo_round,
    fill_all,
    grid_url,
    save_cell,
)


def other_commune_set(user) -> DataSet:
    own = commune_set(user)
    return DataSet.objects.filter(agency__isnull=True, reporter_unit__parent__code="109").exclude(pk=own.pk).first()


def health_set() -> DataSet:
    return DataSet.objects.get(agency__code="YT", reporter_unit__code="109")


def test_anonymous_users_are_sent_to_the_login_page_and_nothing_is_written(db):
    client = Client()
    data_set = agriculture_set()
    for url in ["/nhap-lieu/", grid_url(data_set), grid_url(data_set, "excel/"), f"/nhap-lieu/{demo_round().pk}/tong-hop/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    indicator = data_set.indicators.first()
    response = client.post(grid_url(data_set, f"luu/{indicator.pk}/"), {"value": "1", "version": "0"})
    assert response.status_code == 302
    assert not Submission.objects.filter(data_set=data_set).exists()


def test_a_commune_clerk_enters_their_own_commune_only(client_as, commune_clerk):
    client = client_as(commune_clerk)
    own = commune_set(commune_clerk)
    indicator = own.indicators.get(code="05.02")
    assert client.get(grid_url(own)).status_code == 200
    assert save_cell(client, own, indicator, "97,5")["X-Entry-Result"] == "saved"
    other = other_commune_set(commune_clerk)
    assert client.get(grid_url(other)).status_code == 404
    assert save_cell(client, other, other.indicators.get(code="05.02"), "97,5").status_code == 404
    assert client.get(grid_url(agriculture_set())).status_code == 404
    assert not other.submissions.exists()


def test_a_commune_clerk_cannot_read_another_communes_draft(client_as, commune_clerk, planner):
    other = other_commune_set(commune_clerk)
    clerk_of_other = get_user_model().objects.create_user("clerk2", password="x")
    RoleAssignment.objects.create(user=clerk_of_other, org_unit=other.reporter_unit, role=Role.COMMUNE)
    save_cell(client_as(clerk_of_other), other, other.indicators.get(code="05.02"), "88")
    client = client_as(commune_clerk)
    assert client.get(grid_url(other)).status_code == 404
    assert client.get(grid_url(other, "excel/")).status_code == 404
    indicator = other.indicators.get(code="05.02")
    assert client.get(grid_url(other, f"lich-su/{indicator.pk}/")).status_code == 404
    assert "88" in client_as(planner).get(grid_url(other)).content.decode()


def test_a_department_officer_enters_only_their_agencys_indicators(client_as, department_officer):
    client = client_as(department_officer)
    assert client.get(grid_url(health_set())).status_code == 404
    forest_in_other_set = health_set().indicators.first()
    assert save_cell(client, agriculture_set(), forest_in_other_set, "1").status_code == 404


@pytest.mark.parametrize("persona", ["planner", "leader"])
def test_reviewers_read_every_report_but_do_not_enter_figures(client_as, request, persona):
    user = request.getfixturevalue(persona)
    client = client_as(user)
    data_set = agriculture_set()
    assert client.get(grid_url(data_set)).status_code == 200
    assert save_cell(client, data_set, data_set.indicators.first(), "1").status_code == 403


def test_a_viewer_sees_no_report_and_cannot_write(client_as, viewer):
    client = client_as(viewer)
    assert client.get(grid_url(agriculture_set())).status_code == 404
    assert client.get(f"/nhap-lieu/{demo_round().pk}/tong-hop/").status_code == 403
    assert save_cell(client, agriculture_set(), agriculture_set().indicators.first(), "1").status_code == 404


def test_a_department_officer_cannot_approve_and_nobody_approves_their_own_submission(
        client_as, department_officer, planner):
    data_set = agriculture_set()
    both = get_user_model().objects.create_user("both-roles", password="x")
    RoleAssignment.objects.create(user=both, org_unit=planner.roles.get().org_unit, role=Role.PLANNER)
    RoleAssignment.objects.create(user=both, org_unit=data_set.reporter_unit, role=Role.DEPARTMENT,
                                  agency=Agency.objects.get(code="NN"))
    client = client_as(both)
    fill_all(client, data_set)
    client.post(grid_url(data_set, "nop/"))
    assert client.post(grid_url(data_set, "duyet/")).status_code == 403
    assert client_as(department_officer).post(grid_url(data_set, "duyet/")).status_code == 403
    submission = Submission.objects.get(data_set=data_set)
    assert submission.state == "submitted"
    # Someone who only entered a value (not the submitter) may not approve either.
    assert client_as(department_officer).post(grid_url(data_set, "tra-lai/"), {"reason": "x"}).status_code == 403
    client_as(planner).post(grid_url(data_set, "duyet/"))
    assert Submission.objects.get(data_set=data_set).state == "approved"


def test_the_completeness_overview_is_for_the_planning_office_and_leaders(client_as, planner, leader,
                                                                          department_officer, commune_clerk):
    url = f"/nhap-lieu/{demo_round().pk}/tong-hop/"
    page = client_as(planner).get(url).content.decode()
    # the demo round was due on 20/07/2025 (entry.demo.demo_round_dates): nobody has reported
    assert "Quá hạn, chưa nộp" in page and "Phòng Nông nghiệp" in page
    assert client_as(leader).get(url).status_code == 200
    assert client_as(department_officer).get(url).status_code == 403
    assert client_as(commune_clerk).get(url).status_code == 403


def test_every_write_needs_the_csrf_token(department_officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(department_officer)
    data_set = agriculture_set()
    response = client.post(grid_url(data_set, f"luu/{data_set.indicators.first().pk}/"), {"value": "1", "version": "0"})
    assert response.status_code == 403
    assert client.post(grid_url(data_set, "nop/")).status_code == 403
    assert not Submission.objects.filter(data_set=data_set).exists()
