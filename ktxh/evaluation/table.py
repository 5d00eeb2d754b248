"""The main-indicator evaluation table of one unit and period.

Gathers targets and values from the database and hands every figure to
`ktxh.engine.evaluate`; nothing here computes a percentage itself. The page, the
CLI, reports and the API all read this one table.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from ktxh.catalog.models import Indicator, IndicatorGroup, Target
from ktxh.core.display import is_illustrative
from ktxh.engine.evaluate import (
    Evaluation,
    Summary,
    summarize,
    summary_sentence_vi,
)
from ktxh.engine.periods import Period
from ktxh.evaluation.adapter import evaluate_row
from ktxh.evaluation.cache import cached_evaluation, cached_evaluations
from ktxh.evaluation.carried import CarriedValue, Reach, unit_figures, unit_reach
from ktxh.orgunits.models import OrgUnit
from ktxh.values.models import DataValue
from ktxh.values.selectors import best_by, published_values


@dataclass
class Row:
    indicator: Indicator
    target: Target | None
    target_period: str | None   # the annual target's period when `period` is part of a year
    value: DataValue | CarriedValue | None   # a CarriedValue only when complete (it has a figure)
    prior: DataValue | CarriedValue | None
    evaluation: Evaluation
    # How a figure computed from other units was obtained, also when it is incomplete or a
    # break (then `value` is None): provenance for the page, the JSON and the report annex.
    carried: CarriedValue | None = None
    prior_carried: CarriedValue | None = None

    @property
    def illustrative(self) -> bool:
        """A figure of the row (value, last year's, target, or what a carried one was
        computed from) is a demo figure, not a published one: every reader of the row
        shows ILLUSTRATIVE_LABEL with it. The one place this is decided for a table."""
        return any(is_illustrative(f.source) for f in (self.value, self.prior, self.target, self.carried,
                                                          self.prior_carried) if f is not None)


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

    @property
    def illustrative(self) -> bool:
        return any(row.illustrative for row in self.rows)


def evaluation_table(*, unit: OrgUnit, period: Period | str, main_only: bool = True) -> Table:
    """The evaluated table of `unit` in `period` (see _evaluation_table), reused while
    its data is unchanged. Callers get their own Table (rows are shared: read-only)."""
    current = Period.of(period)
    # carried and rolled-up figures read other units' values and the lineage: they are part
    # of the key (read once here, and handed to the computation)
    reach = unit_reach(unit, _asked(current))
    table = cached_evaluation(("table", unit.pk, current.code, main_only), reach.ids, current,
                              lambda: _evaluation_table(unit=unit, current=current, main_only=main_only, reach=reach),
                              lineage=reach.lineage_version if reach.carries else None)
    return _copy(table)


def _copy(table: Table) -> Table:
    return Table(unit=table.unit, period=table.period, groups=[(g, list(rows)) for g, rows in table.groups],
                 summary=table.summary, summary_sentence=table.summary_sentence)


def evaluation_tables(*, units: list[OrgUnit], period: Period | str, main_only: bool = True) -> list[Table]:
    """evaluation_table of each of `units` (in their order), read together: one query each
    for the cache versions, the targets, the values and the indicators of all the units
    whose table is not cached, instead of four per unit (a report's 20 communes). A unit
    whose figures are carried or rolled up (docs/units.md) is read on its own."""
    current = Period.of(period)
    asked = _asked(current)
    reaches = {u.pk: unit_reach(u, asked) for u in units}  # no query for an ordinary unit and period
    plain = {u.pk: u for u in units if not reaches[u.pk].carries}
    found = cached_evaluations(
        {pk: ("table", pk, current.code, main_only) for pk in plain}, current,
        lambda stale: _evaluation_tables([plain[pk] for pk in stale], current, main_only))
    return [_copy(found[u.pk]) if u.pk in found else evaluation_table(unit=u, period=current, main_only=main_only)
            for u in units]


def _evaluation_tables(units: list[OrgUnit], current: Period, main_only: bool) -> dict[int, Table]:
    """_evaluation_table of ordinary units (own values only), from four queries in all."""
    ids = [u.pk for u in units]
    target_period = current.plan_period()
    targets: dict[int, dict] = {pk: {} for pk in ids}
    for t in Target.objects.filter(org_unit_id__in=ids, period=target_period.code).select_related("legal_basis"):
        targets[t.org_unit_id][t.indicator_id] = t
    values: dict[int, dict] = {pk: {} for pk in ids}
    rows = published_values().filter(org_unit_id__in=ids, period__in=[p.code for p in _asked(current)])
    for (unit_id, ind, code), row in best_by(((r.org_unit_id, r.indicator_id, r.period), r) for r in rows).items():
        values[unit_id][(ind, code)] = row
    wanted = {pk: set(targets[pk]) | {ind for (ind, p) in values[pk] if p == current.code} for pk in ids}
    indicators = _indicators(set().union(*wanted.values()), main_only)
    return {u.pk: _build(u, current, targets[u.pk], values[u.pk], [i for i in indicators if i.pk in wanted[u.pk]])
            for u in units}


def _indicators(ids: set[int], main_only: bool) -> list[Indicator]:
    indicators = Indicator.objects.filter(pk__in=ids).select_related("group", "responsible_agency")
    if main_only:
        indicators = indicators.filter(is_main=True)
    return list(indicators.order_by("group__order", "group__code", "order", "code"))


def _figure(found):
    """(value for evaluation, carried provenance): an incomplete carried figure is no value."""
    if getattr(found, "is_carried", False):
        return (found if found.value is not None else None), found
    return found, None


def _asked(current: Period) -> list[Period]:
    """The periods a table reads values of: the period, the same period last year, and
    the year before the plan's (what "tăng 8% so với cùng kỳ" is measured from)."""
    baseline = current.plan_period().same_period_last_year()
    return list({p.code: p for p in (current, current.same_period_last_year(), baseline)}.values())


def _evaluation_table(*, unit: OrgUnit, current: Period, main_only: bool = True, reach: Reach | None = None) -> Table:
    """Every indicator that has a target or a value for `unit` in `current` (or, for a
    part of a year, in that year), grouped, evaluated and summarised."""
    target_period = current.plan_period()
    targets = {t.indicator_id: t for t in Target.objects.filter(org_unit=unit, period=target_period.code)
               .select_related("legal_basis")}
    # own values, else carried / rolled up (only the indicators the table can show are carried)
    values = unit_figures(unit, _asked(current), main_only=main_only, reach=reach)
    indicator_ids = set(targets) | {ind for (ind, p) in values if p == current.code}
    return _build(unit, current, targets, values, _indicators(indicator_ids, main_only))


def _build(unit: OrgUnit, current: Period, targets: dict, values: dict, indicators: list[Indicator]) -> Table:
    """The table from what was read: targets by indicator, values by (indicator, period),
    the indicators in the table's order."""
    prior_period = current.same_period_last_year()
    # A year-to-date value (6 months, 9 months) is measured against the annual plan.
    target_period = current.plan_period()
    partial = current.is_share_of_plan_period
    baseline_period = target_period.same_period_last_year()  # what "tăng 8% so với cùng kỳ" means
    by_group: dict[int, list[Row]] = defaultdict(list)
    groups: dict[int, IndicatorGroup] = {}
    for indicator in indicators:
        value, carried = _figure(values.get((indicator.pk, current.code)))
        prior, prior_carried = _figure(values.get((indicator.pk, prior_period.code)))
        target = targets.get(indicator.pk)
        baseline, _ = _figure(values.get((indicator.pk, baseline_period.code)))
        evaluation = evaluate_row(
            indicator, target, value.value if value else None, prior.value if prior else None, current,
            baseline=baseline.value if baseline else None,
        )
        groups[indicator.group_id] = indicator.group
        by_group[indicator.group_id].append(
            Row(indicator, target, target_period.code if partial else None, value, prior, evaluation,
                carried, prior_carried)
        )

    table = Table(unit=unit, period=current, groups=[(groups[g], by_group[g]) for g in by_group])
    table.summary = summarize(
        [(g.name, [(r.indicator.name, r.evaluation.status) for r in rows]) for g, rows in table.groups]
    )
    table.summary_sentence = summary_sentence_vi(table.summary)
    return table
