"""The main-indicator evaluation table of one unit and period.

Gathers targets and values from the database and hands every figure to
`ktxh.engine.evaluate`; nothing here computes a percentage itself. The page, the
CLI, reports and the API all read this one table.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

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
from ktxh.engine.semantics import Comparator, Direction, ExcessMode, MeasureKind
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
    return TargetSpec(comparator=Comparator(target.comparator), value=target.value, high=target.value_high)


def evaluate_row(indicator: Indicator, target: Target | None, value: Decimal | None,
                 prior: Decimal | None, partial: bool) -> Evaluation:
    return evaluate(
        value=value,
        target=target_spec(target),
        kind=MeasureKind(indicator.measure_kind),
        direction=Direction(indicator.direction),
        prior=prior,
        partial=partial,
        excess_mode=ExcessMode(indicator.excess_mode) if indicator.excess_mode else None,
        tolerance=indicator.tolerance,
    )


def evaluation_table(*, unit: OrgUnit, period: str, main_only: bool = True) -> Table:
    """Every indicator that has a target or a value for `unit` in `period` (or, for a
    part of a year, in that year), grouped, evaluated and summarised."""
    current = Period.parse(period)
    prior_period = current.same_period_last_year()
    # A year-to-date value (6 months, 9 months) is measured against the annual plan.
    target_period = current.year_period() if current.is_year_to_date else current
    partial = current.code != target_period.code

    targets = {t.indicator_id: t for t in Target.objects.filter(org_unit=unit, period=target_period.code)
               .select_related("legal_basis")}
    values = _best_values(unit, [current.code, prior_period.code])
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
        evaluation = evaluate_row(
            indicator, target, value.value if value else None, prior.value if prior else None, partial
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
