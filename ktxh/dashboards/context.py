"""The unit and period a page shows, shared by the dashboards and the quality page."""

from django.http import Http404, HttpRequest

from ktxh.accounts import access
from ktxh.engine.periods import Period, PeriodError
from ktxh.values.selectors import default_period, periods_with_data

DEFAULT_PERIOD = "2023"


def unit_and_period(request: HttpRequest):
    """The unit (only among those the user may see) and period asked for, with the
    context every dashboard page shares; None for a user without any role."""
    units = access.units_visible(request.user).order_by("path")
    unit_code = request.GET.get("unit")
    unit = units.filter(code=unit_code).first() if unit_code else access.default_unit(request.user)
    if unit is None:
        if unit_code:
            raise Http404("Không có đơn vị này hoặc bạn không có quyền xem.")
        return None
    periods = periods_with_data(unit)
    error = None
    try:
        asked = request.GET.get("period")
        period = Period.parse(asked) if asked else Period.parse(default_period(unit) or DEFAULT_PERIOD)
    except PeriodError as exc:
        error, period = str(exc), Period.parse(default_period(unit) or DEFAULT_PERIOD)
    return {"units": units, "unit": unit, "period": period, "error": error,
            "periods": [Period.parse(p) for p in periods]}
