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
from ktxh.evaluation.cache import cached_evaluation
from ktxh.evaluation.carried import CarriedValue, Reach, unit_figures, unit_reach
from ktxh.orgunits.models import OrgUnit
from ktxh.values.models import DataValue


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
    out = Table(unit=table.unit, period=table.period, groups=[(g, list(rows)) for g, rows in table.groups],
                summary=table.summary, summary_sentence=table.summary_sentence)
    return out


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
    prior_period = current.same_period_last_year()
    # A year-to-date value (6 months, 9 months) is measured against the annual plan.
    target_period = current.plan_period()
    partial = current.is_share_of_plan_period

    targets = {t.indicator_id: t for t in Target.objects.filter(org_unit=unit, period=target_period.code)
               .select_related("legal_basis")}
    baseline_period = target_period.same_period_last_year()  # what "tăng 8% so với cùng kỳ" means
    # own values, else carried / rolled up (only the indicators the table can show are carried)
    values = unit_figures(unit, _asked(current), main_only=main_only, reach=reach)
    indicator_ids = set(targets) | {ind for (ind, p) in values if p == current.code}
    indicators = Indicator.objects.filter(pk__in=indicator_ids).select_related("group", "responsible_agency")
    if main_only:
        indicators = indicators.filter(is_main=True)

    by_group: dict[int, list[Row]] = defaultdict(list)
    groups: dict[int, IndicatorGroup] = {}
    for indicator in indicators.order_by("group__order", "group__code", "order", "code"):
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
