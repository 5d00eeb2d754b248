"""The unit and period a page shows, shared by the dashboards and the quality page.

A code names the unit in force at the end of the period (docs/data-files.md, "Units:
code + vintage"); a dissolved unit asked for a later period goes to its successor. The
rule is accounts.unit_pages / orgunits.selectors.unit_pick, shared with every app."""

import datetime

from django.http import Http404, HttpRequest

from ktxh.accounts import access
from ktxh.accounts.unit_pages import UnitMoved, dissolved_before, moved_notice, moved_response, page
from ktxh.engine.periods import Period, PeriodError
from ktxh.orgunits.selectors import unit_groups, unit_not_valid, unit_pick, unit_predecessors
from ktxh.values.selectors import default_period, periods_with_data

__all__ = ["UnitMoved", "page", "unit_and_period"]

DEFAULT_PERIOD = "2023"


def _periods(unit, current: Period | None = None) -> list[Period]:
    """Periods with data for the unit, and, for a unit created by the reform, the
    periods of its predecessors before it (their figures are carried to it); and the
    period shown, even without data (else the picker would show another one as chosen)."""
    codes = set(periods_with_data(unit)) | ({current.code} if current else set())
    if unit.valid_from is not None:
        for link in unit_predecessors(unit):
            codes |= {c for c in periods_with_data(link.unit) if Period.parse(c).start < unit.valid_from}
    return sorted((Period.parse(c) for c in codes), key=lambda p: (p.start, p.end), reverse=True)


def unit_and_period(request: HttpRequest):
    """The unit (only among those the user may see) and period asked for, with the
    context every dashboard page shares; None for a user without any role. A code names
    the unit in force at the end of the period; a dissolved unit raises UnitMoved."""
    units = access.units_visible(request.user).order_by("path")
    unit_code = (request.GET.get("unit") or "").strip()[:40]
    error = None
    asked = request.GET.get("period")
    period = None
    if asked:
        try:
            period = Period.parse(asked)
        except PeriodError as exc:
            error = str(exc)
    day = period.end if period else datetime.date.today()
    unit = unit_pick(units, unit_code, day) if unit_code else access.default_unit(request.user)
    if unit is None:
        if unit_code:
            raise Http404("Không có đơn vị này hoặc bạn không có quyền xem.")
        return None
    if period is None:
        period = Period.parse(default_period(unit) or DEFAULT_PERIOD)
    notice = ""
    if dissolved_before(unit, period.start):
        # Figures recorded for the dissolved unit itself in that period (the seeds' 2026 round of
        # Huyện Phong Thổ) are shown, with the note naming its successors; otherwise it moves.
        if not unit.values.filter(period=period.code).exists():
            raise UnitMoved(moved_response(request, unit, period.end, label=period.label_vi,
                                           query={"period": period.code},
                                           back={"period": str(unit.valid_to.year - 1)}))
        notice = str(unit_not_valid(unit, period.end))
    if moved := moved_notice(request, period.end):
        notice = (notice + " " if notice else "") + moved
    if unit.valid_from is not None and period.start < unit.valid_from:
        notice = (notice + " " if notice else "") + (
            f"{unit.name} được thành lập từ {unit.valid_from:%d/%m/%Y}: số liệu {period.label_vi.lower()} được "
            "tính từ số liệu của các đơn vị trước sắp xếp (xem ghi chú ở từng chỉ tiêu); kế hoạch của các "
            "đơn vị cũ không áp dụng cho đơn vị mới.")
    groups = unit_groups(units, period.end)
    picked = next((label for label, members in groups if unit in members), "")
    return {"units": units, "unit": unit, "period": period, "error": error, "notice": notice,
            "unit_groups": groups, "picked_group": picked, "periods": _periods(unit, period)}

