"""Progress within the year and a simple year-end projection (tiến độ, dự báo cả năm).

For a year-to-date value (6 months, 9 months) the leader wants to know early whether
the annual plan is at risk ("khó đạt"). The projection is deliberately simple and
says which method it used, so an official can redo it by hand:

1. ``seasonal`` — last year's shape: value × (last year's annual value / last year's
   value for the same part of the year). Grain is mostly harvested after June, so a
   6-month 12 % is normal; last year's ratio knows that.
2. ``as_is`` (rates, changes, growth rates) and ``stock`` (quantities the catalog does
   not mark as flows: tea area, households, communes meeting NTM: ``is_flow=False``) are
   point-in-time: the projection is the value itself.
3. ``linear`` — no history: value × 12 / months elapsed (a flow at a steady pace).

The projected value is then judged against the annual target by ``evaluate`` (never
re-derived here): NOT_MET means at risk.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

from .evaluate import PRECISION, Evaluation, TargetSpec, evaluate
from .periods import Period
from .semantics import Direction, ExcessMode, MeasureKind, Status

__all__ = ["METHOD_LABELS", "Projection", "months_elapsed", "project_year_end"]

METHOD_LABELS = {
    "seasonal": "theo cơ cấu cùng kỳ năm trước",
    "as_is": "giữ nguyên (chỉ tiêu tỷ lệ)",
    "stock": "giữ nguyên (số tại thời điểm, không cộng dồn)",
    "linear": "ngoại suy tuyến tính theo số tháng",
}


@dataclass(frozen=True)
class Projection:
    value: Decimal | None  # projected year-end value
    method: str | None  # key of METHOD_LABELS
    evaluation: Evaluation  # the projected value judged against the annual target

    @property
    def at_risk(self) -> bool:
        return self.evaluation.status is Status.NOT_MET

    @property
    def method_label(self) -> str:
        return METHOD_LABELS.get(self.method or "", "")


def months_elapsed(period: Period) -> int:
    """Months from 1 January to the end of a year-to-date period (H1 -> 6, 9M -> 9)."""
    return period.end.month if period.is_year_to_date else 12


def project_year_end(
    *,
    period: Period,
    value: Decimal | None,
    target: TargetSpec | None,
    kind: MeasureKind,
    direction: Direction,
    last_year_same_period: Decimal | None = None,
    last_year_annual: Decimal | None = None,
    excess_mode: ExcessMode | None = None,
    tolerance: Decimal = Decimal(0),
    is_flow: bool = False,
) -> Projection:
    """Project a year-to-date ``value`` to the year end and evaluate it against the
    annual ``target``; for a whole year the value is its own projection. Only a flow
    (``is_flow``, the catalog's mark) is extrapolated."""
    kind = MeasureKind(kind)
    projected, method = None, None
    with localcontext() as ctx:
        ctx.prec = PRECISION
        if value is not None:
            if not period.is_year_to_date or kind.is_rate_like:
                projected, method = value, "as_is"
            elif not is_flow:
                projected, method = value, "stock"
            elif last_year_same_period and last_year_annual is not None:
                projected, method = value * last_year_annual / last_year_same_period, "seasonal"
            else:
                projected, method = value * 12 / months_elapsed(period), "linear"
    # a target stated against last year ("tăng 8%") is resolved with last year's annual value
    evaluation = evaluate(value=projected, target=target, kind=kind, direction=direction,
                          excess_mode=excess_mode, tolerance=tolerance, baseline=last_year_annual)
    return Projection(projected, method, evaluation)
