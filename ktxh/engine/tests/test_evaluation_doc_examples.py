"""The worked examples of docs/evaluation.md, with the seeds' own numbers.

Each test quotes the seed text it reproduces; if a number changes here it must
change in the doc too.
"""

from decimal import ROUND_HALF_UP, Decimal

from ktxh.engine.evaluate import TargetSpec, evaluate, summarize, summary_sentence_vi
from ktxh.engine.numbers import format_number, format_percent, parse_number, parse_quantity
from ktxh.engine.semantics import (
    Comparator,
    Direction,
    ExcessMode,
    MeasureKind,
    Status,
    TargetBasis,
)

D = Decimal
GE, LE = Comparator.GE, Comparator.LE


def r2(x: Decimal) -> Decimal:
    """Display rounding: half-up to 2 decimals (the engine itself never rounds)."""
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def test_grain_output_above_plan_is_exceeded_by_0_43_percent_of_plan():
    # 000 §III: "36.595,83 tấn (vượt 0,43%KH)"; 003: "36.595,83 tấn /36.440 tấn đạt 100,43%".
    e = evaluate(value=parse_number("36.595,83"), target=TargetSpec(GE, parse_number("36.440")),
                 kind=MeasureKind.LEVEL, direction=Direction.UP)
    assert e.status is Status.EXCEEDED
    assert r2(e.pct_of_plan) == D("100.43") and format_percent(e.pct_of_plan) == "100,43%"
    assert r2(e.excess) == D("0.43") and e.excess_unit == "%"


def test_fall_in_poverty_rate_above_plan_is_exceeded_by_0_58_points():
    # 000 §III: "Mức giảm tỷ lệ hộ nghèo 5,88% (vượt 0,58 KH)"; body: "5,88%/5,3%".
    e = evaluate(value=D("5.88"), target=TargetSpec(GE, D("5.3")), kind=MeasureKind.CHANGE_PP,
                 direction=Direction.UP)
    assert (e.status, e.excess, e.excess_unit) == (Status.EXCEEDED, D("0.58"), "pp")


def test_underweight_children_below_the_ceiling_is_exceeded_by_0_85_points():
    # 000 §III: "thể nhẹ cân 16,55% (vượt 0,85% KH)"; ceiling 17,4 % derived as 16,55 + 0,85.
    e = evaluate(value=D("16.55"), target=TargetSpec(LE, D("17.4")), kind=MeasureKind.RATE_PCT,
                 direction=Direction.DOWN)
    assert (e.status, e.excess, e.excess_unit) == (Status.EXCEEDED, D("0.85"), "pp")


def test_forest_cover_below_plan_is_not_met_with_a_negative_excess():
    # 000 §III: "tỷ lệ che phủ rừng 44,3% (không đạt KH)"; 000 §I and 003: "đạt 99,56% so
    # với kế hoạch". The 2023 plan is not printed; 44,5 % is illustrative (44,3 / 0,9956 ≈ 44,50).
    e = evaluate(value=D("44.3"), target=TargetSpec(GE, D("44.5")), kind=MeasureKind.RATE_PCT,
                 direction=Direction.UP)
    assert e.status is Status.NOT_MET
    assert (e.excess, e.excess_unit) == (D("-0.2"), "pp")
    assert r2(e.pct_of_plan) == D("99.55")


def test_fall_in_birth_rate_is_exceeded_by_1_64_permille_points():
    # 000 §III: "Mức giảm tỷ suất sinh 2,14%o (vượt 1,64% KH)"; plan 0,5 ‰ (= 2,14 − 1,64,
    # and the 2024 target in 000 §B is also "mức giảm tỷ suất sinh 0,5%o").
    value, plan = parse_quantity("2,14%o"), parse_quantity("0,5%o")
    assert value.unit == plan.unit == "‰"
    e = evaluate(value=value.value, target=TargetSpec.from_quantity(plan),
                 kind=MeasureKind.CHANGE_PERMILLE, direction=Direction.UP)
    assert (e.status, e.excess, e.excess_unit) == (Status.EXCEEDED, D("1.64"), "permille_points")
    # 2,14 / 0,5 would be "428% KH", which says nothing about a change in points (§2).
    assert e.pct_of_plan is None


