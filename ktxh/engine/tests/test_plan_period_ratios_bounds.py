"""The rules written once in the engine: which plan a period is judged against, % of
plan, and the hard limits of a stored value."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ktxh.engine.bounds import value_errors
from ktxh.engine.evaluate import TargetSpec, evaluate
from ktxh.engine.periods import Period
from ktxh.engine.ratios import excess_readings, pct_of_plan
from ktxh.engine.semantics import Comparator, Direction, MeasureKind


@pytest.mark.parametrize(("code", "plan", "share"), [
    ("2024-H1", "2024", True), ("2024-9M", "2024", True), ("2024-Q1", "2024", True), ("2024-01", "2024", True),
    ("2024", "2024", False), ("2024-H2", "2024-H2", False), ("2024-Q3", "2024-Q3", False),
    ("2021-2025", "2021-2025", False),
])
def test_a_year_to_date_period_is_judged_against_the_annual_plan(code, plan, share):
    period = Period.parse(code)
    assert period.plan_period().code == plan
    assert period.is_share_of_plan_period is share


def test_period_of_takes_a_period_or_its_code():
    period = Period.parse("2024-9M")
    assert Period.of(period) is period and Period.of("2024-9m") == period


def test_pct_of_plan_and_the_two_excess_readings():
    assert pct_of_plan(Decimal("36595.83"), Decimal("36440")).quantize(Decimal("0.000001")) == Decimal("100.427634")
    assert pct_of_plan(Decimal(5), Decimal(0)) is None and pct_of_plan(Decimal(5), None) is None
    relative, points = excess_readings(Decimal("43.9"), Decimal("43"))
    assert points == Decimal("0.9") and abs(relative - Decimal("2.093023")) < Decimal("0.000001")


@given(st.decimals(min_value=1, max_value=10**9, places=2), st.decimals(min_value=1, max_value=10**9, places=2))
def test_the_evaluation_reports_the_same_pct_of_plan(value, plan):
    ev = evaluate(value=value, target=TargetSpec(Comparator(">="), plan), kind=MeasureKind.LEVEL,
                  direction=Direction.UP)
    assert ev.pct_of_plan == pct_of_plan(value, plan)


@pytest.mark.parametrize(("value", "kind", "errors"), [
    ("100", "rate_pct", 0), ("100.5", "rate_pct", 1), ("1000", "rate_permille", 0), ("1001", "rate_permille", 1),
    ("-0.1", "level", 1), ("-0.1", "count_units", 1), ("-12", "growth_pct", 0), ("250", "growth_pct", 0),
    ("-3", "change_pp", 0), ("0.0000001", "level", 1), ("1234567890123456", "level", 1),
    ("123456789012345", "level", 0), ("NaN", "level", 1),
])
def test_the_hard_limits_of_a_value(value, kind, errors):
    assert len(value_errors(Decimal(value), measure_kind=kind, unit="%")) == errors
