"""Reads of violations, always narrowed by accounts.access to what the user may see."""

from django.db.models import QuerySet

from ktxh.accounts import access
from ktxh.engine.periods import Period
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import subtree
from ktxh.quality.models import Violation


def violations_for(*, unit: OrgUnit, period: Period | str, user=None, subtree_too: bool = True,
                   include_closed: bool = False) -> QuerySet[Violation]:
    """Violations of ``unit`` (and its subtree) in ``period``; the entry grid and the
    quality page call this. With ``user`` the result is narrowed to units they may see."""
    units = subtree(unit) if subtree_too else OrgUnit.objects.filter(pk=unit.pk)
    if user is not None:
        units = units.filter(pk__in=access.units_visible(user).values("pk"))
    rows = Violation.objects.filter(org_unit__in=units, period=Period.of(period).code)
    if not include_closed:
        rows = rows.filter(is_open=True)
    return rows.select_related("rule", "org_unit", "indicator", "checked_by")


def violation_counts(*, unit: OrgUnit, period: str, user=None) -> dict[str, int]:
    rows = violations_for(unit=unit, period=period, user=user)
    total = rows.count()
    checked = rows.filter(checked=True).count()
    return {"total": total, "checked": checked, "unchecked": total - checked}
