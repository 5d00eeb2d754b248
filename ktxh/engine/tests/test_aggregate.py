"""Roll-ups over org units: sums, recomputed ratios, weighted means, counts."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ktxh.engine.aggregate import aggregate
from ktxh.engine.semantics import Aggregation

D = Decimal


def test_sum_adds_the_present_values_and_skips_missing_ones():
    assert aggregate(Aggregation.SUM, [D("36595.83"), None, D("4.17")]) == D("36600.00")


def test_sum_of_only_missing_values_is_missing_not_zero():
    assert aggregate(Aggregation.SUM, [None, None]) is None
    assert aggregate(Aggregation.SUM, []) is None


def test_a_rate_is_recomputed_from_numerators_and_denominators_not_averaged():
    # Two communes: 90/900 = 10 % and 50/100 = 50 %.
    rates = [D(10), D(50)]
    result = aggregate(Aggregation.RATIO, rates, numerators=[D(90), D(50)], denominators=[D(900), D(100)])
    assert result == D("14")  # 140 / 1000, not the mean 30
    # Phong Thổ poverty rate (seed 003): 6.757 / 17.617 households = 38,35 %.
    one = aggregate(Aggregation.RATIO, [None], numerators=[D(6757)], denominators=[D(17617)])
    assert round(one, 2) == D("38.35")


def test_a_ratio_skips_units_missing_either_part_and_is_missing_without_a_denominator():
    assert aggregate(Aggregation.RATIO, [None, None], numerators=[D(1), None],
                     denominators=[D(4), D(10)]) == D(25)
    assert aggregate(Aggregation.RATIO, [None], numerators=[D(0)], denominators=[D(0)]) is None


def test_the_weighted_mean_weights_each_value():
    # NTM criteria per commune (domain.md §5): 7 communes at 19 and 9 at 15 -> 16,75.
    assert aggregate(Aggregation.WEIGHTED_MEAN, [D(19), D(15)], weights=[D(7), D(9)]) == D("16.75")


def test_count_meeting_counts_present_values_that_satisfy_the_predicate():
    criteria = [D(19), D(19), D(12), None, D(15)]
    assert aggregate(Aggregation.COUNT_MEETING, criteria, predicate=lambda v: v >= 19) == D(2)


def test_method_none_aggregates_to_nothing():
    assert aggregate(Aggregation.NONE, [D(1)]) is None


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        (Aggregation.RATIO, {"numerators": [D(1)], "denominators": [D(1), D(2)]}),
        (Aggregation.RATIO, {"numerators": [D(1), D(2)], "denominators": [D(1)]}),
        (Aggregation.WEIGHTED_MEAN, {"weights": [D(1)]}),
    ],
)
def test_companion_sequences_of_a_different_length_raise_value_error(method, kwargs):
    with pytest.raises(ValueError):
        aggregate(method, [D(1), D(2)], **kwargs)


def test_missing_companions_or_predicate_raise_value_error():
    with pytest.raises(ValueError):
        aggregate(Aggregation.RATIO, [D(1)])
    with pytest.raises(ValueError):
        aggregate(Aggregation.COUNT_MEETING, [D(1)])


counts = st.integers(min_value=0, max_value=10**6).map(D)


@given(st.lists(st.tuples(counts, st.integers(min_value=1, max_value=10**6).map(D)), min_size=1))
def test_the_ratio_of_sums_equals_summed_numerator_over_summed_denominator(pairs):
    nums, dens = [n for n, _ in pairs], [d for _, d in pairs]
    result = aggregate(Aggregation.RATIO, [None] * len(pairs), numerators=nums, denominators=dens)
    assert abs(result * sum(dens) - 100 * sum(nums)) <= D("1e-30") * sum(dens)


@given(st.lists(st.one_of(st.none(), counts)))
def test_sum_is_exact_and_ignores_missing_values(values):
    present = [v for v in values if v is not None]
    assert aggregate(Aggregation.SUM, values) == (sum(present) if present else None)
