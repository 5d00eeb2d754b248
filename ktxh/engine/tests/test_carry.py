"""Carrying series across the 2025 reform, and rolling old units up: each rule and each refusal."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ktxh.engine.carry import BREAK_LABEL, CarryRule, Source, carry, ratio_scale, roll_up
from ktxh.engine.semantics import Aggregation, MeasureKind

D = Decimal
WHOLE = D(1)


def old(name, value=None, share=WHOLE, **kw):
    return Source(code=name[:3], name=name, value=value, share=share, **kw)


# --- the rules --------------------------------------------------------------------

def test_a_sum_is_carried_as_the_sum_of_the_old_communes():
    r = carry(Aggregation.SUM, [old("Bản Lang", D("1200.5")), old("Hoang Thèn", D("800")),
                                old("Khổng Lào", D("950.25"))])
    assert r.rule is CarryRule.SUM and r.complete
    assert r.value == D("2950.75")
    assert [p.name for p in r.parts] == ["Bản Lang", "Hoang Thèn", "Khổng Lào"]


def test_a_rate_is_recomputed_from_numerators_and_denominators_never_averaged():
    # 90/900 = 10 % and 50/100 = 50 %: the merged rate is 140/1000 = 14 %, not 30 %.
    r = carry(Aggregation.RATIO, [old("A", D(10), numerator=D(90), denominator=D(900)),
                                  old("B", D(50), numerator=D(50), denominator=D(100))],
              kind=MeasureKind.RATE_PCT)
    assert r.rule is CarryRule.RATIO and r.complete
    assert r.value == D(14)


def test_a_permille_rate_and_a_per_capita_value_keep_their_own_scale():
    parts = [old("A", numerator=D(3), denominator=D(1000)), old("B", numerator=D(1), denominator=D(1000))]
    assert carry(Aggregation.RATIO, parts, kind=MeasureKind.RATE_PERMILLE).value == D(2)
    income = [old("A", numerator=D(400), denominator=D(10)), old("B", numerator=D(100), denominator=D(15))]
    assert carry(Aggregation.RATIO, income, kind=MeasureKind.LEVEL).value == D(20)  # 500 / 25
    assert ratio_scale("rate_pct") == 100 and ratio_scale("rate_permille") == 1000 and ratio_scale("level") == 1


def test_a_weighted_mean_is_carried_with_its_weights():
    # domain.md §5: 7 communes at 19 criteria and 9 at 15 -> 16,75.
    r = carry(Aggregation.WEIGHTED_MEAN, [old("A", D(19), weight=D(7)), old("B", D(15), weight=D(9))])
    assert r.rule is CarryRule.WEIGHTED_MEAN and r.value == D("16.75")


def test_a_split_old_commune_contributes_its_stated_share():
    r = carry(Aggregation.SUM, [old("Whole", D(100)), old("Split", D(300), share=D("0.4"))])
    assert r.complete and r.value == D(220)
    assert r.parts[1].share == D("0.4")


def test_one_whole_predecessor_carries_its_value_unchanged_even_for_counts():
    r = carry(Aggregation.COUNT_MEETING, [old("Mường Tè", D(3))])
    assert r.rule is CarryRule.UNCHANGED and r.complete and r.value == D(3)
    r = carry(Aggregation.NONE, [old("Mường Tè", D("5.2"))])
    assert r.rule is CarryRule.UNCHANGED and r.value == D("5.2")


# --- the refusals -----------------------------------------------------------------

def test_a_count_of_units_meeting_a_condition_is_a_break_across_a_merge():
    r = carry(Aggregation.COUNT_MEETING, [old("A", D(1)), old("B", D(0))])
    assert r.is_break and r.value is None and not r.complete
    assert r.reason.startswith(BREAK_LABEL) and "sáp nhập" in r.reason
    assert [p.name for p in r.parts] == ["A", "B"]  # provenance is kept for a break too


def test_a_growth_rate_without_an_aggregation_is_a_break():
    r = carry(Aggregation.NONE, [old("A", D(5)), old("B", D(7))])
    assert r.is_break and r.value is None and BREAK_LABEL in r.reason


def test_a_rate_without_declared_numerator_and_denominator_is_a_break_not_an_average():
    r = carry(Aggregation.RATIO, [old("A", D(10)), old("B", D(50))], has_ratio_parts=False)
    assert r.is_break and r.value is None and "trung bình" in r.reason


def test_a_weighted_mean_without_declared_weights_is_a_break():
    r = carry(Aggregation.WEIGHTED_MEAN, [old("A", D(19)), old("B", D(15))], has_weights=False)
    assert r.is_break and r.value is None


def test_a_split_commune_without_a_share_makes_the_carried_value_incomplete():
    r = carry(Aggregation.SUM, [old("Bản Lang", D(100)), old("Mù Cả", D(300), share=None)])
    assert not r.complete and r.value is None
    assert r.unshared == ("Mù Cả",) and "tỷ lệ chia tách của Mù Cả" in r.reason
    assert r.partial_value == D(400)  # shown as partial, never as the value


def test_a_missing_old_value_makes_the_carried_value_incomplete_and_names_the_unit():
    r = carry(Aggregation.SUM, [old("Bản Lang", D(100)), old("Hoang Thèn"), old("Khổng Lào", D(5))])
    assert not r.complete and r.value is None and r.missing == ("Hoang Thèn",)
    assert "Hoang Thèn" in r.reason and r.partial_value == D(105)


def test_a_rate_whose_parts_are_missing_for_one_unit_is_incomplete():
    r = carry(Aggregation.RATIO, [old("A", D(10), numerator=D(1), denominator=D(10)), old("B", D(20))],
              kind=MeasureKind.RATE_PCT)
    assert not r.complete and r.missing == ("B",) and "tử số và mẫu số" in r.reason


def test_a_zero_denominator_is_incomplete_not_a_division_error():
    r = carry(Aggregation.RATIO, [old("A", numerator=D(0), denominator=D(0)),
                                  old("B", numerator=D(0), denominator=D(0))], kind="rate_pct")
    assert not r.complete and r.value is None


def test_a_share_outside_zero_to_one_is_rejected():
    with pytest.raises(ValueError, match="Tỷ lệ chia tách"):
        carry(Aggregation.SUM, [old("A", D(1), share=D("1.5")), old("B", D(1))])
    with pytest.raises(ValueError):
        carry(Aggregation.SUM, [old("A", D(1), share=D(0))])


def test_no_predecessor_is_a_break():
    assert carry(Aggregation.SUM, []).is_break


# --- upward: an old province from its old districts -------------------------------

def test_an_old_province_total_is_the_sum_of_its_districts_when_all_have_data():
    r = roll_up(Aggregation.SUM, [old("Phong Thổ", D("36595.83")), old("Mường Tè", D("17501"))])
    assert r.complete and r.value == D("54096.83") and r.rule is CarryRule.SUM


def test_an_old_province_total_with_a_district_missing_is_incomplete_naming_it():
    r = roll_up(Aggregation.SUM, [old("Phong Thổ", D(1)), old("Sìn Hồ"), old("Tân Uyên")])
    assert not r.complete and r.value is None
    assert r.missing == ("Sìn Hồ", "Tân Uyên") and "Sìn Hồ, Tân Uyên" in r.reason


def test_counts_of_communes_meeting_a_standard_add_up_from_districts():
    r = roll_up(Aggregation.COUNT_MEETING, [old("Phong Thổ", D(4)), old("Mường Tè", D(3))])
    assert r.complete and r.value == D(7) and r.aggregation is Aggregation.COUNT_MEETING


def test_roll_up_recomputes_rates_and_breaks_on_indicators_without_aggregation():
    r = roll_up(Aggregation.RATIO, [old("A", numerator=D(6757), denominator=D(17617))], kind="rate_pct")
    assert round(r.value, 2) == D("38.35")
    assert roll_up(Aggregation.NONE, [old("A", D(1))]).is_break
    assert roll_up(Aggregation.RATIO, [old("A", D(1))], has_ratio_parts=False).is_break


def test_roll_up_ignores_shares():
    assert roll_up(Aggregation.SUM, [old("A", D(10), share=None), old("B", D(5))]).value == D(15)


# --- properties -------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10**9, places=6, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=D("0.000001"), max_value=10**9, places=6, allow_nan=False, allow_infinity=False)


@given(st.lists(amounts, min_size=2, max_size=12))
def test_carrying_a_sum_over_a_partition_equals_the_sum(values):
    r = carry(Aggregation.SUM, [old(f"X{i}", v) for i, v in enumerate(values)])
    assert r.complete and r.value == sum(values)


@given(st.lists(st.tuples(amounts, positive), min_size=2, max_size=12))
def test_carrying_a_ratio_equals_the_ratio_of_the_sums(pairs):
    sources = [old(f"X{i}", numerator=n, denominator=d) for i, (n, d) in enumerate(pairs)]
    r = carry(Aggregation.RATIO, sources, kind=MeasureKind.RATE_PCT)
    nums, dens = sum(n for n, _ in pairs), sum(d for _, d in pairs)
    assert abs(r.value * dens - 100 * nums) <= D("1e-40") * max(dens, nums, D(1)) * 100


@given(st.lists(amounts, min_size=2, max_size=8), st.integers(min_value=0, max_value=7))
def test_a_split_without_share_is_always_incomplete(values, which):
    which %= len(values)
    sources = [old(f"X{i}", v, share=None if i == which else WHOLE, numerator=v, denominator=v + 1, weight=v + 1)
               for i, v in enumerate(values)]
    for method in (Aggregation.SUM, Aggregation.RATIO, Aggregation.WEIGHTED_MEAN):
        r = carry(method, sources)
        assert not r.complete and r.value is None and r.unshared == (f"X{which}",)


@given(st.lists(st.tuples(amounts, st.decimals(min_value=D("0.01"), max_value=1, places=2)), min_size=1,
                max_size=8))
def test_a_shared_sum_is_the_sum_of_each_value_times_its_share(pairs):
    sources = [old(f"X{i}", v, share=s) for i, (v, s) in enumerate(pairs)]
    r = carry(Aggregation.SUM, sources)
    assert r.complete and r.value == sum(v * s for v, s in pairs)


@given(st.lists(st.one_of(st.none(), amounts), min_size=1, max_size=10))
def test_a_roll_up_is_complete_exactly_when_every_child_has_data(values):
    r = roll_up(Aggregation.SUM, [old(f"X{i}", v) for i, v in enumerate(values)])
    assert r.complete == all(v is not None for v in values)
    assert (r.value is None) == (not r.complete)
