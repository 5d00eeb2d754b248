"""Status rules, % of plan, excess, change and summary counting."""

from decimal import Decimal, localcontext

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ktxh.engine.evaluate import (
    Change,
    Evaluation,
    TargetSpec,
    evaluate,
    summarize,
    summary_sentence_vi,
)
from ktxh.engine.numbers import parse_quantity
from ktxh.engine.semantics import (
    Comparator,
    Direction,
    ExcessMode,
    MeasureKind,
    Status,
    default_excess_mode,
)

D = Decimal
GE, LE, EQ, RANGE, MAINTAIN = (Comparator.GE, Comparator.LE, Comparator.EQ, Comparator.RANGE,
                               Comparator.MAINTAIN)
UP, DOWN, NONE, BAND = Direction.UP, Direction.DOWN, Direction.NONE, Direction.BAND
LEVEL, RATE = MeasureKind.LEVEL, MeasureKind.RATE_PCT


def ev(value, comparator=GE, plan="100", kind=LEVEL, direction=UP, high=None, **kw):
    target = TargetSpec(comparator, D(plan) if plan is not None else None, D(high) if high else None)
    return evaluate(value=D(value) if value is not None else None, target=target, kind=kind,
                    direction=direction, **kw)


def test_a_missing_value_is_no_data_and_nothing_else_is_computed():
    assert ev(None, prior=D(5)) == Evaluation(Status.NO_DATA, None, None, None, None, None)


def test_a_missing_target_is_no_target_but_change_is_still_computed():
    e = evaluate(value=D(110), target=None, kind=LEVEL, direction=UP, prior=D(100))
    assert e.status is Status.NO_TARGET
    assert e.change == Change(abs=D(10), rel=D(10), pp=None)
    assert ev("110", plan=None).status is Status.NO_TARGET


@pytest.mark.parametrize("comparator", [GE, EQ, MAINTAIN])
@pytest.mark.parametrize(("value", "status"), [("101", Status.EXCEEDED), ("100", Status.MET),
                                                ("99", Status.NOT_MET)])
def test_for_higher_is_better_above_plan_is_exceeded_and_below_is_not_met(comparator, value, status):
    assert ev(value, comparator).status is status


@pytest.mark.parametrize("direction", [UP, DOWN, NONE, BAND])
@pytest.mark.parametrize(("value", "status"), [("99", Status.EXCEEDED), ("100", Status.MET),
                                                ("101", Status.NOT_MET)])
def test_a_ceiling_is_exceeded_by_staying_below_it_whatever_the_direction(direction, value, status):
    assert ev(value, LE, direction=direction).status is status


@pytest.mark.parametrize("comparator", [GE, EQ, MAINTAIN])
def test_any_comparator_with_lower_is_better_is_exceeded_below_plan(comparator):
    assert ev("99", comparator, direction=DOWN).status is Status.EXCEEDED
    assert ev("101", comparator, direction=DOWN).status is Status.NOT_MET


@pytest.mark.parametrize("comparator", [EQ, MAINTAIN])
@pytest.mark.parametrize("direction", [NONE, BAND])
def test_without_a_better_side_only_equality_meets_the_plan(comparator, direction):
    assert ev("100", comparator, direction=direction).status is Status.MET
    assert ev("101", comparator, direction=direction).status is Status.NOT_MET
    assert ev("99", comparator, direction=direction).status is Status.NOT_MET
    assert ev("101", comparator, direction=direction).excess == D("-1")


def test_trên_with_no_declared_direction_is_still_judged_higher_is_better():
    assert ev("101", GE, direction=NONE).status is Status.EXCEEDED


def test_a_value_within_tolerance_of_the_plan_is_met():
    assert ev("100.4", tolerance=D("0.5")).status is Status.MET
    assert ev("99.6", tolerance=D("0.5")).status is Status.MET
    assert ev("99.4", tolerance=D("0.5")).status is Status.NOT_MET


def test_a_negative_tolerance_is_rejected():
    with pytest.raises(ValueError):
        ev("100", tolerance=D("-1"))


@pytest.mark.parametrize(
    ("value", "direction", "status", "excess"),
    [
        ("400", UP, Status.MET, D(0)),
        ("300", UP, Status.MET, D(0)),
        ("550", UP, Status.EXCEEDED, D(50)),
        ("250", UP, Status.NOT_MET, D(-50)),
        ("250", DOWN, Status.EXCEEDED, D(50)),
        ("550", DOWN, Status.NOT_MET, D(-50)),
        ("550", BAND, Status.NOT_MET, D(-50)),
        ("250", BAND, Status.NOT_MET, D(-50)),
    ],
)
def test_a_range_is_met_inside_and_exceeded_only_beyond_the_better_bound(value, direction, status, excess):
    e = ev(value, RANGE, plan="300", high="500", direction=direction, excess_mode=ExcessMode.POINTS)
    assert (e.status, e.excess, e.pct_of_plan) == (status, excess, None)


