from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ktxh.accounts import access
from ktxh.dashboards.context import page, unit_and_period
from ktxh.engine.periods import Period, PeriodError
from ktxh.quality.selectors import violations_for
from ktxh.quality.services import QualityError, quality_run, violation_check


@page
def quality_page(request: HttpRequest) -> HttpResponse:
    ctx = unit_and_period(request)
    if ctx is None:
        return render(request, "dashboards/no_access.html", status=403)
    show = request.GET.get("show", "open")
    rows = violations_for(unit=ctx["unit"], period=ctx["period"], user=request.user,
                          include_closed=show == "all")
    if show == "unchecked":
        rows = rows.filter(checked=False)
    rows = list(rows)
    return render(request, "quality/quality.html", {
        **ctx, "rows": rows, "show": show, "can_review": access.can_review_quality(request.user, ctx["unit"]),
        "unchecked": sum(1 for r in rows if r.is_open and not r.checked),
    })


def _back(unit_code: str, period: str) -> HttpResponse:
    return redirect(f"{reverse('quality')}?unit={unit_code}&period={period}")


@require_POST
def quality_run_view(request: HttpRequest) -> HttpResponse:
    unit = access.units_visible(request.user).filter(code=request.POST.get("unit", "")).first()
    if unit is None:
        raise Http404("Không có đơn vị này hoặc bạn không có quyền xem.")
    if not access.can_review_quality(request.user, unit):
        return HttpResponseForbidden("Bạn không có quyền chạy kiểm tra cho đơn vị này.")
    try:
        period = Period.parse(request.POST.get("period", ""))
    except PeriodError as exc:
        messages.error(request, str(exc))
        return _back(unit.code, "")
    result = quality_run(unit=unit, period=period, actor=request.user)
    messages.success(request, f"Đã kiểm tra {result.rules} quy tắc: {result.found} vi phạm "
                              f"({result.new} mới, {result.resolved} đã hết).")
    for code, why in result.broken.items():
        messages.error(request, f"Quy tắc {code} không đọc được, đã bỏ qua: {why}")
    return _back(unit.code, period.code)


@require_POST
def violation_check_view(request: HttpRequest, pk: int) -> HttpResponse:
    visible = access.units_visible(request.user)
    violation = access.access_violation_by_id(request.user, pk)
    if not access.can_review_quality(request.user, violation.org_unit):
        return HttpResponseForbidden("Bạn không có quyền xác minh số liệu của đơn vị này.")
    try:
        violation_check(actor=request.user, violation=violation, comment=request.POST.get("comment", ""))
        messages.success(request, "Đã ghi nhận: số liệu đã được xác minh là đúng.")
    except QualityError as exc:
        messages.error(request, str(exc))
    unit = request.POST.get("unit") or violation.org_unit.code
    if not visible.filter(code=unit).exists():
        unit = violation.org_unit.code
    return _back(unit, violation.period)
