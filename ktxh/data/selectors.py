"""Reads of targets and values. Callers pass units they got from accounts.access."""

from ktxh.catalog.models import Target
from ktxh.data.models import DataValue
from ktxh.engine.periods import Period
from ktxh.orgunits.models import OrgUnit


def periods_with_data(unit: OrgUnit) -> list[str]:
    """Period codes with a value or a target for `unit`, latest first (plan periods last)."""
    codes = set(DataValue.objects.filter(org_unit=unit).values_list("period", flat=True))
    codes |= set(Target.objects.filter(org_unit=unit).values_list("period", flat=True))
    periods = sorted((Period.parse(c) for c in codes), key=lambda p: (p.kind == "plan", -p.end.toordinal()))
    return [p.code for p in periods]


def default_period(unit: OrgUnit) -> str | None:
    """The latest whole year with reported values; else the latest period with anything."""
    years = [Period.parse(c) for c in DataValue.objects.filter(org_unit=unit).values_list("period", flat=True)]
    years = [p for p in years if p.kind == "year"]
    if years:
        return max(years, key=lambda p: p.year).code
    periods = periods_with_data(unit)
    return periods[0] if periods else None


def published_values():
    """Values the evaluation may read: loaded ones (no report) and those of approved
    reports; drafts and reports waiting for approval stay out (docs/entry.md)."""
    from django.db.models import Q

    return DataValue.objects.filter(Q(submission__isnull=True) | Q(submission__state="approved"))