def test_six_month_grain_is_in_progress_at_12_12_percent_of_the_annual_plan():
    # 001: "sản lượng lương thực có hạt 4.376,59 tấn, bằng 12,12% kế hoạch";
    # annual plan 2024 in 000 §B: "Tổng sản lượng lương thực có hạt đạt 36.100 tấn".
    e = evaluate(value=parse_number("4.376,59"), target=TargetSpec(GE, parse_number("36.100")),
                 kind=MeasureKind.LEVEL, direction=Direction.UP, partial=True,
                 prior=parse_number("4.376,59") - parse_number("240,29"))
    assert e.status is Status.IN_PROGRESS
    assert r2(e.progress) == D("12.12") == r2(e.pct_of_plan)
    assert e.excess is None
    assert e.change.abs == D("240.29")  # "tăng 240,29 tấn so với cùng kỳ năm trước"
    assert r2(e.change.rel) == D("5.81")  # 001: "vượt 5,81% so với cùng kỳ"


def test_jobs_created_above_plan_is_exceeded_by_89_91_percent_of_plan():
    # 000 §III: "2.032 người (vượt 89,91%KH)"; body: "đạt 189,91% kế hoạch" -> plan 1.070 (derived).
    e = evaluate(value=D(2032), target=TargetSpec(GE, D(1070)), kind=MeasureKind.LEVEL,
                 direction=Direction.UP)
    assert e.status is Status.EXCEEDED
    assert (r2(e.excess), e.excess_unit, r2(e.pct_of_plan)) == (D("89.91"), "%", D("189.91"))


def test_the_same_rate_gap_read_in_points_or_relative_gives_different_numbers():
    # Why each indicator declares its excess mode: 5,88 vs 5,3 is +0,58 pp but +10,94 %.
    common = {"value": D("5.88"), "target": TargetSpec(GE, D("5.3")),
              "kind": MeasureKind.CHANGE_PP, "direction": Direction.UP}
    assert evaluate(**common, excess_mode=ExcessMode.POINTS).excess == D("0.58")
    assert r2(evaluate(**common, excess_mode=ExcessMode.RELATIVE).excess) == D("10.94")


def test_muong_te_poverty_rate_fell_7_28_points_from_52_percent():
    # 002: "Tỷ lệ hộ nghèo ước giảm còn 44,72%, mức giảm tỷ lệ hộ nghèo 7,28%".
    prior = D("44.72") + D("7.28")
    assert format_number(prior, 2) == "52,00"
    e = evaluate(value=D("44.72"), target=None, kind=MeasureKind.RATE_PCT,
                 direction=Direction.DOWN, prior=prior)
    assert e.status is Status.NO_TARGET
    assert (e.change.abs, e.change.pp, e.change.rel) == (D("-7.28"), D("-7.28"), None)


def test_summary_of_ten_groups_with_forest_cover_not_met_reads_like_the_report():
    # 000 §III: "09/10 chỉ tiêu đạt và vượt ... 37/38 chỉ tiêu đạt và vượt; 01/38 chỉ tiêu
    # dự ước không đạt kế hoạch đề ra (chi tiêu tỷ lệ che phủ rừng)".
    groups = [(f"Nhóm {i}", [(f"Chỉ tiêu {i}.{j}", Status.MET) for j in range(1, 5)])
              for i in range(1, 10)]  # 9 groups x 4 = 36 components
    groups.insert(1, ("Nông nghiệp, nông thôn",
                      [("Tổng sản lượng lương thực", Status.EXCEEDED),
                       ("Tỷ lệ che phủ rừng", Status.NOT_MET)]))
    s = summarize(groups)
    assert (s.groups_total, s.groups_achieved, s.components_total, s.components_achieved) == (
        10, 9, 38, 37)
    assert summary_sentence_vi(s) == (
        "09/10 nhóm chỉ tiêu chủ yếu đạt và vượt; 01/10 nhóm không đạt. "
        "37/38 chỉ tiêu thành phần đạt và vượt; 01/38 chỉ tiêu không đạt (tỷ lệ che phủ rừng).")


# ------------------------------------------------ strict bounds (§1, §4)

GT, LT = Comparator.GT, Comparator.LT


def test_a_poverty_rate_of_30_percent_does_not_meet_under_30_percent():
    # 004: "Tỷ lệ hộ nghèo đến năm 2025 còn dưới 30%".
    from ktxh.engine.targets import parse_target

    target = parse_target("còn dưới 30%")
    assert target == TargetSpec(LT, D(30))
    at = evaluate(value=D(30), target=target, kind=MeasureKind.RATE_PCT, direction=Direction.DOWN)
    assert (at.status, at.excess, at.excess_unit) == (Status.NOT_MET, D(0), "pp")
    below = evaluate(value=D("29.5"), target=target, kind=MeasureKind.RATE_PCT, direction=Direction.DOWN)
    assert (below.status, below.excess) == (Status.EXCEEDED, D("0.5"))


