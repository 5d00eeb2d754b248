"""An indicator, its target and its values -> the engine's inputs: the one place that
turns catalogue rows into `ktxh.engine` arguments (evaluate, project_year_end)."""

from decimal import Decimal

from ktxh.catalog.models import Indicator, Target
from ktxh.engine.evaluate import Evaluation, TargetSpec, evaluate
from ktxh.engine.periods import Period
from ktxh.engine.semantics import Comparator, Direction, ExcessMode, MeasureKind, TargetBasis


def target_spec(target: Target | None) -> TargetSpec | None:
    """A Target row (or anything with comparator, value, value_high) as the engine reads it."""
    if target is None:
        return None
    return TargetSpec(comparator=Comparator(target.comparator), value=target.value, high=target.value_high,
                      basis=TargetBasis(target.basis))


def indicator_inputs(indicator: Indicator) -> dict:
    """How the engine judges this indicator: measure kind, direction, excess mode, tolerance.
    Read once per indicator when many cells of it are judged (the commune matrix)."""
    return {
        "kind": MeasureKind(indicator.measure_kind),
        "direction": Direction(indicator.direction),
        "excess_mode": ExcessMode(indicator.excess_mode) if indicator.excess_mode else None,
        "tolerance": indicator.tolerance,
    }


def evaluate_row(indicator: Indicator, target, value: Decimal | None, prior: Decimal | None, period: Period,
                 *, inputs: dict | None = None, baseline: Decimal | None = None) -> Evaluation:
    """Judge one value of `period` against `target` (the plan of period.plan_period()):
    a year-to-date value is a partial share of the annual plan. ``baseline``: last year's
    value for the plan's period, which a target stated against last year is resolved with
    (for a full period it defaults to ``prior``)."""
    return evaluate(
        baseline=baseline,
        value=value,
        target=target_spec(target),
        prior=prior,
        partial=period.is_share_of_plan_period,
        **(inputs or indicator_inputs(indicator)),
    )
