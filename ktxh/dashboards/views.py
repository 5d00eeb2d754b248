from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ktxh.accounts import access
from ktxh.data.evaluation import evaluation_table
from ktxh.data.selectors import default_period, periods_with_data
from ktxh.engine.periods import Period, PeriodError

DEFAULT_PERIOD = "2023"


def home(request: HttpRequest) -> HttpResponse:
    return redirect(reverse("evaluation"))


def evaluation_page(request: HttpRequest) -> HttpResponse:
    units = access.units_visible(request.user).order_by("path")
    unit_code = request.GET.get("unit")
    unit = units.filter(code=unit_code).first() if unit_code else access.default_unit(request.user)
    if unit is None:
        if unit_code:
            raise Http404("Không có đơn vị này hoặc bạn không có quyền xem.")
        return render(request, "dashboards/no_access.html", status=403)
    periods = periods_with_data(unit)
    fallback = default_period(unit) or DEFAULT_PERIOD
    error = None
    try:
        period = Period.parse(request.GET.get("period") or fallback)
    except PeriodError as exc:
        error, period = str(exc), Period.parse(fallback)
    table = evaluation_table(unit=unit, period=period.code)
    return render(request, "dashboards/evaluation.html", {
        "table": table, "units": units, "unit": unit, "period": period,
        "periods": [Period.parse(p) for p in periods], "error": error,
    })
