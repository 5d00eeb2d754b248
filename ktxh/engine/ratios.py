"""The ratio of a value to its plan, in the one form every caller uses: the
evaluation (engine.evaluate) and the report-text checks (engine.text) alike."""

from __future__ import annotations

from decimal import Decimal, localcontext

PRECISION = 50  # significant digits for divisions; far beyond any display need
_HUNDRED = Decimal(100)


def pct_of_plan(value: Decimal, plan: Decimal | None) -> Decimal | None:
    """value / plan × 100 ("đạt X% kế hoạch"); None without a non-zero plan."""
    if plan is None or plan == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return value * _HUNDRED / plan


def excess_readings(value: Decimal, plan: Decimal) -> tuple[Decimal | None, Decimal]:
    """The two ways a report may state "vượt X so với kế hoạch": relative, in % of the
    plan (pct_of_plan - 100), and in points of the value's unit (value - plan)."""
    pct = pct_of_plan(value, plan)
    return (None if pct is None else pct - _HUNDRED), value - plan
