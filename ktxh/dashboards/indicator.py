"""One indicator in one unit: its series with targets, the commune breakdown, and the
history of every value. Figures come from the engine via evaluation.adapter.evaluate_row."""

from __future__ import annotations

from dataclasses import dataclass, field

from ktxh.catalog.models import Indicator, Target
from ktxh.core.display import target_text
from ktxh.engine.evaluate import Evaluation
from ktxh.engine.numbers import format_number
from ktxh.engine.periods import Period
from ktxh.engine.semantics import Status
from ktxh.evaluation.adapter import evaluate_row
from ktxh.evaluation.matrix import Cell, commune_matrix
from ktxh.values.models import DataValue
from ktxh.values.selectors import by_authority, published_history, published_values


@dataclass
class Point:
    period: Period
    value: DataValue | None
    others: list[DataValue]  # the less authoritative kinds for the same period
    target: Target | None
    evaluation: Evaluation
    indicator: Indicator | None = None
    prior: DataValue | None = None


@dataclass
class IndicatorView:
    indicator: Indicator
    series: list[Point] = field(default_factory=list)
    communes: list[Cell] = field(default_factory=list)  # with a value, best first
    communes_missing: list[Cell] = field(default_factory=list)
    rolled_up: object = None
    history: list = field(default_factory=list)


def indicator_view(*, indicator: Indicator, unit, period: Period) -> IndicatorView:
    view = IndicatorView(indicator)
    values: dict[str, list[DataValue]] = {}
    for v in published_values().filter(indicator=indicator, org_unit=unit).select_related("updated_by"):
        values.setdefault(v.period, []).append(v)
    targets = {t.period: t for t in Target.objects.filter(indicator=indicator, org_unit=unit)}
    codes = {*values, *targets}
    for code in sorted(codes, key=lambda c: Period.parse(c).sort_key):
        p = Period.parse(code)
        kinds = by_authority(values.get(code, []))
        best = kinds[0] if kinds else None
        target_period = p.plan_period()
        target = targets.get(target_period.code)
        prior = next(iter(by_authority(values.get(p.same_period_last_year().code, []))), None)
        baseline = next(iter(by_authority(values.get(target_period.same_period_last_year().code, []))), None)
        ev = evaluate_row(indicator, target, best.value if best else None, prior.value if prior else None, p,
                          baseline=baseline.value if baseline else None)
        view.series.append(Point(p, best, kinds[1:], target, ev, indicator, prior))
    matrix = commune_matrix(unit=unit, period=period, indicator_ids=[indicator.pk], only_with_values=False)
    if matrix.rows:
        cells = matrix.rows[0].cells
        view.rolled_up = matrix.rows[0].rolled_up
        with_value = [c for c in cells if c.value is not None]
        better_low = indicator.direction == "down"
        view.communes = sorted(with_value, key=lambda c: c.value.value, reverse=not better_low)
        view.communes_missing = [c for c in cells if c.value is None]
    # drafts and reports waiting for approval stay out, as on the evaluation page
    view.history = list(published_history().filter(indicator_id=indicator.pk, org_unit_id=unit.pk)
                        .select_related("history_user").order_by("-history_date")[:200])
    return view


def chart_data(view: IndicatorView) -> dict:
    """What the browser draws: numbers for positions, texts already formatted here."""
    decimals = view.indicator.decimals
    series = [p for p in view.series if p.period.kind != "plan"]
    # One line per kind of period (the year, its first 6 months, ...) over the years:
    # a half-year beside the annual figure on one line made the chart zig-zag.
    years = sorted({p.period.year for p in series})
    lines: dict[str, dict] = {}
    for p in sorted(series, key=lambda p: (p.period.kind != "year", p.period.code)):
        name = _kind_name(p.period)
        line = lines.setdefault(name, {"label": name, "values": [None] * len(years),
                                       "texts": [""] * len(years), "kinds": [""] * len(years)})
        if p.value:
            i = years.index(p.period.year)
            line["values"][i] = float(p.value.value)
            line["texts"][i] = format_number(p.value.value, decimals)
            line["kinds"][i] = p.value.get_kind_display()
    annual = {p.period.year: p for p in series if p.period.kind == "year"}
    plans = [annual.get(y) for y in years]
    return {
        "unit": view.indicator.unit,
        "series": {
            "labels": [str(y) for y in years],  # years are names, not quantities: never "2.023"
            "lines": list(lines.values()),
            "targets": [float(p.target.value) if p and p.target and p.target.value is not None else None
                        for p in plans],
            "targetTexts": [target_text(p.target) if p and p.target else "" for p in plans],
        },
        "communes": {
            "labels": [c.unit.name for c in view.communes],
            "values": [float(c.value.value) for c in view.communes],
            "valueTexts": [format_number(c.value.value, decimals) for c in view.communes],
            "bad": [c.evaluation.status is Status.NOT_MET for c in view.communes],
        },
    }


def _kind_name(period) -> str:
    """'Cả năm', '6 tháng đầu năm', '9 tháng' ...: the period's label without its year."""
    if period.kind == "year":
        return "Cả năm"
    return period.label_vi.replace(str(period.year), "").strip(" ,·-") or period.label_vi
