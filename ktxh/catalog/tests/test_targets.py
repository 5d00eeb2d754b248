"""Targets go through catalog.services.target_set: checked whole, idempotent, with history."""

from decimal import Decimal

import pytest

from ktxh.catalog.models import Indicator, Target
from ktxh.catalog.services import target_check, target_set

pytestmark = pytest.mark.django_db


def test_a_target_is_set_once_and_an_unchanged_save_writes_no_history(phong_tho, planner):
    grain = Indicator.objects.get(code="02.01")
    target = target_set(actor=planner, indicator=grain, org_unit=phong_tho, period="2035", value=Decimal("40000"))
    assert (target.comparator, target.value, target.province.code) == (">=", Decimal("40000"), "12")
    history = Target.history.filter(id=target.pk).count()
    target_set(actor=planner, indicator=grain, org_unit=phong_tho, period="2035", value=Decimal("40000"))
    assert Target.history.filter(id=target.pk).count() == history
    target_set(actor=planner, indicator=grain, org_unit=phong_tho, period="2035", value=Decimal("41000"))
    assert Target.history.filter(id=target.pk).count() == history + 1
    assert Target.history.filter(id=target.pk).latest("history_date").history_user == planner


def test_a_bad_target_is_refused_with_its_reasons_and_nothing_is_written(phong_tho):
    grain = Indicator.objects.get(code="02.01")
    assert target_check(comparator="range", value=Decimal(5), value_high=None)
    with pytest.raises(ValueError):
        target_set(actor=None, indicator=grain, org_unit=phong_tho, period="2036", comparator=">=", value=None)
    assert not Target.objects.filter(indicator=grain, period="2036").exists()
    with pytest.raises(ValueError):
        target_set(actor=None, indicator=grain, org_unit=phong_tho, period="2036-13", value=Decimal(1))
