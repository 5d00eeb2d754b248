"""Reads of targets and values. Callers pass units they got from accounts.access."""

from django.db.models import Count, Q

from ktxh.catalog.models import Target
from ktxh.engine.periods import Period
from ktxh.orgunits.models import OrgUnit
from ktxh.values.models import DataValue

# Whole years only, matched through the period index (a unit may have tens of thousands of rows).
_YEARS = [str(y) for y in range(1990, 2101)]


# The one "published" rule: loaded outside any report, or in an approved report.
PUBLISHED = Q(submission__isnull=True) | Q(submission__state="approved")


def published_values():
    """Values the evaluation may read: loaded ones (no report) and those of approved
    reports; drafts and reports waiting for approval stay out (docs/entry.md)."""
    return DataValue.objects.filter(PUBLISHED)


def published_history():
    """History rows of published values (the indicator page's change log)."""
    return DataValue.history.filter(PUBLISHED)


def by_authority(rows) -> list:
    """Rows (anything with a `kind`) most authoritative first: revised > official > estimate."""
    rank = DataValue.KIND_PRIORITY
    return sorted(rows, key=lambda row: -rank[row.kind])


def best_by(items, *, first=None) -> dict:
    """From (key, row) pairs, per key the most authoritative row (revised > official >
    estimate): the one rule every page, table and check uses. `first(row)`, when given,
    ranks ahead of the kind (the entry grid: the latest period, then the kind)."""
    rank = DataValue.KIND_PRIORITY
    best: dict = {}
    score: dict = {}
    for key, row in items:
        mine = (first(row), rank[row.kind]) if first else rank[row.kind]
        if key not in best or mine > score[key]:
            best[key], score[key] = row, mine
    return best


def periods_with_data(unit: OrgUnit) -> list[str]:
    """Period codes with a published value or a target for `unit`, latest first (plan
    periods last); DISTINCT in the database."""
    codes = set(published_values().filter(org_unit=unit).values_list("period", flat=True).distinct())
    codes |= set(Target.objects.filter(org_unit=unit).values_list("period", flat=True).distinct())
    periods = sorted((Period.parse(c) for c in codes), key=lambda p: (p.kind == "plan", -p.end.toordinal()))
    return [p.code for p in periods]


def default_period(unit: OrgUnit) -> str | None:
    """The period a page opens on: the latest year that gives the unit's picture, i.e.
    with at least half as many indicators having both a value and a target as the best
    year (a new year with two early figures is not yet the picture); else the latest
    year with values; else the latest period with anything."""
    targets = set(Target.objects.filter(org_unit=unit, period__in=_YEARS).values_list("indicator_id", "period"))
    counts: dict[str, int] = {}
    for row in (published_values().filter(org_unit=unit, period__in=_YEARS)
                .values("indicator_id", "period").annotate(n=Count("id"))):
        if (row["indicator_id"], row["period"]) in targets:
            counts[row["period"]] = counts.get(row["period"], 0) + 1
    if counts:
        best = max(counts.values())
        return max((p for p, n in counts.items() if 2 * n >= best), key=int)
    years = published_values().filter(org_unit=unit, period__in=_YEARS).values_list("period", flat=True)
    if years := set(years):
        return max(years, key=int)
    periods = periods_with_data(unit)
    return periods[0] if periods else None


# Documents by file name, read once per process and again after a write or a minute (another
# process may have accepted a report meanwhile).
_DOCUMENTS: dict = {"at": None, "names": {}}
_DOCUMENTS_TTL = 60


def source_documents_changed() -> None:
    _DOCUMENTS["at"] = None


def source_citation(source: str | None) -> str:
    """The one way a stored provenance is shown to a person: "Báo cáo 375/BC-UBND, dòng 130",
    never a file name or a developer's note (engine.sources.cite)."""
    import time

    from ktxh.engine.sources import cite
    from ktxh.values.models import SourceDocument

    if not source:
        return ""
    now = time.monotonic()
    if _DOCUMENTS["at"] is None or now - _DOCUMENTS["at"] > _DOCUMENTS_TTL:
        _DOCUMENTS["names"] = dict(SourceDocument.objects.values_list("file_name", "citation"))
        _DOCUMENTS["at"] = now
    return cite(source, _DOCUMENTS["names"])