def test_a_range_missing_a_bound_has_no_target():
    assert ev("400", RANGE, plan="300", high=None).status is Status.NO_TARGET


def test_relative_excess_is_in_percent_of_the_crossed_range_bound():
    assert ev("550", RANGE, plan="300", high="500").excess == D(10)


def test_a_partial_period_flow_is_in_progress_with_progress_but_no_excess():
    e = ev("40", partial=True)
    assert (e.status, e.pct_of_plan, e.progress, e.excess, e.excess_unit) == (
        Status.IN_PROGRESS, D(40), D(40), None, None)


def test_a_partial_period_rate_is_in_progress_but_keeps_its_point_excess():
    e = ev("95", kind=RATE, partial=True)
    assert (e.status, e.excess, e.excess_unit) == (Status.IN_PROGRESS, D(-5), "pp")


def test_a_zero_plan_gives_no_percent_of_plan_and_no_relative_excess():
    e = ev("3", plan="0")
    assert (e.status, e.pct_of_plan, e.excess, e.excess_unit) == (Status.EXCEEDED, None, None, None)
    e = ev("3", plan="0", kind=RATE)
    assert (e.pct_of_plan, e.excess, e.excess_unit) == (None, D(3), "pp")


def test_change_is_relative_for_levels_and_in_points_for_rates():
    assert ev("110", prior=D(100)).change == Change(D(10), D(10), None)
    assert ev("110", prior=D(0)).change == Change(D(110), None, None)
    assert ev("44.72", kind=RATE, direction=DOWN, prior=D("52.00")).change == Change(
        D("-7.28"), None, D("-7.28"), "pp")


def test_default_excess_mode_is_relative_for_levels_and_counts_and_points_otherwise():
    assert default_excess_mode(MeasureKind.LEVEL) is ExcessMode.RELATIVE
    assert default_excess_mode(MeasureKind.COUNT_UNITS) is ExcessMode.RELATIVE
    for kind in (MeasureKind.RATE_PCT, MeasureKind.RATE_PERMILLE, MeasureKind.CHANGE_PP,
                 MeasureKind.GROWTH_PCT):
        assert default_excess_mode(kind) is ExcessMode.POINTS


def test_an_explicit_excess_mode_overrides_the_default():
    e = ev("57.3", plan="54.2", kind=RATE, excess_mode=ExcessMode.RELATIVE)
    assert e.excess_unit == "%"
    assert round(e.excess, 2) == D("5.72")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", EQ), ("=", EQ), ("đạt", EQ), (">=", GE), ("≥", GE), ("ít nhất", GE), ("tối thiểu", GE),
     ("từ … trở lên", GE), (">", Comparator.GT), ("trên", Comparator.GT), ("hơn", Comparator.GT),
     ("<=", LE), ("≤", LE), ("không quá", LE), ("tối đa", LE), ("<", Comparator.LT),
     ("dưới", Comparator.LT), ("Còn dưới", Comparator.LT), ("range", RANGE), ("maintain", MAINTAIN),
     ("Duy trì", MAINTAIN)],
)
def test_comparator_from_text_keeps_strict_operators_apart_from_inclusive_ones(text, expected):
    assert Comparator.from_text(text) is expected


def test_an_unknown_comparator_text_is_rejected():
    with pytest.raises(ValueError):
        Comparator.from_text("gấp đôi")


def test_a_target_spec_can_be_built_from_a_parsed_quantity():
    assert TargetSpec.from_quantity(parse_quantity(">17600")) == TargetSpec(Comparator.GT, D(17600))
    assert TargetSpec.from_quantity(parse_quantity("dưới 30%")) == TargetSpec(Comparator.LT, D(30))
    assert TargetSpec.from_quantity(parse_quantity("300-500ha")) == TargetSpec(RANGE, D(300), D(500))
    assert TargetSpec.from_quantity(parse_quantity("37 nghìn lượt")).value == D(37000)


def test_every_status_has_a_vietnamese_label_and_only_met_or_exceeded_are_achieved():
    labels = {s: s.label_vi for s in Status}
    assert labels[Status.EXCEEDED] == "vượt" and labels[Status.NOT_MET] == "không đạt"
    assert {s for s in Status if s.is_achieved} == {Status.EXCEEDED, Status.MET}


