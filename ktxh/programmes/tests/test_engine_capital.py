"""Capital arithmetic of ktxh.engine.capital: exact Decimal, sums per key, lagging."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ktxh.engine.capital import CapitalLine, lagging, parts_mismatch, pct, totals_by

money = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)


@settings(max_examples=50, deadline=None)
@given(money, money)
def test_percent_disbursed_is_disbursed_over_plan_times_100_exactly(disbursed, plan):
    result = pct(disbursed, plan)
    if plan == 0:
        assert result is None
    else:
        assert abs(result * plan / 100 - disbursed) < Decimal("1e-30")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(money, money, st.sampled_from(["NTM", "GNBV", "DTTS"])), min_size=1, max_size=20))
def test_totals_per_programme_add_up_to_the_grand_total(items):
    lines = [CapitalLine(key=str(i), label="", plan=p, disbursements=((date(2023, 6, 1), d),), programme=g)
             for i, (p, d, g) in enumerate(items)]
    per = totals_by(lines, lambda x: x.programme)
    grand = totals_by(lines, lambda _: 0)[0]
    assert sum(t.plan for t in per.values()) == grand.plan
    assert sum(t.disbursed for t in per.values()) == grand.disbursed
    assert grand.remaining == grand.plan - grand.disbursed


def test_the_2022_carry_over_of_003_is_65_50_percent_not_the_printed_65_6():
    line = CapitalLine(key="cn", label="", plan=Decimal(5939), disbursements=((date(2023, 12, 14), Decimal(3890)),))
    t = totals_by([line], lambda _: 0)[0]
    assert t.pct_disbursed.quantize(Decimal("0.01")) == Decimal("65.50")
    assert t.remaining == 2049


def test_disbursements_after_the_as_of_date_do_not_count():
    line = CapitalLine(key="a", label="", plan=Decimal(100),
                       disbursements=((date(2023, 3, 1), Decimal(10)), (date(2023, 9, 1), Decimal(50))))
    assert line.disbursed(date(2023, 6, 30)) == 10


def test_lines_below_the_chosen_pace_are_listed_worst_first():
    slow = CapitalLine(key="slow", label="", plan=Decimal(100), disbursements=((date(2023, 5, 1), Decimal(10)),))
    fine = CapitalLine(key="fine", label="", plan=Decimal(100), disbursements=((date(2023, 5, 1), Decimal(70)),))
    mid = CapitalLine(key="mid", label="", plan=Decimal(100), disbursements=((date(2023, 5, 1), Decimal(40)),))
    lags = lagging([fine, mid, slow], date(2023, 6, 30), Decimal(60))
    assert [lag.line.key for lag in lags] == ["slow", "mid"]


def test_the_linear_pace_is_the_elapsed_share_of_the_year():
    line = CapitalLine(key="x", label="", plan=Decimal(100), start=date(2023, 1, 1), deadline=date(2023, 12, 31),
                       disbursements=((date(2023, 2, 1), Decimal(40)),))
    [lag] = lagging([line], date(2023, 7, 2))  # 182 of 364 days = 50%
    assert lag.pace == 50


def test_a_stated_total_is_checked_against_its_parts():
    assert parts_mismatch(Decimal(271034), [Decimal(136502), Decimal(135000)]) == 468
    assert parts_mismatch(Decimal(253732), [Decimal(87717), Decimal(57331), Decimal(108684)]) is None


def _line(key, plan, *paid, programme="P"):
    return CapitalLine(key=key, label=key, plan=Decimal(plan), programme=programme,
                       disbursements=tuple((date(2023, 12, 14), Decimal(a)) for a in paid))


def test_a_total_stated_as_a_whole_is_never_added_to_its_of_which_items():
    from ktxh.engine.capital import PlanNode, partition

    # 000: 188.685 of MTQG investment, NTM's 3.244 included; 102.531 disbursed, NTM's 1.290 included
    whole = PlanNode(_line("MTQG", "188685", "102531"), (PlanNode(_line("NTM", "3244", "1290", programme="NTM")),),
                     complete=False)
    lines = partition([whole, PlanNode(_line("CN2022", "5939", "3890"))])
    total = totals_by(lines, lambda _: 0)[0]
    assert total.plan == Decimal("194624") and total.disbursed == Decimal("106421")
    rest = next(x for x in lines if x.key == "MTQG")
    assert rest.plan == Decimal("185441") and rest.disbursed() == Decimal("101241")
    by_programme = totals_by(lines, lambda x: x.programme)
    assert by_programme["NTM"].plan == Decimal("3244") and by_programme["P"].plan == Decimal("191380")


@settings(max_examples=50, deadline=None)
@given(st.lists(money, min_size=1, max_size=5), money)
def test_the_partition_of_a_complete_parent_sums_its_leaves_and_of_a_partial_one_its_stated_total(parts, extra):
    from ktxh.engine.capital import PlanNode, partition

    children = tuple(PlanNode(_line(f"c{i}", str(p))) for i, p in enumerate(parts))
    complete = partition([PlanNode(_line("all", "1"), children)])
    assert sum(x.plan for x in complete) == sum(parts)
    stated = sum(parts) + extra
    partial = partition([PlanNode(_line("all", str(stated)), children, complete=False)])
    assert sum(x.plan for x in partial) == stated
