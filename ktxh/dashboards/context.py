"""The unit and period a page shows, shared by the dashboards and the quality page.

A code names the unit in force at the end of the period (docs/data-files.md, "Units:
code + vintage"); a dissolved unit asked for a later period goes to its successor."""

import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ktxh.accounts import access
from ktxh.engine.periods import Period, PeriodError
from ktxh.orgunits.models import REFORM_DATE
from ktxh.orgunits.selectors import unit_not_valid, unit_predecessors
from ktxh.values.selectors import default_period, periods_with_data

DEFAULT_PERIOD = "2023"


class UnitMoved(Exception):
    """The unit asked for was dissolved before the period: the page goes to its successor."""

    def __init__(self, response: HttpResponse):
        self.response = response


def _pick_unit(units, text: str, day):
    """A unit among `units` by key ("03583@2025"), or by code, the one in force on `day`
    first (a code may name an old and a new unit, docs/data-files.md)."""
    code, _, vintage = text.partition("@")
    found = list(units.filter(code=code, **({"vintage": vintage} if vintage else {})))
    if not found and not vintage:
        found = list(units.filter(official_code=code))
    valid = [u for u in found if u.valid_on(day)]
    return (valid or found or [None])[0]


def _moved(request: HttpRequest, unit, period: Period) -> HttpResponse:
    """A dissolved unit asked for a later period: to its only successor (with a banner
    saying so), or a page listing its successors. Never an empty table."""
    error = unit_not_valid(unit, period.end)
    visible = set(access.units_visible(request.user).values_list("pk", flat=True))
    targets = [link.unit for link in error.successors if link.unit.pk in visible]
    if len(error.successors) == 1 and targets:
        query = request.GET.copy()
        query["unit"], query["period"], query["tu"] = targets[0].key, period.code, unit.key
        return redirect(f"{request.path}?{query.urlencode()}")
    return render(request, "dashboards/moved.html", {"message": str(error), "old": unit, "period": period,
                                                     "targets": targets, "path": request.path})


def _unit_groups(units, period: Period) -> list[tuple[str, list]]:
    """The unit picker's groups, by vintage: today's units and the units before the
    reform (a unit whose territory did not change is in both)."""
    units = list(units)
    today = [u for u in units if u.valid_to is None or u.valid_to >= REFORM_DATE]
    before = [u for u in units if u.valid_from is None or u.valid_from < REFORM_DATE]
    groups = [("Đơn vị từ 01/07/2025", today), ("Đơn vị trước 01/07/2025", before)]
    if period.end < REFORM_DATE:
        groups.reverse()
    return [(label, members) for label, members in groups if members]


def _periods(unit) -> list[Period]:
    """Periods with data for the unit, and, for a unit created by the reform, the
    periods of its predecessors before it (their figures are carried to it)."""
    codes = set(periods_with_data(unit))
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
    unit = _pick_unit(units, unit_code, day) if unit_code else access.default_unit(request.user)
    if unit is None:
        if unit_code:
            raise Http404("Không có đơn vị này hoặc bạn không có quyền xem.")
        return None
    if period is None:
        period = Period.parse(default_period(unit) or DEFAULT_PERIOD)
    notice = ""
    if unit.valid_to is not None and period.start > unit.valid_to:
        # Figures recorded for the dissolved unit itself in that period (the seeds' 2026 round of
        # Huyện Phong Thổ) are shown, with the note naming its successors; otherwise it moves.
        if not unit.values.filter(period=period.code).exists():
            raise UnitMoved(_moved(request, unit, period))
        notice = str(unit_not_valid(unit, period.end))
    if old_key := (request.GET.get("tu") or "").strip()[:40]:
        old = _pick_unit(units, old_key, REFORM_DATE - datetime.timedelta(days=1))
        if old is not None and (moved := unit_not_valid(old, period.end)) is not None:
            notice = (notice + " " if notice else "") + str(moved)
    if unit.valid_from is not None and period.start < unit.valid_from:
        notice = (notice + " " if notice else "") + (
            f"{unit.name} được thành lập từ {unit.valid_from:%d/%m/%Y}: số liệu {period.label_vi.lower()} được "
            "tính từ số liệu của các đơn vị trước sắp xếp (xem ghi chú ở từng chỉ tiêu); kế hoạch của các "
            "đơn vị cũ không áp dụng cho đơn vị mới.")
    groups = _unit_groups(units, period)
    picked = next((label for label, members in groups if unit in members), "")
    return {"units": units, "unit": unit, "period": period, "error": error, "notice": notice,
            "unit_groups": groups, "picked_group": picked, "periods": _periods(unit)}


def page(view):
    """Pages that show one unit and period: a dissolved unit goes to its successor."""
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except UnitMoved as moved:
            return moved.response
    wrapped.__name__, wrapped.__doc__ = view.__name__, view.__doc__
    return wrapped
