"""Web review of an uploaded report: upload -> facts beside the highlighted text -> accept.

Every read is scoped by ktxh.accounts.access; every figure shown comes from the engine
(extraction, checks, unit conversion); values are written only by imports.services.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ktxh.accounts import access
from ktxh.catalog.models import Indicator
from ktxh.engine.periods import Period, PeriodError
from ktxh.imports import jobs, services
from ktxh.imports.presentation import fact_rows, finding_rows, source_lines, unmatched_phrases
from ktxh.orgunits.selectors import UnitNotFound, orgunit_find, unit_choices


def upload_page(request: HttpRequest) -> HttpResponse:
    """The upload only bounds and stores the file; a job reads it (imports/jobs.py)."""
    may_upload = access.units_for_import(request.user).exists()
    if request.method == "POST":
        if not may_upload:
            return HttpResponseForbidden("Bạn không có quyền nhập số liệu từ báo cáo.")
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, "Chưa chọn tệp báo cáo.")
        elif upload.size > services.MAX_UPLOAD_BYTES:  # checked before the file is read
            messages.error(request, f"Tệp {upload.name} quá lớn ({upload.size / 1048576:.1f} MB; giới hạn "
                                    f"{services.MAX_UPLOAD_BYTES // 1048576} MB).")
        else:
            data = upload.read()
            doc = services.document_already_uploaded(actor=request.user, data=data)
            if doc is not None:
                messages.info(request, f"Tệp {upload.name} đã được tải lên trước đây; mở lại bản đã lưu.")
                return redirect("import_review", pk=doc.pk)
            try:
                job = jobs.job_start(actor=request.user, file_name=upload.name, data=data)
            except services.ImportFailed as exc:
                for problem in exc.problems:
                    messages.error(request, problem)
            else:
                job = jobs.job_refresh(job)  # the immediate backend (tests) has run it already
                if job.status != job.Status.FAILED:
                    return redirect("import_job", job_id=job.pk) if not job.finished else _job_done(request, job)
                messages.error(request, job.message)
    docs = access.imported_documents_visible(request.user)[:30]
    status = 400 if request.method == "POST" else 200
    return render(request, "imports/upload.html", {"docs": docs, "may_upload": may_upload,
                                                   "max_mb": services.MAX_UPLOAD_BYTES // 1048576}, status=status)


def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress of an upload being read; htmx polls the status part every second and is sent
    on to the review page when the job has read the file."""
    job = jobs.job_refresh(access.access_import_job_by_id(request.user, job_id))
    review = reverse("import_review", args=[job.document_id]) if job.status == job.Status.DONE and job.document_id \
        else ""
    if review and request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = review
        return response
    if review:
        return _job_done(request, job)
    template = "imports/_job_status.html" if request.headers.get("HX-Request") else "imports/job.html"
    return render(request, template, {"job": job, "review": review})


def _job_done(request: HttpRequest, job) -> HttpResponse:
    """A read upload opens its review page."""
    if job.existed:
        messages.info(request, f"Tệp {job.file_name} đã được tải lên trước đây; mở lại bản đã lưu.")
    return redirect("import_review", pk=job.document_id)


def _document(request: HttpRequest, pk: int):
    return access.access_imported_document_by_id(request.user, pk)


def _period_end(doc):
    try:
        return Period.parse(doc.period).end if doc.period else None
    except PeriodError:
        return None


def _default_unit(doc, fact, allowed):
    """The commune a sentence names, when the user may write for it; else the document's unit."""
    if fact.org_unit and fact.org_unit.lower().startswith(("xã ", "thị trấn ")):
        try:
            # a name is read as of the document's period (a code or name may name an old and a new unit)
            unit = orgunit_find(fact.org_unit, as_of=_period_end(doc))
        except UnitNotFound:
            unit = None
        if unit is not None and unit in allowed:
            return unit
    return doc.org_unit


PAGE_SIZE = 100  # rows per page: 100 rows x 8 fields stays under DATA_UPLOAD_MAX_NUMBER_FIELDS


def _page_number(raw: str) -> int:
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100000 else 1


