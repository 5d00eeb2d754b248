"""Roles in the two-level model, persona by persona (demo users of docs/units.md): the
provincial planning office (Sở Tài chính), a provincial department (Sở), the staff and the
leader of a new commune."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from ktxh.accounts import access
from ktxh.catalog.models import Indicator
from ktxh.entry.models import DataSet, ReportingRound
from ktxh.entry.services import entry_save, submission_approve, submission_open, submission_submit
from ktxh.orgunits.selectors import unit_resolve


def _user(name):
    return get_user_model().objects.get(username=name)


def _commune_set(key):
    return DataSet.objects.get(reporter_unit=unit_resolve(key), agency__isnull=True)


def _round():
    return ReportingRound.objects.get(period="2026-H1", province__code="12")


def _fill_and_submit(user, data_set):
    for indicator in data_set.indicators.all():
        value = "42,5" if indicator.measure_kind in ("rate_pct", "rate_permille") else "14"
        entry_save(actor=user, round_=_round(), data_set=data_set, indicator=indicator, raw=value,
                   expected_version=0, confirmed=True, comment="số liệu minh họa")
    submission = submission_open(actor=user, round_=_round(), data_set=data_set)
    return submission_submit(actor=user, submission=submission)


@pytest.mark.django_db
def test_the_provincial_planning_office_sees_both_vintages_and_lands_on_the_province():
    user = _user("so_tai_chinh")
    visible = set(access.units_visible(user).values_list("code", flat=True))
    assert {"12", "03583", "03549", "109", "109-11", "107-06"} <= visible
    assert access.default_unit(user).code == "12"
    assert access.can_write_reports(user, unit_resolve("03583@2025"))


@pytest.mark.django_db
def test_a_new_commune_enters_its_own_figures_and_its_leader_approves_them():
    clerk, leader = _user("xa_khong_lao"), _user("lanh_dao_khong_lao")
    khong_lao = _commune_set("03583@2025")
    submission = _fill_and_submit(clerk, khong_lao)
    assert not access.can_review(clerk, submission)  # nobody approves what they entered
    assert access.can_review(leader, submission) and access.can_review(_user("so_tai_chinh"), submission)
    assert not access.can_review(_user("so_nong_nghiep"), submission)
    assert not access.can_review(_user("leader"), submission)  # the old district's leader
    assert submission_approve(actor=leader, submission=submission).state == "approved"


@pytest.mark.django_db
def test_a_new_commune_stays_inside_its_commune_but_reads_its_predecessors():
    clerk, leader = _user("xa_khong_lao"), _user("lanh_dao_khong_lao")
    visible = set(access.units_visible(clerk).values_list("code", flat=True))
    assert visible == {"03583", "109-10", "109-11", "109-12"}  # itself and Hoang Thèn, Khổng Lào, Bản Lang
    phong_tho = _commune_set("03549@2025")
    with pytest.raises(PermissionDenied):
        submission_open(actor=clerk, round_=_round(), data_set=phong_tho)
    assert not access.can_enter_data_set(leader, _commune_set("03583@2025"))  # leaders approve, not enter
    # Reading the old communes does not let anyone enter for them.
    assert not access.can_enter_data_set(clerk, DataSet.objects.get(reporter_unit__code="109-11"))


@pytest.mark.django_db
def test_a_provincial_department_enters_its_agency_for_the_province_only():
    user = _user("so_nong_nghiep")
    province_set = DataSet.objects.get(reporter_unit__code="12", agency__code="NN")
    assert access.can_enter_data_set(user, province_set)
    assert not access.can_enter_data_set(user, _commune_set("03583@2025"))
    other_agency = DataSet.objects.filter(reporter_unit__code="109").exclude(agency__code="NN").exclude(
        agency__isnull=True).first()
    assert not access.can_enter_data_set(user, other_agency)
    assert Indicator.objects.filter(responsible_agency__code="NN", is_main=True).count() == \
        province_set.indicators.count()


@pytest.mark.django_db
def test_a_provincial_department_enters_a_province_indicator_in_the_2026_round_and_the_office_approves():
    from ktxh.entry.services import submission_reopen
    from ktxh.evaluation.table import evaluation_table

    so, office = _user("so_nong_nghiep"), _user("so_tai_chinh")
    province_set = DataSet.objects.get(reporter_unit__code="12", agency__code="NN")
    submission = _fill_and_submit(so, province_set)
    assert not access.can_review(so, submission)  # a Sở enters, never approves
    assert not access.can_review(_user("lanh_dao_khong_lao"), submission)  # a commune leader: not the province
    assert access.can_review(office, submission)
    approved = submission_approve(actor=office, submission=submission)
    assert approved.state == "approved"
    indicator = province_set.indicators.order_by("code").first()
    row = next(r for r in evaluation_table(unit=unit_resolve("12"), period="2026-H1", main_only=False).rows
               if r.indicator == indicator)
    assert row.value is not None and not getattr(row.value, "is_carried", False)  # the Sở's own figure
    assert not access.can_reopen(_user("lanh_dao_khong_lao"), approved) and access.can_reopen(office, approved)
    assert submission_reopen(actor=office, submission=approved, reason="kiểm tra lại").state != "approved"


@pytest.mark.django_db
def test_the_2026_round_of_the_province_is_the_new_units_and_the_old_ones_report_to_2025_h1(client_as):
    from django.utils import timezone

    from ktxh.entry.selectors import round_overview

    office = _user("so_tai_chinh")
    statuses = round_overview(_round(), access.data_sets_visible(office), timezone.localdate())
    keys = {s.data_set.reporter_unit.key for s in statuses}
    assert {"03583@2025", "03549@2025", "12@cu"} <= keys
    # a round lists the reporters in force on its period's last day: no dissolved unit in 2026
    assert all(s.data_set.reporter_unit.valid_on(_round_end()) for s in statuses)
    assert "109-10@cu" not in keys and "109@cu" not in keys  # old Hoang Thèn, old Huyện Phong Thổ
    page = client_as(office).get(f"/nhap-lieu/{_round().pk}/tong-hop/").content.decode()
    assert "Xã Khổng Lào" in page and "Xã Hoang Thèn" not in page
    old_round = ReportingRound.objects.get(period="2025-H1", province__code="12")
    old_keys = {s.data_set.reporter_unit.key
                for s in round_overview(old_round, access.data_sets_visible(office), timezone.localdate())}
    assert {"109-10@cu", "109@cu", "12@cu"} <= old_keys and "03583@2025" not in old_keys
    # the new commune's clerk reads its predecessors' history but its 2026 round shows only itself
    clerk = _user("xa_khong_lao")
    mine = round_overview(_round(), access.data_sets_visible(clerk), timezone.localdate())
    assert {s.data_set.reporter_unit.key for s in mine} == {"03583@2025"}


def _round_end():
    import datetime

    return datetime.date(2026, 6, 30)


@pytest.mark.django_db
def test_a_viewer_of_a_new_commune_reads_it_and_its_history_but_enters_and_approves_nothing():
    from ktxh.accounts.models import Role, RoleAssignment

    viewer = get_user_model().objects.create_user("xem_khong_lao", password="x")
    RoleAssignment.objects.create(user=viewer, org_unit=unit_resolve("03583@2025"), role=Role.VIEWER)
    visible = set(access.units_visible(viewer).values_list("code", flat=True))
    assert visible == {"03583", "109-10", "109-11", "109-12"}
    submission = _fill_and_submit(_user("xa_khong_lao"), _commune_set("03583@2025"))
    assert not access.can_enter_data_set(viewer, submission.data_set)
    assert not access.can_review(viewer, submission) and not access.can_reopen(viewer, submission)
    assert not access.can_write_reports(viewer, unit_resolve("03583@2025"))
    assert not access.can_oversee(viewer)
