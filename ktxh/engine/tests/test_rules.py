"""The pure rule evaluator: cases that must fire, cases that must not, and properties."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ktxh.engine.evaluate import TargetSpec
from ktxh.engine.periods import Period, previous_period
from ktxh.engine.progress import project_year_end
from ktxh.engine.rules import (
    Ref,
    RuleError,
    RuleSpec,
    check_rule,
    check_stated_percent,
    expression_refs,
    parse_expression,
    stated_percent_of_plan,
)
from ktxh.engine.semantics import Comparator, Direction, MeasureKind, Status


def resolver(values):
    return lambda ref: values.get((ref.func, ref.code))


def fires(rule, values, indicator=None):
    return check_rule(rule, resolver(values), indicator) is not None


GRAIN = RuleSpec("LT", "Lương thực = lúa + ngô", "[LT]", "=", "[LUA] + [NGO]", tolerance=D("0.01"))


def test_a_total_equal_to_the_sum_of_its_parts_does_not_fire():
    assert not fires(GRAIN, {("value", "LT"): D("36595.83"), ("value", "LUA"): D("30000"),
                             ("value", "NGO"): D("6595.83")})


def test_a_total_that_differs_from_the_sum_of_its_parts_fires_with_both_sides():
    finding = check_rule(GRAIN, resolver({("value", "LT"): D("36595.83"), ("value", "LUA"): D("30000"),
                                          ("value", "NGO"): D("6000")}))
    assert finding is not None
    assert finding.left == D("36595.83") and finding.right == D("36000")


def test_a_missing_part_leaves_the_rule_unjudged():
    assert not fires(GRAIN, {("value", "LT"): D("1"), ("value", "LUA"): D("5")})


def test_a_part_larger_than_its_whole_fires():
    rule = RuleSpec("P", "phần ≤ tổng", "[NGO]", "<=", "[LT]")
    assert fires(rule, {("value", "NGO"): D("7"), ("value", "LT"): D("6")})
    assert not fires(rule, {("value", "NGO"): D("6"), ("value", "LT"): D("6")})


@pytest.mark.parametrize("value, bad", [("0", False), ("100", False), ("44,3", False),
                                        ("100,01", True), ("-0,5", True), ("101", True)])
def test_a_rate_must_stay_within_0_and_100(value, bad):
    from ktxh.engine.numbers import parse_number

    rule = RuleSpec("R", "0–100", "$", "between", "0 .. 100")
    assert fires(rule, {("value", "02.05"): parse_number(value)}, "02.05") is bad


def test_a_count_of_communes_cannot_exceed_the_communes_that_exist():
    rule = RuleSpec("C", "số xã", "$", "<=", "units(commune)")
    assert fires(rule, {("value", "02.06"): D(17), ("units", "commune"): D(16)}, "02.06")
    assert not fires(rule, {("value", "02.06"): D(16), ("units", "commune"): D(16)}, "02.06")


@pytest.mark.parametrize("now, before, bad", [(29000000, 29000, True), (29, 29000, True),
                                              (36595, 36440, False), (300, 1, False), (0, 5, False)])
def test_a_jump_by_a_factor_of_about_a_thousand_fires(now, before, bad):
    rule = RuleSpec("J", "đột biến", "$", "jump", "prev[$]", factor=D(500))
    assert fires(rule, {("value", "X"): D(now), ("prev", "X"): D(before)}, "X") is bad


def test_a_rate_recomputed_from_counts_uses_exact_decimals():
    rule = RuleSpec("NTM", "tỷ lệ xã NTM", "[02.08]", "=", "100 * [02.06] / units(commune)",
                    tolerance=D("0.01"))
    values = {("value", "02.08"): D(25), ("value", "02.06"): D(4), ("units", "commune"): D(16)}
    assert not fires(rule, values)
    assert fires(rule, {**values, ("value", "02.08"): D("25.5")})


def test_a_division_by_zero_leaves_the_rule_unjudged():
    rule = RuleSpec("Z", "z", "[A]", "=", "[B] / [C]")
    assert not fires(rule, {("value", "A"): D(1), ("value", "B"): D(1), ("value", "C"): D(0)})


def test_expressions_name_every_reference_they_need():
    tree = parse_expression("100 * children[02.06] / units(any) - plan[$] + prev[02.07] + (0,5)")
    assert expression_refs(tree) == [Ref("children", "02.06"), Ref("units", "any"), Ref("plan", "$"),
                                     Ref("prev", "02.07")]


@pytest.mark.parametrize("text", ["", "[A] +", "[A] ? [B]", "((1)", "units(village)", "36595.83", "1 2"])
def test_unreadable_expressions_are_rejected_in_vietnamese(text):
    with pytest.raises(RuleError):
        parse_expression(text)


@pytest.mark.parametrize("op, right", [("≈", "1"), ("between", "1"), ("jump", "1")])
def test_unreadable_rules_are_rejected(op, right):
    rule = RuleSpec("X", "x", "[A]", op, right, factor=D(1))
    with pytest.raises(RuleError):
        rule.parsed()


def test_a_dollar_rule_needs_an_indicator():
    with pytest.raises(RuleError):
        check_rule(RuleSpec("R", "r", "$", ">=", "0"), resolver({}))


amounts = st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)


@given(amounts, amounts)
def test_equality_fires_exactly_when_the_sides_differ(a, b):
    rule = RuleSpec("E", "e", "[A]", "=", "[B]")
    assert fires(rule, {("value", "A"): a, ("value", "B"): b}) is (a != b)


@given(amounts, amounts)
def test_at_most_and_at_least_never_both_fire(a, b):
    le = RuleSpec("LE", "le", "[A]", "<=", "[B]")
    ge = RuleSpec("GE", "ge", "[A]", ">=", "[B]")
    values = {("value", "A"): a, ("value", "B"): b}
    assert not (fires(le, values) and fires(ge, values))


@given(st.decimals(min_value=D("0.001"), max_value=10**6, places=3), st.integers(min_value=2, max_value=10**4))
def test_the_jump_rule_is_symmetric(a, k):
    rule = RuleSpec("J", "j", "[A]", "jump", "[B]", factor=D(1000))
    up = fires(rule, {("value", "A"): a * k, ("value", "B"): a})
    down = fires(rule, {("value", "A"): a, ("value", "B"): a * k})
    assert up is down is (k >= 1000)


@pytest.mark.parametrize("code, previous", [("2024-09", "2024-08"), ("2024-01", "2023-12"),
                                            ("2024-Q1", "2023-Q4"), ("2024-H2", "2024-H1"),
                                            ("2024-H1", "2023-H1"), ("2024", "2023"), ("2024-9M", "2023-9M")])
def test_the_previous_period(code, previous):
    assert previous_period(Period.parse(code)).code == previous


def test_a_stated_percent_of_plan_is_read_from_report_text():
    assert stated_percent_of_plan("36.595,83 tấn /36.440 tấn đạt 100,43% kế hoạch") == (D("100.43"), 2)
    assert stated_percent_of_plan("'đạt 38,92% kế hoạch năm'") == (D("38.92"), 2)
    assert stated_percent_of_plan("bằng 12,12% KH") == (D("12.12"), 2)
    assert stated_percent_of_plan("đạt 124,2% so với dự toán HĐND tỉnh") is None
    assert stated_percent_of_plan("") is None


def test_a_stated_percent_matches_when_it_is_the_computed_one_rounded():
    assert check_stated_percent(D("100.43"), 2, D("36595.83") * 100 / D("36440"))
    assert not check_stated_percent(D("38.92"), 2, D("1.95") * 100 / D("5"))
    assert check_stated_percent(D("100"), 0, D("70.59") * 100 / D("70.6"))
    assert check_stated_percent(D("99"), 0, None)


def test_a_six_month_flow_is_projected_with_last_years_shape():
    # 001: grain H1 2024 4.376,59 t; H1 2023 4.136,3 t, year 2023 36.595,83 t; plan 2024 36.100 t.
    p = project_year_end(period=Period.parse("2024-H1"), value=D("4376.59"),
                         target=TargetSpec(Comparator.EQ, D("36100")), kind=MeasureKind.LEVEL,
                         direction=Direction.UP, last_year_same_period=D("4136.3"),
                         last_year_annual=D("36595.83"), is_flow=True)
    assert p.method == "seasonal" and not p.at_risk
    assert round(p.value, 2) == D("38721.79")


def test_without_history_a_flow_is_projected_linearly_and_can_be_at_risk():
    p = project_year_end(period=Period.parse("2024-H1"), value=D("1.95"),
                         target=TargetSpec(Comparator.EQ, D("5")), kind=MeasureKind.LEVEL,
                         direction=Direction.UP, is_flow=True)
    assert p.method == "linear" and p.value == D("3.9") and p.at_risk
    assert p.evaluation.status is Status.NOT_MET


def test_a_rate_is_projected_as_it_stands():
    p = project_year_end(period=Period.parse("2024-9M"), value=D("16"),
                         target=TargetSpec(Comparator.LE, D("16")), kind=MeasureKind.RATE_PCT,
                         direction=Direction.DOWN)
    assert p.method == "as_is" and p.value == D("16") and not p.at_risk


def test_a_stock_is_projected_as_it_stands():
    p = project_year_end(period=Period.parse("2024-H1"), value=D("4"),
                         target=TargetSpec(Comparator.MAINTAIN, D("4")), kind=MeasureKind.COUNT_UNITS,
                         direction=Direction.UP, is_flow=False)
    assert p.method == "stock" and p.value == D("4") and not p.at_risk
    assert "tỷ lệ" not in p.method_label  # a count of communes is not a rate


def test_a_stock_quantity_such_as_tea_area_is_never_extrapolated():
    # 001: tea area 754,2 ha at H1 2024; a linear projection would print 1.508,40 ha (187,57 % KH)
    p = project_year_end(period=Period.parse("2024-H1"), value=D("754.2"),
                         target=TargetSpec(Comparator.EQ, D("804.2")), kind=MeasureKind.LEVEL,
                         direction=Direction.UP)
    assert p.method == "stock" and p.value == D("754.2")
