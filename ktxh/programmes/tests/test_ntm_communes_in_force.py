"""Which communes an NTM matrix of a year lists: the one rule of docs/units.md (children in
force on the year's last day, or the district's last day if it ended within the year),
not every commune that existed at some time in the year."""

import datetime

import pytest

from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import unit_resolve
from ktxh.programmes.ntm.selectors import communes_of


def _names(units):
    return {u.name for u in units}


@pytest.mark.django_db
def test_a_commune_that_ended_within_the_year_is_not_in_that_years_matrix():
    district = OrgUnit.objects.get(code="109")
    gone, born = OrgUnit.objects.filter(parent=district, kind=OrgUnit.Kind.COMMUNE).order_by("path")[:2]
    # queryset updates: the test's own boundaries, rolled back afterwards
    OrgUnit.objects.filter(pk=gone.pk).update(valid_to=datetime.date(2024, 3, 31))
    OrgUnit.objects.filter(pk=born.pk).update(valid_from=datetime.date(2024, 5, 1))
    listed = _names(communes_of(district, 2024))
    assert gone.name not in listed  # in force part of 2024 only: the old rule listed it
    assert born.name in listed
    assert gone.name in _names(communes_of(district, 2023))
    assert born.name not in _names(communes_of(district, 2023))


@pytest.mark.django_db
def test_a_district_that_ended_in_2025_lists_its_old_communes_of_its_last_day():
    district = OrgUnit.objects.get(code="109")
    listed = list(communes_of(district, 2025))
    assert len(listed) == 16
    assert all(u.vintage == OrgUnit.Vintage.OLD and u.valid_on(datetime.date(2025, 6, 30)) for u in listed)


@pytest.mark.django_db
def test_the_province_lists_only_its_new_communes_from_2025_never_old_and_new_together():
    province = unit_resolve("12")
    names_2025 = _names(communes_of(province, 2025))
    assert "Xã Khổng Lào" in names_2025 and "Xã Phong Thổ" in names_2025
    assert all(u.vintage == OrgUnit.Vintage.REFORM_2025 for u in communes_of(province, 2026))
    assert not list(communes_of(province, 2024))  # its children in 2024 are districts
