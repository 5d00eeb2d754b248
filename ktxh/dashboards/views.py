
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ktxh.accounts import access
from ktxh.catalog.models import Agency, Indicator, IndicatorGroup
from ktxh.dashboards.communes import comparison
from ktxh.dashboards.context import page, unit_and_period
from ktxh.dashboards.export import matrix_xlsx
from ktxh.dashboards.indicator import chart_data, indicator_view
from ktxh.dashboards.overview import ATTENTION, STATUS_CHOICES, overview
from ktxh.dashboards.progress import default_progress_period, progress_rows
from ktxh.engine.semantics import Status


def home(request: HttpRequest) -> HttpResponse:
    return redirect(reverse("entry_home" if access.lands_on_entry(request.user) else "evaluation"))


@page
def evaluation_page(request: HttpRequest) -> HttpResponse:
    ctx = unit_and_period(request)
    if ctx is None:
        return render(request, "dashboards/no_access.html", status=403)
    filters = {k: request.GET.get(k, "").strip()[:100] for k in ("group", "status", "agency", "q")}
    data = overview(unit=ctx["unit"], period=ctx["period"], group=filters["group"],
                    status=filters["status"], agency=filters["agency"], query=filters["q"])
    chips = [(code, label, data.counts.get(code, 0)) for code, label in STATUS_CHOICES
             if data.counts.get(code, 0) or code == ATTENTION]
    return render(request, "dashboards/evaluation.html", {
        **ctx, "table": data.table, "data": data, "filters": filters, "chips": chips,
        "groups": IndicatorGroup.objects.all(), "agencies": Agency.objects.all(),
        "status_choices": STATUS_CHOICES, "filtered": any(filters.values()),
    })


@page
def indicator_page(request: HttpRequest, code: str) -> HttpResponse:
    ctx = unit_and_period(request)
    if ctx is None:
        return render(request, "dashboards/no_access.html", status=403)
    indicator = Indicator.objects.filter(code=code).select_related("group", "responsible_agency").first()
    if indicator is None:
        raise Http404("Không có chỉ tiêu này.")
    view = indicator_view(indicator=indicator, unit=ctx["unit"], period=ctx["period"])
    return render(request, "dashboards/indicator.html", {
        **ctx, "indicator": indicator, "view": view, "chart": chart_data(view),
    })


@page
def communes_page(request: HttpRequest) -> HttpResponse:
    ctx = unit_and_period(request)
    if ctx is None:
        return render(request, "dashboards/no_access.html", status=403)
    only_behind = request.GET.get("status") == "not_met"
    sort = request.GET.get("sort", "")[:40]
    data = comparison(unit=ctx["unit"], period=ctx["period"], only_behind=only_behind, sort=sort)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(matrix_xlsx(data), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        name = f"so-sanh-xa-{ctx['unit'].code}-{ctx['period'].code}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(request, "dashboards/communes.html", {
        **ctx, "data": data, "matrix": data.matrix, "only_behind": only_behind, "sort": sort,
    })


@page
def progress_page(request: HttpRequest) -> HttpResponse:
    ctx = unit_and_period(request)
    if ctx is None:
        return render(request, "dashboards/no_access.html", status=403)
    if not request.GET.get("period"):
        ctx["period"] = default_progress_period(unit=ctx["unit"], periods=ctx["periods"]) or ctx["period"]
    table, rows = progress_rows(unit=ctx["unit"], period=ctx["period"])
    return render(request, "dashboards/progress.html", {
        **ctx, "rows": rows, "at_risk": sum(r.projection.at_risk for r in rows),
        "ytd_periods": [p for p in ctx["periods"] if p.is_year_to_date], "not_met": Status.NOT_MET,
    })
