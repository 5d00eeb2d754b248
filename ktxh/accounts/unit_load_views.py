"""The web load of the national units: a form that starts a background job (orgunits/jobs.py)
and the job's page, which htmx polls every second until it has ended. Here, not in
orgunits: pages sit above accounts.access, which sits above the unit models."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render

from ktxh.accounts import access
from ktxh.core.jobs import waits_for_worker
from ktxh.engine.numbers import format_number
from ktxh.orgunits import national
from ktxh.orgunits.jobs import job_refresh, job_start
from ktxh.orgunits.models import UnitLoadJob


def _choices(user) -> list[tuple[str, str]]:
    allowed = access.unit_load_provinces(user)
    return [(code, name) for code, name in national.provinces_after_reform() if allowed is None or code in allowed]


def _scope(job: UnitLoadJob, names: dict[str, str]) -> str:
    return names.get(job.province, f"tỉnh mã {job.province}") if job.province else "cả nước"


@login_required
def units_load_page(request: HttpRequest) -> HttpResponse:
    """GET: the form and the recent loads; POST: a load queued, then its page."""
    allowed = access.unit_load_provinces(request.user)
    if allowed == set():
        return HttpResponseForbidden("Chỉ quản trị hệ thống hoặc cán bộ kế hoạch cấp tỉnh được nạp đơn vị hành chính.")
    choices = _choices(request.user)
    if request.method == "POST":
        province = request.POST.get("province", "").strip()
        if (province and province not in dict(choices)) or not access.can_load_units(request.user, province):
            return HttpResponseForbidden("Bạn không có quyền nạp đơn vị hành chính của phạm vi này.")
        return redirect("units_load_job", pk=job_start(actor=request.user, province=province).pk)
    names = dict(choices)
    recent = access.unit_load_jobs_visible(request.user).select_related("created_by")
    return render(request, "units/load.html", {
        "choices": choices, "whole_country": allowed is None, "source": national.source_label(),
        "recent": [(job, _scope(job, names)) for job in recent[:10]],
    })


def _summary(job: UnitLoadJob) -> list[dict]:
    if job.status == UnitLoadJob.Status.FAILED:
        return [{"error": True, "text": f"Không nạp được. {job.message}"}]
    r, n = job.result, (lambda key: format_number(Decimal(job.result.get(key, 0))))
    lines = [{"error": False, "text": f"Đã nạp xong ({r.get('sources', '')}): thêm {n('created')}, cập nhật "
                                      f"{n('updated')}, không đổi {n('unchanged')} đơn vị."}]
    lines.append({"error": False, "text": f"Quan hệ trước - sau sắp xếp: thêm {n('lineage_created')}, cập nhật "
                                          f"{n('lineage_updated')}"
                                          + (f", giữ {n('lineage_kept')} dòng do tỉnh hiệu chỉnh"
                                             if r.get("lineage_kept") else "") + "."})
    return lines


@login_required
def units_load_job_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_refresh(access.access_unit_load_job_by_id(request.user, pk))
    context = {"job": job, "scope": _scope(job, dict(national.provinces_after_reform())),
               "summary": _summary(job) if job.finished else [], "waits_for_worker": waits_for_worker(job)}
    template = "units/_load_status.html" if request.headers.get("HX-Request") else "units/load_job.html"
    return render(request, template, context)
