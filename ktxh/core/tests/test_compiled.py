"""core.compiled: a queryset's SQL built once and run again with other values gives the
rows the queryset itself gives; a value that would not be a parameter is refused."""

import pytest

from ktxh.core.compiled import compiled
from ktxh.orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db


@compiled(int, str)
def _children(parent_id, kind):
    return OrgUnit.objects.filter(parent_id=parent_id, kind=kind).order_by("code")


def test_the_compiled_rows_are_the_querysets_rows_for_every_value():
    for parent in OrgUnit.objects.filter(kind__in=["province", "district"])[:5]:
        for kind in ("district", "commune"):
            expected = list(OrgUnit.objects.filter(parent_id=parent.pk, kind=kind).order_by("code"))
            got = list(_children(parent.pk, kind))
            assert [(u.pk, u.code, u.valid_from, u.valid_to) for u in got] == \
                [(u.pk, u.code, u.valid_from, u.valid_to) for u in expected]
    assert any(list(_children(p.pk, "commune")) for p in OrgUnit.objects.filter(kind="district"))


def test_a_value_that_does_not_become_a_parameter_is_refused():
    @compiled(int)
    def ignores_its_argument(unit_id):
        return OrgUnit.objects.filter(pk=1)

    with pytest.raises(ValueError):
        list(ignores_its_argument(3))