# ------------------------------------------------------------------ summaries


def test_a_group_is_achieved_only_when_all_its_evaluable_components_are():
    s = summarize([
        ("Kinh tế", [("A", Status.EXCEEDED), ("B", Status.MET)]),
        ("Nông nghiệp", [("Sản lượng", Status.MET), ("Tỷ lệ che phủ rừng", Status.NOT_MET)]),
        ("Trống", [("C", Status.NO_DATA), ("D", Status.NO_TARGET)]),
        ("Giữa năm", [("E", Status.IN_PROGRESS), ("F", Status.MET)]),
    ])
    assert (s.groups_total, s.groups_achieved, s.groups_not_met) == (3, 2, 1)
    assert (s.components_total, s.components_achieved, s.components_not_met) == (5, 4, 1)
    assert s.not_met_names == ("Tỷ lệ che phủ rừng",)
    assert (s.components_no_data, s.components_no_target, s.components_in_progress) == (1, 1, 1)


def test_the_summary_sentence_omits_not_met_clauses_when_everything_is_achieved():
    s = summarize([("G", [("A", Status.MET), ("B", Status.EXCEEDED)])])
    assert summary_sentence_vi(s) == (
        "01/01 nhóm chỉ tiêu chủ yếu đạt và vượt. 02/02 chỉ tiêu thành phần đạt và vượt.")


def test_the_summary_sentence_of_nothing_evaluable_is_empty():
    assert summary_sentence_vi(summarize([("G", [("A", Status.NO_DATA)])])) == ""


# ------------------------------------------------------------------ properties

amounts = st.decimals(min_value=D("-1000000"), max_value=D("1000000"), places=4,
                      allow_nan=False, allow_infinity=False)
plans = amounts.filter(lambda d: d != 0)
kinds = st.sampled_from(list(MeasureKind))
modes = st.sampled_from(list(ExcessMode))


@given(amounts, plans, kinds, modes, st.sampled_from([GE, EQ, MAINTAIN]))
def test_for_higher_is_better_the_excess_is_positive_exactly_when_the_value_is_above_plan(
        value, plan, kind, mode, comparator):
    e = evaluate(value=value, target=TargetSpec(comparator, plan), kind=kind, direction=UP,
                 excess_mode=mode)
    assert (value > plan) == (e.excess > 0)


@given(amounts, plans, kinds, modes, st.sampled_from([GE, LE, EQ, MAINTAIN]))
def test_for_lower_is_better_the_excess_is_positive_exactly_when_the_value_is_below_plan(
        value, plan, kind, mode, comparator):
    e = evaluate(value=value, target=TargetSpec(comparator, plan), kind=kind, direction=DOWN,
                 excess_mode=mode)
    assert (value < plan) == (e.excess > 0)


@given(amounts, plans, kinds, modes, st.sampled_from(list(Comparator)),
       st.sampled_from(list(Direction)), amounts)
def test_exceeded_exactly_when_the_excess_is_positive(value, plan, kind, mode, comparator, direction, high):
    assume(comparator is not RANGE or high >= plan)
    target = TargetSpec(comparator, plan, high if comparator is RANGE else None)
    e = evaluate(value=value, target=target, kind=kind, direction=direction, excess_mode=mode)
    assume(e.excess is not None)  # relative excess against a zero range bound
    assert (e.status is Status.EXCEEDED) == (e.excess > 0)
    assert (e.status is Status.MET) <= (e.excess == 0 or comparator is not RANGE)


positive_plans = plans.filter(lambda d: d > 0)


@given(positive_plans, st.decimals(min_value=D("-500"), max_value=D("500"), places=2, allow_nan=False,
                                   allow_infinity=False))
def test_percent_of_plan_times_plan_over_100_is_the_value_exactly(plan, pct):
    with localcontext() as ctx:
        ctx.prec = 60
        value = pct * plan / 100  # exact by construction
    e = evaluate(value=value, target=TargetSpec(GE, plan), kind=LEVEL, direction=UP)
    assert e.pct_of_plan == pct
    with localcontext() as ctx:
        ctx.prec = 60
        assert e.pct_of_plan * plan / 100 == value


@given(amounts, positive_plans)
def test_percent_of_plan_round_trips_to_the_value_within_fifty_digit_precision(value, plan):
    e = evaluate(value=value, target=TargetSpec(GE, plan), kind=LEVEL, direction=UP)
    with localcontext() as ctx:
        ctx.prec = 60
        back = e.pct_of_plan * plan / 100
        assert abs(back - value) <= abs(value) * D("1e-45") + D("1e-45")
