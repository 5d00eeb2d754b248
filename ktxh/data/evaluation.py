"""The main-indicator evaluation table of one unit and period.

Gathers targets and values from the database and hands every figure to
`ktxh.engine.evaluate`; nothing here computes a percentage itself. The page, the
CLI, reports and the API all read this one table.
"""

import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Sum
from django.db.models.signals import post_delete, post_save

from ktxh.catalog.models import Indicator, IndicatorGroup, Target
from ktxh.data.models import DataValue
from ktxh.data.selectors import published_values
from ktxh.engine.evaluate import (
    Evaluation,
    Summary,
    TargetSpec,
    evaluate,
    summarize,
    summary_sentence_vi,
)
from ktxh.engine.periods import Period
from ktxh.engine.semantics import Comparator, Direction, ExcessMode, MeasureKind, TargetBasis
from ktxh.orgunits.models import OrgUnit


@dataclass
class Row:
    indicator: Indicator
    target: Target | None
    target_period: str | None   # the annual target's period when `period` is part of a year
    value: DataValue | None
    prior: DataValue | None
    evaluation: Evaluation


@dataclass
class Table:
    unit: OrgUnit
    period: Period
    groups: list[tuple[IndicatorGroup, list[Row]]] = field(default_factory=list)
    summary: Summary | None = None
    summary_sentence: str = ""

    @property
    def rows(self) -> list[Row]:
        return [row for _, rows in self.groups for row in rows]


def _best_values(unit: OrgUnit, periods: list[str]) -> dict[tuple[int, str], DataValue]:
    """Per (indicator, period) the most authoritative value: revised > official > estimate."""
    best: dict[tuple[int, str], DataValue] = {}
    for row in published_values().filter(org_unit=unit, period__in=periods):
        key = (row.indicator_id, row.period)
        if key not in best or DataValue.KIND_PRIORITY[row.kind] > DataValue.KIND_PRIORITY[best[key].kind]:
            best[key] = row
    return best


def target_spec(target: Target | None) -> TargetSpec | None:
    if target is None:
        return None
    return TargetSpec(comparator=Comparator(target.comparator), value=target.value, high=target.value_high,
                      basis=TargetBasis(target.basis))


def evaluate_row(indicator: Indicator, target: Target | None, value: Decimal | None,
                 prior: Decimal | None, partial: bool, baseline: Decimal | None = None) -> Evaluation:
    """``baseline``: last year's value for the target's period, which a target stated
    against last year is resolved with (for a full period it is ``prior``)."""
    return evaluate(
        baseline=baseline,
        value=value,
        target=target_spec(target),
        kind=MeasureKind(indicator.measure_kind),
        direction=Direction(indicator.direction),
        prior=prior,
        partial=partial,
        excess_mode=ExcessMode(indicator.excess_mode) if indicator.excess_mode else None,
        tolerance=indicator.tolerance,
    )


# --- Cache of evaluated tables, keyed by a data version --------------------------
# A cached result is reused only while the data it was computed from is unchanged:
# the key holds a fingerprint of every table read (counts, top ids, last update,
# history ids) taken in the same request, plus a counter bumped by every ORM write in
# this process (so a write rolled back and an id reused cannot revive an old entry).
# A write from another process changes the fingerprint; nothing can be stale.
_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 12  # a 300 indicators x 20 communes matrix holds ~10 MB
_LOCK = threading.Lock()
_generation = [0]


def _bump(**_kwargs) -> None:
    _generation[0] += 1


def evaluation_cache_clear() -> None:
    with _LOCK:
        _CACHE.clear()


_INDICATOR_FIELDS = ("id", "code", "name", "unit", "group_id", "order", "measure_kind", "direction", "aggregation",
                     "excess_mode", "tolerance", "decimals", "responsible_agency_id", "is_main", "synonyms")


def data_version(unit_ids: list[int], periods: list[str], target_periods: list[str]) -> tuple:
    """A cheap fingerprint of what an evaluation of these units and periods reads."""
    from ktxh.catalog.models import Agency
    from ktxh.data.workflow_models import Transition

    values = published_values().filter(org_unit_id__in=unit_ids, period__in=periods).aggregate(
        n=Count("id"), top=Max("id"), at=Max("updated_at"), ver=Sum("version"), total=Sum("value"))
    targets = Target.objects.filter(org_unit_id__in=unit_ids, period__in=target_periods).aggregate(
        n=Count("id"), top=Max("id"), total=Sum("value"), high=Sum("value_high"))
    target_edits = Target.history.filter(org_unit_id__in=unit_ids, period__in=target_periods).aggregate(
        h=Max("history_id"))
    # the catalogue is small (hundreds of rows) and may be edited by a queryset update
    # that leaves no history: its content is part of the fingerprint
    catalog = tuple(Indicator.objects.order_by().values_list(*_INDICATOR_FIELDS))
    small = (catalog, tuple(IndicatorGroup.objects.values_list("id", "code", "name", "order")),
             tuple(Agency.objects.values_list("id", "code", "name")),
             tuple(OrgUnit.objects.filter(pk__in=unit_ids).values_list(
                 "id", "code", "name", "parent_id", "valid_from", "valid_to")),
             Transition.objects.aggregate(h=Max("id"))["h"])
    return (_generation[0], tuple(values.values()), tuple(targets.values()), target_edits["h"],
            hash(repr(small)))


