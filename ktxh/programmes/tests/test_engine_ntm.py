"""The NTM figures of ktxh.engine.ntm: exact, ranged when cells are unknown, and
never silently agreeing with a stated figure the matrix contradicts."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ktxh.engine.ntm import Stated, compare_stated, goal_progress, matrix_figures

CRITERIA = list(range(1, 20))
cell = st.sampled_from([True, False, None])
rows = st.lists(st.lists(cell, min_size=19, max_size=19), min_size=1, max_size=40)


def as_matrix(table):
    return {(f"x{i}", f"Xã {i}"): dict(zip(CRITERIA, row, strict=True)) for i, row in enumerate(table)}


@settings(max_examples=50, deadline=None)
@given(rows)
def test_band_counts_of_a_complete_matrix_sum_to_the_number_of_communes(table):
    complete = [[c is True for c in row] for row in table]
    figures = matrix_figures(as_matrix(complete), CRITERIA)
    assert sum(r.low for r in figures.bands.values()) == len(table)
    assert all(r.exact for r in figures.bands.values())


@settings(max_examples=50, deadline=None)
@given(rows)
def test_the_average_is_total_met_over_communes_exactly(table):
    figures = matrix_figures(as_matrix(table), CRITERIA)
    met = sum(1 for row in table for c in row if c is True)
    unknown = sum(1 for row in table for c in row if c is None)
    assert figures.total_met.low == met and figures.total_met.high == met + unknown
    assert figures.average.low * len(table) == met
    assert figures.average.high * len(table) == met + unknown


@settings(max_examples=50, deadline=None)
@given(rows)
def test_certain_band_counts_never_exceed_the_communes_and_possible_ones_cover_them(table):
    figures = matrix_figures(as_matrix(table), CRITERIA)
    assert sum(r.low for r in figures.bands.values()) <= len(table) <= sum(r.high for r in figures.bands.values())


@settings(max_examples=50, deadline=None)
@given(rows)
def test_communes_meeting_each_criterion_are_counted_per_column(table):
    figures = matrix_figures(as_matrix(table), CRITERIA)
    for k in CRITERIA:
        assert figures.per_criterion_met[k].low == sum(1 for row in table if row[k - 1] is True)


def test_seven_communes_at_19_and_nine_at_15_average_16_75():
    table = [[True] * 19] * 7 + [[True] * 15 + [False] * 4] * 9
    figures = matrix_figures(as_matrix(table), CRITERIA)
    assert figures.average.low == Decimal("16.75")
    assert figures.bands["19"].low == 7 and figures.bands["15-18"].low == 9
    progress = goal_progress(figures, standard_count=7, standard_goal=7, average_goal=Decimal("16.8"),
                             min_criteria_goal=15)
    reached = {g.label: g.reached for g in progress.lines}
    assert reached == {"Số xã đạt chuẩn": True, "Bình quân tiêu chí/xã": False, "Số xã dưới 15 tiêu chí": True}


def test_a_stated_average_outside_what_the_matrix_allows_is_a_conflict():
    table = [[True] * 10 + [False] * 9] * 4
    figures = matrix_figures(as_matrix(table), CRITERIA)
    [finding] = compare_stated(figures, [Stated("average", Decimal("11.06"), decimals=2, source="003:130")])
    assert finding.severity == "conflict" and "11,06" in finding.message


def test_a_printed_average_matches_within_half_of_its_last_digit():
    table = [[True] * 11 + [False] * 8] * 15 + [[True] * 12 + [False] * 7]  # 177 / 16 = 11,0625
    figures = matrix_figures(as_matrix(table), CRITERIA)
    [finding] = compare_stated(figures, [Stated("average", Decimal("11.06"), decimals=2)])
    assert finding.severity == "ok"


def test_a_count_with_fewer_names_than_it_states_is_flagged():
    table = [[True] * 19] * 13 + [[True] * 7 + [False] + [True] * 11] * 3
    figures = matrix_figures(as_matrix(table), CRITERIA)
    findings = compare_stated(figures, [Stated("criterion_not_met", Decimal(3), key="8", named=("A", "B"))])
    assert any("nêu tên 2 xã" in f.message for f in findings)


def test_a_criterion_number_outside_the_set_is_rejected():
    try:
        matrix_figures({("x", "Xã X"): {25: True}}, CRITERIA)
    except ValueError as error:
        assert "25" in str(error)
    else:
        raise AssertionError("criterion 25 accepted")
