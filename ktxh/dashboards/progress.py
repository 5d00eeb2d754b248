"""Progress within the year (6 and 9 months): share of the annual plan, the same share
a year earlier, and the engine's year-end projection; at-risk indicators first."""

from __future__ import annotations

from dataclasses import dataclass

from ktxh.catalog.models import Target
from ktxh.dashboards.overview import projections
from ktxh.engine.evaluate import Evaluation
from ktxh.engine.periods import Period
from ktxh.engine.progress import Projection
from ktxh.evaluation.adapter import evaluate_row
from ktxh.evaluation.matrix import best_values
from ktxh.evaluation.table import Row, evaluation_table
from ktxh.values.selectors import published_values


def default_progress_period(*, unit, periods: list[Period]) -> Period | None:
    """The latest year-to-date period with a value of an indicator that has an annual
    plan: a round just approved for a year without targets would otherwise open on an
    empty page."""
    ytd = [p for p in periods if p.is_year_to_date]
    for p in ytd:
        measured = published_values().filter(org_unit=unit, period=p.code).values("indicator_id")
        if Target.objects.filter(org_unit=unit, period=p.plan_period().code, indicator_id__in=measured).exists():
            return p
    return ytd[0] if ytd else None


@dataclass
class ProgressRow:
    row: Row
    projection: Projection
    last_year: Evaluation | None  # last year's same period against last year's annual plan
    last_year_value: object = None


def progress_rows(*, unit, period: Period) -> tuple[object, list[ProgressRow]]:
    table = evaluation_table(unit=unit, period=period)
    current = table.period
    if not current.is_year_to_date:
        return table, []
    rows = [r for r in table.rows if r.target is not None]
    projected = projections(unit, current, rows)
    last = current.same_period_last_year()
    ids = [r.indicator.pk for r in rows]
    last_values = best_values([unit.pk], [last.code], ids)
    last_targets = {t.indicator_id: t for t in Target.objects.filter(
        org_unit=unit, period=last.plan_period().code, indicator_id__in=ids)}
    out = []
    for r in rows:
        prior = last_values.get((r.indicator.pk, unit.pk, last.code))
        last_ev = None
        if prior is not None and r.indicator.pk in last_targets:
            last_ev = evaluate_row(r.indicator, last_targets[r.indicator.pk], prior.value, None, last)
        out.append(ProgressRow(r, projected[r.indicator.pk], last_ev, prior.value if prior else None))
    # at risk first, then no projection possible, then on track; keep catalogue order inside
    out.sort(key=lambda p: (not p.projection.at_risk, p.projection.value is None))
    return table, out
