"""Pages of the poverty review: the list of reviews, a review's figures (aggregates: anyone who
reads the unit), the household list (records: accounts.access decides, every view logged),
the import, correction, publish and approve steps, and the annexes (XLSX, DOCX)."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ktxh.accounts import access
from ktxh.core.jobs import waits_for_worker
from ktxh.engine.numbers import NumberFormatError, format_number, parse_number
from ktxh.engine.poverty import (
    CLASSES,
    INDICATOR_CODES,
    INDICATORS,
    StandardNotFound,
    mask_codes,
    standard_get,
)
from ktxh.poverty import annex, columns, jobs, services
from ktxh.poverty.columns import (
    TARGETS,
    column_labels,
    column_letter,
    mapping_check,
    mapping_propose,
)
from ktxh.poverty.models import ColumnMemory, HouseholdYear, ListImport, PovertyEvent, Review
from ktxh.poverty.selectors import review_class_counts, review_figures

PAGE = 200  # households per page of the list


def index(request):
    reviews = access.poverty_reviews_visible(request.user).order_by("commune__name", "-year")
    openable = [u for u in access.poverty_record_communes(request.user).order_by("name")
                if access.can_edit_poverty_review(request.user, u)]
    rows = review_class_counts(list(reviews[:200]))
    return render(request, "poverty/index.html", {"rows": rows, "openable": openable})


@require_POST
def review_open(request):
    commune = access.poverty_record_communes(request.user).filter(pk=_int(request.POST.get("commune"))).first()
    if commune is None or not access.can_edit_poverty_review(request.user, commune):
        return HttpResponseForbidden("Bạn không có quyền mở đợt rà soát của xã này.")
    year = _int(request.POST.get("year"))
    try:
        review = services.review_open(actor=request.user, commune=commune, year=year)
    except (StandardNotFound, services.PovertyError) as error:
        messages.error(request, str(error))
        return redirect("poverty")
    return redirect("poverty_review", review.pk)


def _int(text) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return 0


def review_page(request, review_id: int):
    review = access.access_poverty_review_by_id(request.user, review_id)
    figures = review_figures(review)
    user, commune = request.user, review.commune
    standard = standard_get(review.standard)
    top = max([d[2] for d in figures.deprivation] + [1])
    bars = [(name, count, share, round(count * 100 / top)) for _, name, count, share in figures.deprivation]
    return render(request, "poverty/review.html", {
        "review": review, "f": figures, "standard": standard, "bars": bars,
        "records": access.can_view_household_records(user, commune),
        "can_export": access.can_export_household_records(user, commune),
        "can_edit": access.can_edit_poverty_review(user, commune) and review.state == Review.State.OPEN,
        "can_approve": access.can_approve_poverty_review(user, commune) and review.state == Review.State.PUBLISHED,
        "events": review.events.exclude(action__in=["view", "export"]).select_related("actor").order_by("-at")[:20],
        # the clerk's import under way or failed: followed from here too
        "pending": _pending(review) if access.can_edit_poverty_review(user, commune) else None,
    })


def _pending(review):
    """The review's latest upload when it is being imported or failed (not a draft nor done)."""
    latest = ListImport.objects.filter(review=review).defer("data", "head").first()
    return latest if latest and latest.status in ("queued", "running", "failed") else None


@require_POST
def review_import(request, review_id: int):
    """Step 1 of an import: the file is measured, read and kept; the mapping page follows."""
    review = access.access_poverty_review_by_id(request.user, review_id)
    if not access.can_edit_poverty_review(request.user, review.commune):
        return HttpResponseForbidden("Bạn không có quyền nhập danh sách của xã này.")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Hãy chọn tệp danh sách rà soát (.xlsx hoặc .csv).")
        return redirect("poverty_review", review.pk)
    if upload.size > services.MAX_LIST_BYTES:  # not read at all
        problems = [f"Tệp '{upload.name}': chỉ nhận .xlsx hoặc .csv, không quá 5 MB."]
    else:
        try:
            kept = services.list_upload(actor=request.user, review=review, file_name=upload.name,
                                        data=upload.read())
            return redirect("poverty_import_columns", review.pk, kept.pk)
        except services.PovertyError as error:
            problems = error.messages
    return render(request, "poverty/import_errors.html", {
        "review": review, "file_name": upload.name, "problems": problems}, status=400)


