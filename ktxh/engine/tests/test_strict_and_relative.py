"""Strict bounds, targets stated against last year, where % of plan is shown,
per-mille changes and negative zero (docs/evaluation.md §1-§3)."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ktxh.engine.evaluate import TargetSpec, evaluate, summarize
from ktxh.engine.numbers import NumberFormatError, json_number
from ktxh.engine.semantics import (
    Comparator,
    Direction,
    ExcessMode,
    MeasureKind,
    Status,
    TargetBasis,
    shows_pct_of_plan,
)
from ktxh.engine.targets import parse_target, relative_target_vi, target_words_vi

D = Decimal
GT, LT, GE, LE, EQ = Comparator.GT, Comparator.LT, Comparator.GE, Comparator.LE, Comparator.EQ
PCT, PTS = TargetBasis.PRIOR_PCT, TargetBasis.PRIOR_POINTS

amounts = st.decimals(min_value=D("-100000"), max_value=D("100000"), places=3,
                      allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=D("0.001"), max_value=D("100000"), places=3,
                       allow_nan=False, allow_infinity=False)
kinds = st.sampled_from(list(MeasureKind))
modes = st.sampled_from(list(ExcessMode))
directions = st.sampled_from(list(Direction))
tolerances = st.decimals(min_value=D(0), max_value=D(10), places=2, allow_nan=False, allow_infinity=False)


# ------------------------------------------------------------------ strict bounds

@given(amounts, amounts, kinds, modes, directions)
def test_at_a_strict_bound_the_target_is_not_met_and_the_excess_is_zero(plan, _v, kind, mode, direction):
    for comparator in (GT, LT):
        e = evaluate(value=plan, target=TargetSpec(comparator, plan), kind=kind, direction=direction,
                     excess_mode=mode)
        assert e.status is Status.NOT_MET
        assert e.excess is None or (e.excess == 0 and not e.excess.is_signed())


@given(amounts, amounts, kinds, modes, directions, tolerances)
def test_a_strict_bound_is_met_only_strictly_on_its_side(value, plan, kind, mode, direction, tol):
    above = evaluate(value=value, target=TargetSpec(GT, plan), kind=kind, direction=direction,
                     excess_mode=mode, tolerance=tol)
    below = evaluate(value=value, target=TargetSpec(LT, plan), kind=kind, direction=direction,
                     excess_mode=mode, tolerance=tol)
    assert above.status.is_achieved == (value > plan)
    assert below.status.is_achieved == (value < plan)


@given(amounts, amounts, kinds, modes, directions)
def test_strict_and_inclusive_bounds_agree_everywhere_but_at_the_bound(value, plan, kind, mode, direction):
    assume(value != plan)
    for strict, inclusive in ((GT, GE), (LT, LE)):
        if inclusive is GE and direction is Direction.DOWN:
            continue  # "≥" yields to a declared "down"; a strict bound never does
        s = evaluate(value=value, target=TargetSpec(strict, plan), kind=kind, direction=direction,
                     excess_mode=mode)
        i = evaluate(value=value, target=TargetSpec(inclusive, plan), kind=kind, direction=direction,
                     excess_mode=mode)
        assert (s.status, s.excess, s.pct_of_plan) == (i.status, i.excess, i.pct_of_plan)


@given(amounts, amounts, kinds, modes, st.sampled_from([GT, LT]), directions)
def test_with_a_strict_bound_exceeded_exactly_when_the_excess_is_positive(value, plan, kind, mode, cmp,
                                                                             direction):
    e = evaluate(value=value, target=TargetSpec(cmp, plan), kind=kind, direction=direction,
                 excess_mode=mode)
    assume(e.excess is not None)
    assert (e.status is Status.EXCEEDED) == (e.excess > 0)


def test_a_poverty_rate_of_exactly_30_percent_does_not_meet_under_30_percent():
    # 004: "Tỷ lệ hộ nghèo đến năm 2025 còn dưới 30%".
    e = evaluate(value=D(30), target=parse_target("còn dưới 30%"), kind=MeasureKind.RATE_PCT,
                 direction=Direction.DOWN)
    assert (e.status, e.excess, e.excess_unit) == (Status.NOT_MET, D(0), "pp")
    assert json_number(e.excess) == "0"


# ------------------------------------------------------------------ relative targets

@given(positive, st.decimals(min_value=D("-99"), max_value=D("500"), places=2, allow_nan=False,
                             allow_infinity=False), kinds)
def test_a_relative_percent_target_resolves_to_prior_times_one_plus_the_rate(prior, pct, kind):
    spec = TargetSpec(GE, pct, basis=PCT)
    assert spec.resolve(prior).value == prior * (1 + pct / 100)
    e = evaluate(value=prior * (1 + pct / 100), target=spec, kind=kind, direction=Direction.UP,
                 prior=prior)
    assert e.status is Status.MET and e.plan == prior * (1 + pct / 100)


@given(amounts, amounts, amounts, kinds, modes, st.sampled_from([GE, GT, LE, LT, EQ]), directions)
def test_a_points_target_judges_like_the_absolute_target_prior_plus_delta(value, prior, delta, kind, mode,
                                                                          cmp, direction):
    relative = evaluate(value=value, target=TargetSpec(cmp, delta, basis=PTS), kind=kind,
                        direction=direction, prior=prior, excess_mode=mode)
    absolute = evaluate(value=value, target=TargetSpec(cmp, prior + delta), kind=kind,
                        direction=direction, prior=prior, excess_mode=mode)
    assert relative == absolute


@given(amounts, amounts, kinds, st.sampled_from([PCT, PTS]))
def test_a_relative_target_without_last_years_value_is_not_judged(value, delta, kind, basis):
    e = evaluate(value=value, target=TargetSpec(GE, delta, basis=basis), kind=kind,
                 direction=Direction.UP)
    assert e.status is Status.NO_PRIOR and e.status.label_vi == "chưa đủ số liệu năm trước"
    assert (e.pct_of_plan, e.excess, e.plan) == (None, None, None)
    assert not e.status.is_evaluable


def test_a_partial_period_resolves_against_last_years_whole_year_not_its_part():
    spec = TargetSpec(GE, D(10), basis=PCT)  # "tăng 10%" for the year
    e = evaluate(value=D(20000), target=spec, kind=MeasureKind.LEVEL, direction=Direction.UP,
                 prior=D(15000), partial=True, baseline=D(37000))
    assert e.status is Status.IN_PROGRESS and e.plan == D(40700)
    no_base = evaluate(value=D(20000), target=spec, kind=MeasureKind.LEVEL, direction=Direction.UP,
                       prior=D(15000), partial=True)
    assert no_base.status is Status.NO_PRIOR


def test_no_prior_is_counted_apart_in_the_summary():
    s = summarize([("G", [("A", Status.NO_PRIOR), ("B", Status.MET)])])
    assert (s.components_total, s.components_no_prior) == (1, 1)


@pytest.mark.parametrize(("text", "expected"), [
    ("tăng 8% so với cùng kỳ", TargetSpec(EQ, D(8), basis=PCT)),
    ("tăng 0,5 điểm % so với năm 2023", TargetSpec(EQ, D("0.5"), basis=PTS)),
    ("giảm 5,43 điểm %", TargetSpec(EQ, D("-5.43"), basis=PTS)),
    ("giảm trên 5%", TargetSpec(LT, D(-5), basis=PCT)),
    ("tăng ít nhất 500 tấn so với cùng kỳ năm trước", TargetSpec(GE, D(500), basis=PTS)),
    ("giảm 0,5 điểm phần nghìn", TargetSpec(EQ, D("-0.5"), basis=PTS)),
    ("dưới 30%", TargetSpec(LT, D(30))),
    ("Trên 93%", TargetSpec(GT, D(93))),
    ("trên 250 lao động", TargetSpec(GT, D(250))),
    ("không quá 18%", TargetSpec(LE, D(18))),
    ("từ 15 trở lên", TargetSpec(GE, D(15))),
])
def test_targets_are_read_as_people_write_them(text, expected):
    assert parse_target(text) == expected


@pytest.mark.parametrize("text", ["tăng 8% so với tỉnh", "tăng", "giảm 120%", "tăng duy trì 5%"])
def test_unreadable_relative_targets_are_refused(text):
    with pytest.raises(NumberFormatError):
        parse_target(text)


def test_a_bare_percent_change_of_a_rate_is_refused_as_ambiguous():
    # 002: "92%, tăng 2,2% so với năm 2022" can be read two ways (domain.md §4).
    with pytest.raises(NumberFormatError, match="điểm %"):
        parse_target("tăng 2%", kind=MeasureKind.RATE_PCT)
    assert parse_target("tăng 2 điểm %", kind=MeasureKind.RATE_PCT).basis is PTS


@given(st.sampled_from(["tăng 8%", "giảm 5,43 điểm %", "giảm trên 5%", "tăng ít nhất 500 tấn",
                        "tăng 5-8%", "giảm không quá 2 điểm %"]))
def test_a_relative_target_is_written_back_the_way_it_was_read(text):
    spec = parse_target(text)
    kind = MeasureKind.RATE_PCT if "điểm" in text else MeasureKind.LEVEL
    written = relative_target_vi(spec, "tấn", kind, "năm 2023")
    assert parse_target(written, kind=kind) == spec


def test_absolute_targets_are_written_in_the_plans_words():
    assert target_words_vi(TargetSpec(LT, D(30)), "%") == "dưới 30%"
    assert target_words_vi(TargetSpec(GT, D(250)), "người") == "trên 250 người"
    assert target_words_vi(TargetSpec(GE, D(98)), "%") == "từ 98% trở lên"  # 004: "Từ 98% trở lên"
    for spec in (TargetSpec(LT, D(30)), TargetSpec(GT, D(250)), TargetSpec(GE, D(98)), TargetSpec(LE, D(18))):
        assert parse_target(target_words_vi(spec, "%")) == spec
    assert target_words_vi(TargetSpec(EQ, D("36100")), "tấn") == "36.100 tấn"


# ------------------------------------------------------------------ % of plan, ‰, -0

@pytest.mark.parametrize(("kind", "shown"), [
    (MeasureKind.LEVEL, True), (MeasureKind.COUNT_UNITS, True), (MeasureKind.RATE_PCT, True),
    (MeasureKind.RATE_PERMILLE, True), (MeasureKind.GROWTH_PCT, False), (MeasureKind.CHANGE_PP, False),
    (MeasureKind.CHANGE_PERMILLE, False)])
def test_percent_of_plan_is_shown_for_levels_and_rates_only(kind, shown):
    assert shows_pct_of_plan(kind, D(8)) is shown
    e = evaluate(value=D("14.2"), target=TargetSpec(GE, D(8)), kind=kind, direction=Direction.UP)
    assert (e.pct_of_plan is not None) is shown


@given(kinds, st.decimals(max_value=D(0), min_value=D(-1000), places=2, allow_nan=False))
def test_percent_of_plan_is_never_shown_against_a_plan_of_zero_or_less(kind, plan):
    e = evaluate(value=D(5), target=TargetSpec(GE, plan), kind=kind, direction=Direction.UP)
    assert e.pct_of_plan is None and e.status.is_achieved


@pytest.mark.parametrize("kind", [MeasureKind.RATE_PERMILLE, MeasureKind.CHANGE_PERMILLE])
def test_per_mille_gaps_and_changes_are_in_permille_points(kind):
    e = evaluate(value=D("2.14"), target=TargetSpec(GE, D("0.5")), kind=kind, direction=Direction.UP,
                 prior=D("1.5"))
    assert e.excess_unit == "permille_points" and e.change.pp_unit == "permille_points"


@given(amounts, kinds, modes, st.sampled_from([GE, LE, EQ, GT, LT, Comparator.MAINTAIN]), directions)
def test_no_figure_is_ever_negative_zero(plan, kind, mode, cmp, direction):
    e = evaluate(value=plan, target=TargetSpec(cmp, plan), kind=kind, direction=direction,
                 excess_mode=mode, prior=plan)
    for x in (e.excess, e.change.abs, e.change.rel, e.change.pp):
        assert x is None or not (x == 0 and x.is_signed())
        assert json_number(x) in (None, "0")


def test_json_never_writes_minus_zero():
    assert json_number(D("-0")) == "0"
    assert json_number(D("-0.0000001")) == "0"
    assert json_number(D("-0.5")) == "-0.5"
