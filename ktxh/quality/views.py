from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ktxh.accounts import access
from ktxh.core.jobs import waits_for_worker
from ktxh.dashboards.context import page, unit_and_period
from ktxh.engine.numbers import format_number
from ktxh.engine.periods import Period, PeriodError
from ktxh.quality.jobs import job_refresh, job_start
from ktxh.quality.models import QualityJob
from ktxh.quality.selectors import violations_for
from ktxh.quality.services import QualityError, violation_check


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


def _back_url(unit_code: str, period: str) -> str:
    return f"{reverse('quality')}?unit={unit_code}&period={period}"


def _back(unit_code: str, period: str) -> HttpResponse:
    return redirect(_back_url(unit_code, period))


@require_POST
def quality_run_view(request: HttpRequest) -> HttpResponse:
    """Re-run the rules: a job the next page follows (quality/jobs.py)."""
    unit = access.access_unit_by_code(request.user, request.POST.get("unit", ""))
    if not access.can_review_quality(request.user, unit):
        return HttpResponseForbidden("Bạn không có quyền chạy kiểm tra cho đơn vị này.")
    try:
        period = Period.parse(request.POST.get("period", ""))
    except PeriodError as exc:
        messages.error(request, str(exc))
        return _back(unit.key, "")
    job = job_start(actor=request.user, unit=unit, period=period)
    return redirect("quality_job", pk=job.pk)


def _summary(job: QualityJob) -> list[tuple[int, str]]:
    """What a finished job found, as the messages the quality page shows."""
    if job.status == QualityJob.Status.FAILED:
        return [(messages.ERROR, f"Không kiểm tra được. {job.message}")]
    r = job.result
    out = [(messages.SUCCESS, f"Đã kiểm tra {format_number(Decimal(r['rules']))} quy tắc: "
                              f"{format_number(Decimal(r['found']))} vi phạm ({format_number(Decimal(r['new']))} mới, "
                              f"{format_number(Decimal(r['resolved']))} đã hết).")]
    out += [(messages.ERROR, f"Quy tắc {code} không đọc được, đã bỏ qua: {why}") for code, why in r["broken"].items()]
    return out


def quality_job_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of a re-run; htmx polls the status part every second and, once it has
    ended, goes back to the quality page, which shows what it found."""
    job = job_refresh(access.access_quality_job_by_id(request.user, pk))
    back = _back_url(job.org_unit.key, job.period)
    if request.headers.get("HX-Request") and job.finished:
        for level, text in _summary(job):
            messages.add_message(request, level, text)
        response = HttpResponse(status=204)
        response["HX-Redirect"] = back
        return response
    summary = [{"error": level == messages.ERROR, "text": text} for level, text in _summary(job)] if job.finished else []
    context = {"job": job, "back": back, "summary": summary, "period_label": Period.of(job.period).label_vi,
               "waits_for_worker": waits_for_worker(job)}
    template = "quality/_job_status.html" if request.headers.get("HX-Request") else "quality/job.html"
    return render(request, template, context)


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
