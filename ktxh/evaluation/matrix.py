"""Indicators × communes of one unit and period, every cell judged by the engine.

A commune is judged against its own target when it has one; for indicators that are
not additive (rates, averages: aggregation other than sum/count) it is otherwise
judged against the parent unit's plan ("so với KH huyện"), because a commune's share
of a district total has no plan of its own. Values are fetched in a few bulk queries
(the benchmark holds this to a budget).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ktxh.catalog.models import Indicator, Target
from ktxh.core.display import is_illustrative
from ktxh.engine.aggregate import aggregate
from ktxh.engine.evaluate import Evaluation
from ktxh.engine.periods import Period
from ktxh.engine.semantics import Aggregation, Status
from ktxh.evaluation.adapter import evaluate_row, indicator_inputs
from ktxh.evaluation.cache import cached_evaluation, changed_units
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import children_for_period
from ktxh.values.models import DataValue
from ktxh.values.selectors import best_by, published_values

ADDITIVE = {Aggregation.SUM.value, Aggregation.COUNT_MEETING.value}


@dataclass
class Cell:
    unit: OrgUnit
    value: Fact | None
    target: Plan | None
    basis: str  # "own" (the commune's target), "parent" (the district's plan) or ""
    evaluation: Evaluation

    @property
    def illustrative(self) -> bool:
        """The cell's figure or target is a demo figure (core.display.is_illustrative)."""
        return any(is_illustrative(f.source) for f in (self.value, self.target) if f is not None)


@dataclass
class MatrixRow:
    indicator: Indicator
    cells: list[Cell]
    rolled_up: Decimal | None = None  # the communes aggregated by engine.aggregate
    cells_html: str | None = field(default=None, repr=False, compare=False)  # memo of matrix_cells

    @property
    def not_met(self) -> list[Cell]:
        return [c for c in self.cells if c.evaluation.status is Status.NOT_MET]

    @property
    def has_values(self) -> bool:
        return any(c.value is not None for c in self.cells)


@dataclass
class Matrix:
    unit: OrgUnit
    period: Period
    units: list[OrgUnit]
    rows: list[MatrixRow] = field(default_factory=list)


def child_units(unit: OrgUnit, period: Period) -> list[OrgUnit]:
    """Direct children in force at the end of the period (orgunits.selectors.children_for_period):
    a merged commune drops out, and old and new units never share a table."""
    return list(children_for_period(unit, period.end))


@dataclass(frozen=True)
class Fact:
    """A value as the dashboards need it, read without building model instances
    (a comparison page reads tens of thousands)."""

    value: Decimal
    kind: str
    source: str
    comment: str

    def get_kind_display(self) -> str:
        return str(dict(DataValue.Kind.choices)[self.kind])


@dataclass(frozen=True)
class Plan:
    """A target as evaluation.adapter.target_spec and display.target_text read it."""

    comparator: str
    value: Decimal | None
    value_high: Decimal | None
    is_derived: bool
    source: str
    basis: str = "absolute"  # or prior_pct / prior_points: value is a change from last year
    period: str = ""


def best_values(unit_ids, periods, indicator_ids=None) -> dict[tuple[int, int, str], Fact]:
    """(indicator, unit, period) -> the most authoritative value (revised > official > estimate)."""
    rows = published_values().filter(org_unit_id__in=unit_ids, period__in=periods)
    if indicator_ids is not None:
        rows = rows.filter(indicator_id__in=indicator_ids)
    return best_by(((ind, unit, period), Fact(value, kind, source, comment))
                   for ind, unit, period, kind, value, source, comment in rows.values_list(
                       "indicator_id", "org_unit_id", "period", "kind", "value", "source", "comment"))


def plans(unit_ids, period: str, indicator_ids=None) -> dict[tuple[int, int], Plan]:
    rows = Target.objects.filter(org_unit_id__in=unit_ids, period=period)
    if indicator_ids is not None:
        rows = rows.filter(indicator_id__in=indicator_ids)
    return {(ind, unit): Plan(comparator, value, high, derived, source, basis, period)
            for ind, unit, comparator, value, high, derived, source, basis in rows.values_list(
                "indicator_id", "org_unit_id", "comparator", "value", "value_high", "is_derived", "source", "basis")}


def roll_up(indicator: Indicator, values: list[Decimal | None]) -> Decimal | None:
    """Communes -> unit with engine.aggregate: sums add up; a per-commune average
    (weighted_mean) weighs every commune once; rates need their numerator and
    denominator indicators, which the matrix does not carry, so they stay empty."""
    method = Aggregation(indicator.aggregation)
    if method is Aggregation.SUM:
        return aggregate(method, values)
    if method is Aggregation.WEIGHTED_MEAN:
        return aggregate(method, values, weights=[Decimal(1)] * len(values))
    return None