def _header_rows(request, upload) -> tuple[int, int]:
    first, last = _int(request.POST.get("hang_dau")), _int(request.POST.get("hang_cuoi"))
    if not 1 <= first <= last <= min(first + 9, services.HEAD_ROWS - 1):
        return upload.header_first, upload.header_last
    return first, last


def _option_label(label: str) -> str:
    """The sub-header first ("Việc làm (Các chỉ số thiếu hụt…)"): a select shows the start of its text."""
    if not label:
        return "(không tên)"
    parts = label.split(" / ")
    if len(parts) == 1:
        return label
    return f"{parts[-1]} ({' / '.join(parts[:-1])[:40]}{'…' if len(' / '.join(parts[:-1])) > 40 else ''})"


def import_columns(request, review_id: int, import_id: int):
    """Step 2: the proposed mapping of the file's columns onto the plain format, corrected by the
    clerk; "Kiểm tra và nhập" queues the job (poverty/jobs.py) that validates the whole file."""
    review = access.access_poverty_review_by_id(request.user, review_id)
    upload = access.access_poverty_import_by_id(request.user, review, import_id)
    if upload.status == upload.Status.DONE or not upload.data:
        messages.info(request, f"Tệp {upload.file_name} đã được nhập hoặc đã thay bằng tệp khác.")
        return redirect("poverty_review", review.pk)
    if upload.status in (upload.Status.QUEUED, upload.Status.RUNNING):
        return redirect("poverty_import_job", review.pk, upload.pk)
    cells = [list(row) for row in upload.head]  # the first rows, kept at the upload
    memory = ColumnMemory.objects.filter(province_id=review.province_id, commune=review.commune).first()
    first, last = upload.header_first, upload.header_last
    problems: list[str] = []
    status = 200
    action = request.POST.get("action") if request.method == "POST" else None
    if action in ("doc_lai", "nhap"):
        first, last = _header_rows(request, upload)
    labels = column_labels(cells, first, last) if first <= len(cells) else []
    if action == "nhap":
        choices = {t.code: request.POST.get(f"cot_{t.code}", "") for t in TARGETS}
        problems = mapping_check(choices, labels) if labels else ["Dòng tiêu đề không có trong tệp."]
        if not problems:
            try:
                job = jobs.import_start(actor=request.user, upload=upload, first=first, last=last, choices=choices)
            except services.PovertyError as error:
                messages.error(request, str(error))
                return redirect("poverty_review", review.pk)
            return redirect("poverty_import_job", review.pk, job.pk)
        status = 400
    elif upload.mapping and (first, last) == (upload.header_first, upload.header_last):
        choices = dict(upload.mapping)  # back from a failed run: the clerk's own mapping
    else:
        choices = mapping_propose(labels, memory.columns if memory else None)
    sample = cells[last] if last < len(cells) else []
    options = [(str(i), f"{column_letter(i)} · {_option_label(label)}"
                + (f" — vd: {sample[i][:30]}" if i < len(sample) and sample[i].strip() else ""))
               for i, label in enumerate(labels)]
    groups: dict[str, list] = {}
    for t in TARGETS:
        specials = [(columns.NONE, "— Không có cột này —")] if not t.required else []
        if t.code == "xa":
            specials = [(columns.REVIEW_COMMUNE, f"— Không có cột: cả danh sách là {review.commune.name} —")]
        elif t.code == "khu_vuc":
            specials = [(k, f"— Không có cột: {v.lower()} —") for k, v in columns.CONSTANT_AREAS.items()]
        if t.required and choices.get(t.code, "") == "":
            specials = [("", "— Chọn cột —"), *specials]
        groups.setdefault(t.group, []).append((t, specials, choices.get(t.code, "")))
    return render(request, "poverty/import_columns.html", {
        "review": review, "upload": upload, "first": first, "last": last, "groups": groups, "options": options,
        "problems": problems, "memory": memory, "header_preview": cells[first - 1:last] if cells else [],
    }, status=status)