def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    allowed_qs = access.units_for_import(request.user)
    allowed = list(allowed_qs.order_by("path"))
    if services.needs_period(doc):
        return render(request, "imports/period.html", {
            "doc": doc, "guess": services.guessed_period(doc), "units": allowed, "may_accept": bool(allowed),
            "unit_choices": unit_choices(allowed, datetime.date.today()),
            "lines": source_lines(doc.text, []),
        })
    review = services.document_review(doc)
    show_all = request.GET.get("tat-ca") == "1"
    rows = fact_rows(review, lambda fact: _default_unit(doc, fact, allowed), show_all=show_all)
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(_page_number(request.GET.get("trang", "")), pages)
    rows = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    # the unit list: names grouped by vintage as of the document's period (orgunits.selectors)
    choices = unit_choices(allowed, _period_end(doc) or datetime.date.today())
    value_of = {u.pk: value for _, members in choices for value, u in members}
    stored = services.stored_values([(r.indicator_code, r.unit, r.period) for r in rows], allowed_qs)
    for r in rows:
        if r.unit is not None:
            r.unit_code = value_of.get(r.unit.pk, r.unit.key)
        here = stored.get((r.indicator_code, r.unit, r.period), [])
        r.stored = [services.describe_stored(v) for v in here]
        r.differs = bool(r.value is not None and here and here[0].value != r.value)
    return render(request, "imports/review.html", {
        "doc": doc, "rows": rows, "lines": source_lines(doc.text, review.facts),
        "findings": finding_rows(review.findings), "unmatched": unmatched_phrases(review.facts),
        "indicators": Indicator.objects.order_by("code").only("code", "name", "unit"),
        "units": allowed, "unit_choices": choices, "may_accept": bool(allowed), "show_all": show_all,
        "total_facts": len(review.facts), "kinds": services.KINDS,
        "page": page, "pages": range(1, pages + 1) if pages > 1 else [], "matched": sum(1 for f in review.facts if f.catalog_code),
    })


@require_POST
def accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    if not access.units_for_import(request.user).exists():
        return HttpResponseForbidden("Bạn không có quyền nhận số liệu từ báo cáo.")
    if services.needs_period(doc):
        messages.error(request, "Chọn kỳ báo cáo và đơn vị của văn bản trước khi nhận số liệu.")
        return redirect("import_review", pk=doc.pk)
    if request.POST.get("nhan-tat-ca") == "1":
        return _accept_all(request, doc)
    choices = []
    for raw in request.POST.getlist("chon"):
        if not raw.isdigit():
            continue
        i = int(raw)
        start = request.POST.get(f"start-{i}", "")
        choices.append(services.Choice(
            index=i, indicator=request.POST.get(f"chi-tieu-{i}", ""), period=request.POST.get(f"ky-{i}", ""),
            kind=request.POST.get(f"loai-{i}", ""), unit=request.POST.get(f"don-vi-{i}", ""),
            start=int(start) if start.isdigit() else -1,
            replace=request.POST.get(f"thay-the-{i}") == "1", reason=request.POST.get(f"ly-do-{i}", "")[:500]))
    try:
        written = services.facts_accept(actor=request.user, doc=doc, choices=choices)
    except services.ImportFailed as exc:
        messages.error(request, f"Chưa ghi số liệu nào ({len(exc.problems)} lỗi):")
        for problem in exc.problems[:50]:
            messages.error(request, problem)
    else:
        messages.success(request, f"Đã ghi {written} số liệu từ {doc.file_name} (nguồn: tệp và dòng của từng số).")
    suffix = "?tat-ca=1" if request.POST.get("tat-ca") == "1" else ""
    page = _page_number(request.POST.get("trang", ""))
    if page > 1:
        suffix += ("&" if suffix else "?") + f"trang={page}"
    return redirect(reverse("import_review", args=[doc.pk]) + suffix)


@require_POST
def period_view(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    if not access.units_for_import(request.user).exists():
        return HttpResponseForbidden("Bạn không có quyền nhập số liệu từ báo cáo.")
    try:
        services.document_period_set(actor=request.user, doc=doc, period=request.POST.get("ky", ""),
                                     unit_code=request.POST.get("don-vi", ""))
    except services.ImportFailed as exc:
        for problem in exc.problems:
            messages.error(request, problem)
    return redirect("import_review", pk=doc.pk)


def _accept_all(request: HttpRequest, doc) -> HttpResponse:
    """Every matched fact with its proposed indicator, period, kind and unit, in one service call."""
    allowed = list(access.units_for_import(request.user).order_by("path"))
    choices, skipped = services.matched_choices(actor=request.user, doc=doc,
                                                unit_for=lambda fact: _default_unit(doc, fact, allowed))
    written = 0
    if choices:
        try:
            written = services.facts_accept(actor=request.user, doc=doc, choices=choices)
        except services.ImportFailed as exc:
            messages.error(request, f"Chưa ghi số liệu nào ({len(exc.problems)} lỗi):")
            for problem in exc.problems[:50]:
                messages.error(request, problem)
            return redirect("import_review", pk=doc.pk)
    messages.success(request, f"Đã ghi {written} số liệu khớp danh mục từ {doc.file_name}.")
    if skipped:
        messages.info(request, f"Để lại {len(skipped)} số liệu cần xem từng dòng:")
        for reason in skipped[:50]:
            messages.info(request, reason)
    return redirect("import_review", pk=doc.pk)
