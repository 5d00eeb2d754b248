"""accounts.access.access_entry_scope_by_ids, the one-query access check of a cell save,
decides exactly as access_data_set_by_id then access_round_by_id(data_set=...), and the
roles it reads on the way are the ones access._assignments reads."""

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404

from ktxh.accounts import access
from ktxh.accounts.models import RoleAssignment
from ktxh.entry.models import DataSet, ReportingRound

NAMES = ["planner", "department", "commune", "leader", "viewer", "admin", "xa_khong_lao", "so_tai_chinh",
         "so_nong_nghiep", "lanh_dao_khong_lao"]


def _fresh(name):
    return get_user_model().objects.get(username=name)  # no roles read yet


def _two_step(user, round_id, data_set_id):
    try:
        data_set = access.access_data_set_by_id(user, data_set_id)
        return data_set, access.access_round_by_id(user, round_id, data_set=data_set)
    except Http404 as exc:
        return str(exc)


def _one_step(user, round_id, data_set_id):
    try:
        return access.access_entry_scope_by_ids(user, round_id, data_set_id)
    except Http404 as exc:
        return str(exc)


@pytest.mark.django_db
def test_the_one_query_check_decides_as_the_two_checks_for_every_user_data_set_and_round():
    rounds = [*ReportingRound.objects.values_list("pk", flat=True), 987654]
    data_sets = [*DataSet.objects.values_list("pk", flat=True), 987654]
    assert len(rounds) >= 3 and len(data_sets) >= 5
    granted = refused = 0
    for name in NAMES:
        for round_id in rounds:
            for data_set_id in data_sets:
                expected, found = _two_step(_fresh(name), round_id, data_set_id), \
                    _one_step(_fresh(name), round_id, data_set_id)
                if isinstance(expected, str):
                    assert found == expected, (name, round_id, data_set_id)
                    refused += 1
                    continue
                granted += 1
                (data_set, round_), (data_set2, round2) = expected, found
                assert (data_set.pk, round_.pk) == (data_set2.pk, round2.pk)
                for field in DataSet._meta.concrete_fields:
                    assert getattr(data_set, field.attname) == getattr(data_set2, field.attname)
                assert data_set2.reporter_unit == data_set.reporter_unit
                assert data_set2.reporter_unit.path == data_set.reporter_unit.path
                for field in ReportingRound._meta.concrete_fields:  # dates as dates, not SQLite's text
                    assert getattr(round_, field.attname) == getattr(round2, field.attname)
    assert granted and refused


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_the_roles_read_beside_the_data_set_are_the_users_roles(name):
    user = _fresh(name)
    data_set = DataSet.objects.order_by("pk").first()
    _one_step(user, ReportingRound.objects.first().pk, data_set.pk)
    expected = {(a.pk, a.role, a.org_unit.pk, a.org_unit.path, a.agency_id, a.agency.code if a.agency else None)
                for a in RoleAssignment.objects.filter(user=user).select_related("org_unit", "agency")}
    assert {(a.pk, a.role, a.org_unit.pk, a.org_unit.path, a.agency_id,
                          a.agency.code if a.agency else None) for a in user._ktxh_roles} == expected
    for a in user._ktxh_roles:
        assert a.user_id == user.pk and a.org_unit.valid_from == RoleAssignment.objects.get(pk=a.pk).org_unit.valid_from