def import_job(request, review_id: int, import_id: int):
    """Step 3: the job's progress ("bước 2/3"), polled every second by htmx; when the list is
    written the poll answers HX-Redirect to the review page; a failure lists every problem."""
    review = access.access_poverty_review_by_id(request.user, review_id)
    job = jobs.job_refresh(access.access_poverty_import_by_id(request.user, review, import_id))
    done = reverse("poverty_review", args=[review.pk]) if job.status == job.Status.DONE else ""
    if done:
        n = format_number  # quantities in the Vietnamese format (10.000 hộ)
        skipped = f"; bỏ qua {n(job.skipped)} dòng không phải hộ (tiêu đề thôn, chữ ký)" if job.skipped else ""
        messages.success(request, f"Đã nhập {n(job.entries)} hộ từ {job.file_name} ({n(job.created)} hộ mới, "
                                  f"{n(job.updated)} hộ cập nhật{skipped}).")
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = done
            return response
        return redirect(done)
    template = "poverty/_import_status.html" if request.headers.get("HX-Request") else "poverty/import_job.html"
    return render(request, template, {"review": review, "job": job, "waits": waits_for_worker(job)})


@require_POST
def review_publish(request, review_id: int):
    review = access.access_poverty_review_by_id(request.user, review_id)
    if not access.can_edit_poverty_review(request.user, review.commune):
        return HttpResponseForbidden("Bạn không có quyền niêm yết danh sách của xã này.")
    try:
        services.review_publish(actor=request.user, review=review)
        messages.success(request, "Đã niêm yết danh sách; chờ Chủ tịch UBND xã phê duyệt.")
    except services.PovertyError as error:
        messages.error(request, str(error))
    return redirect("poverty_review", review.pk)


@require_POST
def review_approve(request, review_id: int):
    review = access.access_poverty_review_by_id(request.user, review_id)
    if not access.can_approve_poverty_review(request.user, review.commune):
        return HttpResponseForbidden("Chỉ Chủ tịch (lãnh đạo) UBND xã phê duyệt kết quả rà soát.")
    try:
        written = services.review_approve(actor=request.user, review=review)
        messages.success(request, f"Đã phê duyệt; {len(written)} số liệu chỉ tiêu được cập nhật.")
    except services.PovertyError as error:
        messages.error(request, str(error))
    return redirect("poverty_review", review.pk)


def _records_or_403(request, review):
    if not access.can_view_household_records(request.user, review.commune):
        return HttpResponseForbidden("Danh sách hộ là dữ liệu cá nhân: chỉ cán bộ xã và cán bộ giảm nghèo của tỉnh "
                                     "được xem. Bạn xem được số liệu tổng hợp.")
    return None


def household_list(request, review_id: int):
    review = access.access_poverty_review_by_id(request.user, review_id)
    if (denied := _records_or_403(request, review)) is not None:
        return denied
    klass = request.GET.get("loai", "")
    entries = HouseholdYear.objects.filter(review=review).select_related("household").order_by(
        "household__village", "household__code")
    if klass in CLASSES:
        entries = entries.filter(klass=klass)
    printing = request.GET.get("in") == "1"
    page = max(_int(request.GET.get("trang")) or 1, 1)
    total = entries.count()
    shown = list(entries if printing else entries[(page - 1) * PAGE: page * PAGE])
    services.records_access_log(actor=request.user, review=review, action=PovertyEvent.Action.VIEW,
                                detail=f"Xem danh sách hộ{' (bản in)' if printing else ''}: {len(shown)} hộ"
                                       f"{', ' + CLASSES[klass] if klass in CLASSES else ''}")
    rows = [(e, sorted(INDICATORS[c][1] for c in mask_codes(e.deprivation_mask))) for e in shown]
    return render(request, "poverty/list_print.html" if printing else "poverty/list.html", {
        "review": review, "rows": rows, "klass": klass, "classes": CLASSES, "klass_label": CLASSES.get(klass, ""), "page": page, "total": total,
        "pages": range(1, (total + PAGE - 1) // PAGE + 1), "can_edit": access.can_edit_poverty_review(
            request.user, review.commune) and review.state == Review.State.OPEN})