def commune_matrix(*, unit: OrgUnit, period: Period | str, indicator_ids=None,
                   only_with_values: bool = True) -> Matrix:
    """The matrix, reused while its data is unchanged (evaluation.cache); the caller
    gets its own Matrix whose `rows` list it may filter or sort."""
    current = Period.of(period)
    units = child_units(unit, current)
    key = ("matrix", unit.pk, current.code, None if indicator_ids is None else tuple(sorted(indicator_ids)),
           only_with_values)
    matrix = cached_evaluation(key, [unit.pk, *(u.pk for u in units)], current,
                               lambda: _commune_matrix(unit=unit, current=current, indicator_ids=indicator_ids,
                                                       only_with_values=only_with_values),
                               update=lambda old, changed: _matrix_update(old, changed, indicator_ids=indicator_ids,
                                                                          only_with_values=only_with_values))
    return replace(matrix, rows=list(matrix.rows))


def _commune_matrix(*, unit: OrgUnit, current: Period, indicator_ids=None, only_with_values: bool = True) -> Matrix:
    target_period = current.plan_period()
    prior_code = current.same_period_last_year().code
    units = child_units(unit, current)
    matrix = Matrix(unit=unit, period=current, units=units)
    if not units:
        return matrix
    ids = [u.pk for u in units]
    baseline_code = target_period.same_period_last_year().code  # for targets stated against last year
    values = best_values(ids, [current.code, prior_code, baseline_code], indicator_ids)
    targets = plans([*ids, unit.pk], target_period.code, indicator_ids)
    wanted = {k[0] for k in values if k[2] == current.code}
    if not only_with_values:
        wanted |= {k[0] for k in targets}
    if indicator_ids is not None:
        wanted &= set(indicator_ids)
    by_indicator = defaultdict(list)
    indicators = Indicator.objects.filter(pk__in=wanted).select_related("group", "responsible_agency")
    for ind in indicators.order_by("group__order", "group__code", "order", "code"):
        inputs = indicator_inputs(ind)  # read once for its 20 communes
        for u in units:
            by_indicator[ind].append(_cell(ind, inputs, u, unit, values, targets, current, prior_code, baseline_code))
    for ind, cells in by_indicator.items():
        row = MatrixRow(ind, cells, roll_up(ind, [c.value.value if c.value else None for c in cells]))
        matrix.rows.append(row)
    return matrix


def commune_target(ind: Indicator, u: OrgUnit, unit: OrgUnit, targets: dict):
    """A commune's plan of `ind` and where it comes from: its own ("own"), else, for an
    indicator that does not add up over communes (a rate, an average), the parent's
    ("parent"); (None, "") when neither has one."""
    target = targets.get((ind.pk, u.pk))
    if target is not None:
        return target, "own"
    if ind.aggregation not in ADDITIVE:
        target = targets.get((ind.pk, unit.pk))
        if target is not None:
            return target, "parent"
    return None, ""


def _cell(ind: Indicator, inputs, u: OrgUnit, unit: OrgUnit, values, targets, current: Period,
          prior_code: str, baseline_code: str) -> Cell:
    value = values.get((ind.pk, u.pk, current.code))
    prior = values.get((ind.pk, u.pk, prior_code))
    target, basis = commune_target(ind, u, unit, targets)
    baseline = values.get((ind.pk, u.pk, baseline_code))  # for targets stated against last year
    ev = evaluate_row(ind, target, value.value if value else None, prior.value if prior else None,
                      current, inputs=inputs, baseline=baseline.value if baseline else None)
    return Cell(u, value, target, basis, ev)


def _matrix_update(old: Matrix, changed_keys: set[str], *, indicator_ids, only_with_values: bool) -> Matrix | None:
    """`old` with the cells of the communes whose values or targets moved evaluated again
    (the parent's plan and the catalogue did not): a clerk's value redoes 300 cells, not
    6.300. None when something else changed or the set of rows itself may change (a
    first value of an indicator, or its last one gone): the caller recomputes it all."""
    changed = changed_units(changed_keys, parent=old.unit.pk)
    if changed is None:
        return None
    current = old.period
    prior_code = current.same_period_last_year().code
    baseline_code = current.plan_period().same_period_last_year().code
    ids = [u.pk for u in old.units if u.pk in changed]
    values = best_values(ids, [current.code, prior_code, baseline_code], indicator_ids)
    targets = plans([*ids, old.unit.pk], current.plan_period().code, indicator_ids)
    present = {row.indicator.pk for row in old.rows}
    if any(k[0] not in present for k in values if k[2] == current.code):
        return None
    if not only_with_values and any(k[0] not in present for k in targets):
        return None
    rows = []
    for row in old.rows:
        inputs = indicator_inputs(row.indicator)
        cells = [_cell(row.indicator, inputs, c.unit, old.unit, values, targets, current, prior_code,
                       baseline_code)
                 if c.unit.pk in changed else c for c in row.cells]
        fresh = MatrixRow(row.indicator, cells, roll_up(row.indicator, [c.value.value if c.value else None
                                                                         for c in cells]))
        if only_with_values and not fresh.has_values:
            return None
        rows.append(fresh)
    return replace(old, rows=rows)
