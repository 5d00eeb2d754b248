"""An indicator, its target and its values -> the engine's inputs: the one place that
turns catalogue rows into `ktxh.engine.evaluate` arguments."""

from decimal import Decimal

from ktxh.catalog.models import Indicator, Target
from ktxh.engine.evaluate import Evaluation, TargetSpec, evaluate
from ktxh.engine.semantics import Comparator, Direction, ExcessMode, MeasureKind


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