def cached(key: tuple, version: tuple, compute):
    """compute() once per (key, data version); the oldest entries are dropped first."""
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] == version:
            _CACHE.move_to_end(key)
            return hit[1]
    result = compute()
    with _LOCK:
        _CACHE[key] = (version, result)
        _CACHE.move_to_end(key)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return result


def evaluation_table(*, unit: OrgUnit, period: str, main_only: bool = True) -> Table:
    """The evaluated table of `unit` in `period` (see _evaluation_table), reused while
    its data is unchanged. Callers get their own Table (rows are shared: read-only)."""
    current = Period.parse(period)
    target_period = current.year_period() if current.is_year_to_date else current
    version = data_version([unit.pk], [current.code, current.same_period_last_year().code,
                                       target_period.same_period_last_year().code], [target_period.code])
    table = cached(("table", unit.pk, current.code, main_only), version,
                   lambda: _evaluation_table(unit=unit, period=period, main_only=main_only))
    out = Table(unit=table.unit, period=table.period, groups=[(g, list(rows)) for g, rows in table.groups],
                summary=table.summary, summary_sentence=table.summary_sentence)
    return out


def _evaluation_table(*, unit: OrgUnit, period: str, main_only: bool = True) -> Table:
    """Every indicator that has a target or a value for `unit` in `period` (or, for a
    part of a year, in that year), grouped, evaluated and summarised."""
    current = Period.parse(period)
    prior_period = current.same_period_last_year()
    # A year-to-date value (6 months, 9 months) is measured against the annual plan.
    target_period = current.year_period() if current.is_year_to_date else current
    partial = current.code != target_period.code

    targets = {t.indicator_id: t for t in Target.objects.filter(org_unit=unit, period=target_period.code)
               .select_related("legal_basis")}
    baseline_period = target_period.same_period_last_year()  # what "tăng 8% so với cùng kỳ" means
    values = _best_values(unit, [current.code, prior_period.code, baseline_period.code])
    indicator_ids = set(targets) | {ind for (ind, p) in values if p == current.code}
    indicators = Indicator.objects.filter(pk__in=indicator_ids).select_related("group", "responsible_agency")
    if main_only:
        indicators = indicators.filter(is_main=True)

    by_group: dict[int, list[Row]] = defaultdict(list)
    groups: dict[int, IndicatorGroup] = {}
    for indicator in indicators.order_by("group__order", "group__code", "order", "code"):
        value = values.get((indicator.pk, current.code))
        prior = values.get((indicator.pk, prior_period.code))
        target = targets.get(indicator.pk)
        baseline = values.get((indicator.pk, baseline_period.code))
        evaluation = evaluate_row(
            indicator, target, value.value if value else None, prior.value if prior else None, partial,
            baseline.value if baseline else None,
        )
        groups[indicator.group_id] = indicator.group
        by_group[indicator.group_id].append(
            Row(indicator, target, target_period.code if partial else None, value, prior, evaluation)
        )

    table = Table(unit=unit, period=current, groups=[(groups[g], by_group[g]) for g in by_group])
    table.summary = summarize(
        [(g.name, [(r.indicator.name, r.evaluation.status) for r in rows]) for g, rows in table.groups]
    )
    table.summary_sentence = summary_sentence_vi(table.summary)
    return table


def _watched_models() -> list:
    from ktxh.catalog.models import Agency, LegalBasis
    from ktxh.data.workflow_models import Submission, Transition

    return [DataValue, Target, Indicator, IndicatorGroup, OrgUnit, Agency, LegalBasis, Submission, Transition]


for _model in _watched_models():
    post_save.connect(_bump, sender=_model, dispatch_uid=f"evaluation-cache-{_model.__name__}")
    post_delete.connect(_bump, sender=_model, dispatch_uid=f"evaluation-cache-del-{_model.__name__}")
