"""Period codes, calendar bounds, ordering and Decree 09/2019 reporting windows."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ktxh.engine.periods import Period, PeriodError, PeriodKind, reporting_window

P = Period.parse


@pytest.mark.parametrize(
    ("code", "kind", "year", "index", "end_year", "canonical"),
    [
        ("2023", PeriodKind.YEAR, 2023, None, None, "2023"),
        ("2024-H1", PeriodKind.HALF, 2024, 1, None, "2024-H1"),
        ("2024-h2", PeriodKind.HALF, 2024, 2, None, "2024-H2"),
        ("2024-Q3", PeriodKind.QUARTER, 2024, 3, None, "2024-Q3"),
        ("2024-q3", PeriodKind.QUARTER, 2024, 3, None, "2024-Q3"),
        ("2024-09", PeriodKind.MONTH, 2024, 9, None, "2024-09"),
        ("2024-9", PeriodKind.MONTH, 2024, 9, None, "2024-09"),
        ("2024-9M", PeriodKind.NINE_MONTHS, 2024, None, None, "2024-9M"),
        ("2024-9m", PeriodKind.NINE_MONTHS, 2024, None, None, "2024-9M"),
        ("2021-2025", PeriodKind.PLAN, 2021, None, 2025, "2021-2025"),
        (" 2024 - H1 ", PeriodKind.HALF, 2024, 1, None, "2024-H1"),
    ],
)
def test_period_codes_parse_to_their_canonical_form(code, kind, year, index, end_year, canonical):
    p = P(code)
    assert (p.kind, p.year, p.index, p.end_year) == (kind, year, index, end_year)
    assert p.code == canonical == str(p)


@pytest.mark.parametrize("code", ["2024-Q5", "2024-13", "2024-0", "2025-2021", "2024-2024", "abc", "", "2024-H3", "24"])
def test_impossible_period_codes_raise_period_error_in_vietnamese(code):
    with pytest.raises(PeriodError, match="kỳ|Giai đoạn|Chỉ số"):
        P(code)


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-H1", date(2024, 1, 1), date(2024, 6, 30)),
        ("2024-H2", date(2024, 7, 1), date(2024, 12, 31)),
        ("2024-Q3", date(2024, 7, 1), date(2024, 9, 30)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-9M", date(2024, 1, 1), date(2024, 9, 30)),
        ("2021-2025", date(2021, 1, 1), date(2025, 12, 31)),
    ],
)
def test_calendar_bounds_of_each_period_kind(code, start, end):
    assert (P(code).start, P(code).end) == (start, end)


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("2023", "Năm 2023"),
        ("2024-H1", "6 tháng đầu năm 2024"),
        ("2024-H2", "6 tháng cuối năm 2024"),
        ("2024-Q3", "Quý III năm 2024"),
        ("2024-09", "Tháng 9 năm 2024"),
        ("2024-9M", "9 tháng năm 2024"),
        ("2021-2025", "Giai đoạn 2021-2025"),
    ],
)
def test_vietnamese_labels_read_like_the_reports(code, label):
    assert P(code).label_vi == label


def test_same_period_last_year_of_a_plan_shifts_by_its_length():
    assert P("2021-2025").same_period_last_year() == P("2016-2020")
    assert P("2024-H1").same_period_last_year() == P("2023-H1")


@pytest.mark.parametrize(
    ("code", "ytd", "partial"),
    [
        ("2024-H1", True, True),
        ("2024-9M", True, True),
        ("2024-Q1", True, True),
        ("2024-01", True, True),
        ("2024-Q3", False, True),
        ("2024-H2", False, True),
        ("2024-12", False, True),
        ("2024", False, False),
        ("2021-2025", False, False),
    ],
)
def test_year_to_date_periods_start_in_january_and_end_before_december_31(code, ytd, partial):
    assert P(code).is_year_to_date is ytd
    assert P(code).is_partial_year is partial


def test_year_period_is_the_calendar_year_and_a_plan_is_its_own():
    assert P("2024-Q3").year_period() == P("2024")
    assert P("2021-2025").year_period() == P("2021-2025")


def test_periods_sort_by_start_then_end():
    codes = ["2024", "2024-Q3", "2024-H1", "2024-01", "2023", "2024-9M", "2021-2025", "2024-H2"]
    ordered = [p.code for p in sorted(P(c) for c in codes)]
    assert ordered == ["2021-2025", "2023", "2024-01", "2024-H1", "2024-9M", "2024", "2024-Q3", "2024-H2"]


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2024-09", date(2024, 8, 15), date(2024, 9, 14)),
        ("2024-01", date(2023, 12, 15), date(2024, 1, 14)),
        ("2024-Q3", date(2024, 6, 15), date(2024, 9, 14)),
        ("2024-H1", date(2023, 12, 15), date(2024, 6, 14)),
        ("2024-H2", date(2024, 6, 15), date(2024, 12, 14)),
        ("2024-9M", date(2023, 12, 15), date(2024, 9, 14)),
        ("2024", date(2023, 12, 15), date(2024, 12, 14)),
        ("2021-2025", date(2020, 12, 15), date(2025, 12, 14)),
    ],
)
def test_reporting_windows_follow_decree_09_2019_cut_off_on_the_15th(code, start, end):
    assert reporting_window(P(code)) == (start, end)


def test_a_cut_off_day_of_1_gives_calendar_windows():
    assert reporting_window(P("2024-H1"), cutoff_day=1) == (date(2024, 1, 1), date(2024, 6, 30))


def test_a_cut_off_day_outside_1_to_28_is_rejected():
    with pytest.raises(PeriodError):
        reporting_window(P("2024"), cutoff_day=29)


# ------------------------------------------------------------------ properties

years = st.integers(min_value=1950, max_value=2100)
periods = st.one_of(
    years.map(lambda y: Period(PeriodKind.YEAR, y)),
    st.builds(lambda y, i: Period(PeriodKind.HALF, y, i), years, st.integers(1, 2)),
    st.builds(lambda y, i: Period(PeriodKind.QUARTER, y, i), years, st.integers(1, 4)),
    st.builds(lambda y, i: Period(PeriodKind.MONTH, y, i), years, st.integers(1, 12)),
    years.map(lambda y: Period(PeriodKind.NINE_MONTHS, y)),
    st.builds(lambda y, n: Period(PeriodKind.PLAN, y, end_year=y + n), years, st.integers(1, 9)),
)


@given(periods)
def test_parsing_a_period_code_gives_the_period_back(p):
    assert P(p.code) == p
    assert P(p.code.lower()) == p


@given(periods)
def test_same_period_last_year_twice_shifts_two_years(p):
    twice = p.same_period_last_year().same_period_last_year()
    assert (twice.kind, twice.index) == (p.kind, p.index)
    span = (p.end_year - p.year + 1) if p.kind is PeriodKind.PLAN else 1
    assert twice.year == p.year - 2 * span


@given(periods, periods)
def test_contains_is_reflexive_and_agrees_with_calendar_bounds(a, b):
    assert a.contains(a)
    assert a.contains(b) == (a.start <= b.start and b.end <= a.end)
    if a.contains(b) and b.contains(a):
        assert a == b


@given(periods, st.integers(min_value=2, max_value=28))
def test_a_reporting_window_is_the_calendar_period_shifted_back_by_the_cut_off(p, cutoff):
    start, end = reporting_window(p, cutoff)
    assert start < p.start <= end < p.end
    assert start.day == cutoff and end.day == cutoff - 1