def household_edit(request, review_id: int, entry_id: int):
    review = access.access_poverty_review_by_id(request.user, review_id)
    if not access.can_edit_poverty_review(request.user, review.commune):
        return HttpResponseForbidden("Bạn không có quyền sửa danh sách của xã này.")
    entry = HouseholdYear.objects.filter(review=review, pk=_int(entry_id)).select_related("household").first()
    if entry is None:
        return HttpResponse("Không có hộ này trong đợt rà soát.", status=404)
    error = None
    if request.method == "POST":
        try:
            income = parse_number(request.POST.get("income", ""))
            members_value = parse_number(request.POST.get("members", ""))
            # 2,5 people is refused by the service, never truncated to 2
            members = int(members_value) if members_value == members_value.to_integral_value() else -1
            deprived = frozenset(c for c in INDICATOR_CODES if request.POST.get(c) == "1")
            services.household_entry_save(
                actor=request.user, entry=entry, income=income, members=members, deprived=deprived,
                status=request.POST.get("status", "present"), village=request.POST.get("village", ""),
                head_name=request.POST.get("head_name", ""), ethnicity=request.POST.get("ethnicity", ""))
            messages.success(request, f"Đã lưu hộ {entry.household.code}.")
            return redirect(reverse("poverty_list", args=[review.pk]))
        except (NumberFormatError, InvalidOperation, ValueError) as exc:
            error = str(exc) if isinstance(exc, services.PovertyError) else \
                "Thu nhập và số nhân khẩu phải là số (ví dụ 1.450.000)."
    services.records_access_log(actor=request.user, review=review, action=PovertyEvent.Action.VIEW,
                                detail=f"Xem hộ {entry.household.code}")
    lacking = mask_codes(entry.deprivation_mask)
    return render(request, "poverty/edit.html", {
        "review": review, "entry": entry, "error": error, "statuses": HouseholdYear.Status.choices,
        "indicators": [(c, INDICATORS[c][1], c in lacking) for c in INDICATOR_CODES],
        "income": Decimal(entry.income)})


def annex_xlsx(request, review_id: int):
    review = access.access_poverty_review_by_id(request.user, review_id)
    return _file(annex.annex_xlsx(review_figures(review)), f"phu_luc_ra_soat_{review.year}.xlsx",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def annex_docx(request, review_id: int):
    review = access.access_poverty_review_by_id(request.user, review_id)
    return _file(annex.annex_docx(review_figures(review)), f"phu_luc_ra_soat_{review.year}.docx",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def list_xlsx(request, review_id: int):
    """The household list itself: for the commune's own staff, and logged."""
    review = access.access_poverty_review_by_id(request.user, review_id)
    if not access.can_export_household_records(request.user, review.commune):
        return HttpResponseForbidden("Danh sách hộ chỉ được xuất tại xã.")
    entries = list(HouseholdYear.objects.filter(review=review).select_related("household").order_by(
        "household__village", "household__code"))
    services.records_access_log(actor=request.user, review=review, action=PovertyEvent.Action.EXPORT,
                                detail=f"Xuất danh sách hộ (XLSX): {len(entries)} hộ")
    return _file(annex.list_xlsx(review, entries), f"danh_sach_ho_{review.year}.xlsx",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _file(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