def test_rural_hygienic_water_of_93_percent_does_not_meet_above_93_percent():
    # 004: "Trên 93% dân số nông thôn được sử dụng nước hợp vệ sinh".
    at = evaluate(value=D(93), target=TargetSpec(GT, D(93)), kind=MeasureKind.RATE_PCT, direction=Direction.UP)
    assert (at.status, at.excess, r2(at.pct_of_plan)) == (Status.NOT_MET, D(0), D("100.00"))


def test_250_workers_abroad_do_not_meet_above_250_but_251_exceed_by_0_4_percent():
    # 004: "Hỗ trợ trên 250 lao động đi làm việc ở nước ngoài" (2023-2025).
    at = evaluate(value=D(250), target=TargetSpec(GT, D(250)), kind=MeasureKind.LEVEL, direction=Direction.UP)
    assert (at.status, at.excess, at.excess_unit) == (Status.NOT_MET, D(0), "%")
    above = evaluate(value=D(251), target=TargetSpec(GT, D(250)), kind=MeasureKind.LEVEL, direction=Direction.UP)
    assert (above.status, above.excess) == (Status.EXCEEDED, D("0.4"))


# ------------------------------------------------ where % of plan is shown (§2)

def test_tourist_growth_of_14_2_against_8_is_6_2_points_and_no_percent_of_plan():
    # 000 §III: "tốc độ tăng ... 14,2% (vượt 6,2% KH)"; plan 8 derived as 14,2 − 6,2.
    e = evaluate(value=D("14.2"), target=TargetSpec(GE, D(8)), kind=MeasureKind.GROWTH_PCT, direction=Direction.UP)
    assert (e.status, e.excess, e.excess_unit, e.pct_of_plan) == (Status.EXCEEDED, D("6.2"), "pp", None)


def test_a_negative_growth_plan_beaten_is_exceeded_without_a_percent_of_plan():
    e = evaluate(value=D(1), target=TargetSpec(GE, D(-2)), kind=MeasureKind.LEVEL, direction=Direction.UP)
    assert (e.status, e.pct_of_plan) == (Status.EXCEEDED, None)  # 1 / −2 = "−50%" would read as failure


# ------------------------------------------------ targets stated against last year (§1, §4)

def test_visitors_up_10_percent_on_2023_give_a_plan_of_40_700_and_91_84_percent_by_june():
    # 000:1736-1738: "tổng lượt khách du lịch tăng 10%"; 000:963: "trên 37 nghìn lượt" in 2023;
    # 001:253: "ước đạt 37.380 lượt khách, đạt 91,84% KH".
    from ktxh.engine.targets import parse_target

    target = parse_target("tăng 10% so với cùng kỳ")
    assert target.basis is TargetBasis.PRIOR_PCT and target.value == D(10)
    e = evaluate(value=D(37380), target=target, kind=MeasureKind.LEVEL, direction=Direction.UP,
                 prior=D(33951), partial=True, baseline=D(37000))
    assert e.plan == D(40700) and r2(e.progress) == D("91.84") and e.status is Status.IN_PROGRESS


def test_a_poverty_rate_down_5_43_points_from_37_93_has_a_ceiling_of_32_50():
    # 000:2117-2119: "Phấn đấu mức giảm tỷ lệ hộ nghèo giảm 5,43%" (a fall in points);
    # 000:832: "tỷ lệ hộ nghèo của huyện là 37,93%" in 2023.
    from ktxh.engine.targets import parse_target

    target = parse_target("giảm 5,43 điểm %", kind=MeasureKind.RATE_PCT)
    assert (target.value, target.basis) == (D("-5.43"), TargetBasis.PRIOR_POINTS)
    e = evaluate(value=D("32.1"), target=target, kind=MeasureKind.RATE_PCT, direction=Direction.DOWN,
                 prior=D("37.93"))
    assert (e.plan, e.status, e.excess) == (D("32.50"), Status.EXCEEDED, D("0.40"))
    missing = evaluate(value=D("32.1"), target=target, kind=MeasureKind.RATE_PCT, direction=Direction.DOWN)
    assert missing.status is Status.NO_PRIOR and missing.status.label_vi == "chưa đủ số liệu năm trước"


# ------------------------------------------------ negative zero (§10)

def test_communes_kept_at_04_have_an_excess_of_0_never_minus_0():
    # 000:1400: "Tiếp tục duy trì và hoàn thiện các tiêu chí tại 04 xã đạt chuẩn nông thôn mới (đạt KH)".
    from ktxh.engine.numbers import json_number

    e = evaluate(value=D(4), target=TargetSpec(Comparator.MAINTAIN, D(4)), kind=MeasureKind.COUNT_UNITS,
                 direction=Direction.NONE)
    assert e.status is Status.MET and json_number(e.excess) == "0" and not e.excess.is_signed()
