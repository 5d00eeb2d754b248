"""Report pages: list and create, edit prose with a live preview, generate and download.
Every read is scoped through accounts.access."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ktxh.accounts import access
from ktxh.quality.selectors import violation_counts
from ktxh.reports.documents import build_content, formats_for, has_internal_annex
from ktxh.reports.forms import ReportCreateForm, ReportEditForm
from ktxh.reports.jobs import (
    FORMAT_LABEL,
    job_refresh,
    job_start,
    job_waits_for_worker,
    runs_in_background,
)
from ktxh.reports.kinds import ReportKindError
from ktxh.reports.models import ReportFile, ReportJob
from ktxh.reports.pdf import PdfUnavailable
from ktxh.reports.services import ReportInvalid, report_generate, report_save

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _attachment(data: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def report_list(request):
    units = access.units_for_reports(request.user)
    form = ReportCreateForm(request.POST or None, units=units)
    if request.method == "POST":
        if not units:
            raise Http404("Bạn không có quyền lập báo cáo.")
        if form.is_valid():
            try:
                report = report_save(actor=request.user, org_unit=form.cleaned_data["org_unit"],
                                     kind=form.cleaned_data["kind"], period=form.cleaned_data["period"])
            except (ReportKindError, ReportInvalid) as error:
                form.add_error("period", str(error))
            else:
                return redirect("report", pk=report.pk)
    reports = access.reports_visible(request.user).order_by("-updated_at")[:200]
    return render(request, "reports/list.html", {"reports": reports, "form": form, "can_create": bool(units)},
                  status=400 if form.errors else 200)


def _visible_report(request, pk):
    return access.access_report_by_id(request.user, pk)


@require_http_methods(["GET", "POST"])
def report_detail(request, pk):
    report = _visible_report(request, pk)
    writable = access.can_write_reports(request.user, report.org_unit)
    form = ReportEditForm(request.POST or None, instance=report) if writable else None
    if request.method == "POST":
        if not writable:
            raise Http404("Bạn không có quyền sửa báo cáo này.")
        if form.is_valid():
            try:
                report_save(actor=request.user, report=report, org_unit=report.org_unit, kind=report.kind,
                            period=report.period, sections=form.section_values(), **form.metadata())
            except (ReportKindError, ReportInvalid) as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Đã lưu báo cáo.")
                return redirect("report", pk=report.pk)
        report.refresh_from_db()
    content = build_content(report)
    # Shown on the page before download, never written into the document.
    unverified = violation_counts(unit=report.org_unit, period=content["meta"]["period"],
                                  user=request.user)["unchecked"]
    files = report.files.defer("data", "snapshot").select_related("created_by")[:20]
    return render(request, "reports/detail.html", {
        "report": report, "form": form, "writable": writable, "content": content, "files": files,
        "unverified": unverified, "programmes": content.get("programmes") or {},
        "annex1": content["annexes"][0] if content["annexes"] else None,
        "annex2": content["annexes"][1] if len(content["annexes"]) > 1 else None,
        "formats": formats_for(report.kind), "internal_annex": has_internal_annex(report.kind),
    }, status=400 if form is not None and form.errors else 200)


@require_POST
def report_generate_view(request, pk, fmt):
    report = _visible_report(request, pk)
    if fmt not in CONTENT_TYPES or fmt not in formats_for(report.kind):
        raise Http404("Định dạng không hợp lệ.")
    if not access.can_write_reports(request.user, report.org_unit):
        raise Http404("Bạn không có quyền lập tệp báo cáo này.")
    # the office's copy with the internal annex of data checks: asked for explicitly, never the default
    internal = request.POST.get("noi_bo") == "1" and has_internal_annex(report.kind)
    if runs_in_background(report, fmt):  # long work: a job the page follows (reports/jobs.py)
        job = job_start(actor=request.user, report=report, fmt=fmt, internal_notes=internal)
        return redirect("report-job", pk=report.pk, job_id=job.pk)
    try:
        generated = report_generate(actor=request.user, report=report, fmt=fmt, internal_notes=internal)
    except PdfUnavailable as error:
        messages.error(request, str(error))
        return redirect("report", pk=report.pk)
    return _attachment(bytes(generated.data), generated.filename, fmt)


def report_file_download(request, pk, file_id):
    report = _visible_report(request, pk)
    generated = get_object_or_404(ReportFile, pk=file_id, report=report)
    return _attachment(bytes(generated.data), generated.filename, generated.format)


def report_job(request, pk, job_id):
    """The progress of a file being generated; htmx polls the status part every second."""
    report = _visible_report(request, pk)
    job = job_refresh(get_object_or_404(ReportJob, pk=job_id, report=report))
    context = {"report": report, "job": job, "format_label": FORMAT_LABEL[job.format],
               "waits_for_worker": job_waits_for_worker(job)}
    template = "reports/_job_status.html" if request.headers.get("HX-Request") else "reports/job.html"
    return render(request, template, context)
