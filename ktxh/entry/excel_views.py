"""Download a reporter's pre-filled Excel form; upload it back: preview, then commit
through entry.services.form_commit (the grid's entry_save for every row, all or nothing)."""

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ktxh.accounts import access
from ktxh.engine.fold import fold
from ktxh.entry import services as workflow
from ktxh.entry.excel import FormError, form_build, form_read
from ktxh.entry.selectors import grid_rows
from ktxh.entry.views import _scope

# A form of a few hundred rows is tens of kilobytes; anything near this is not one.
MAX_FORM_BYTES = min(2 * 1024 * 1024, settings.KTXH_MAX_UPLOAD_BYTES)
SIGNING_SALT = "ktxh.entry.upload"


def form_download(request: HttpRequest, round_id: int, data_set_id: int) -> HttpResponse:
    round_, data_set, submission = _scope(request, round_id, data_set_id)
    content = form_build(round_=round_, data_set=data_set, rows=grid_rows(round_, data_set, submission))
    name = fold(f"bieu-{data_set.reporter_unit.code}-{round_.period}").replace(" ", "-")
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _back(round_, data_set):
    return redirect("entry_grid", round_id=round_.pk, data_set_id=data_set.pk)


@require_POST
def form_upload(request: HttpRequest, round_id: int, data_set_id: int) -> HttpResponse:
    round_, data_set, submission = _scope(request, round_id, data_set_id)
    if not access.can_enter_data_set(request.user, data_set):
        raise PermissionDenied("Bạn không được nhập số liệu cho bộ biểu này.")
    upload = request.FILES.get("file")
    ctx = {"round": round_, "data_set": data_set, "problems": [], "changes": []}
    if upload is None:
        messages.error(request, "Chưa chọn tệp.")
        return _back(round_, data_set)
    if upload.size > MAX_FORM_BYTES:
        messages.error(request, f"Tệp quá lớn ({upload.size // 1024} KB); biểu nhập liệu không quá "
                                f"{MAX_FORM_BYTES // 1024} KB.")
        return _back(round_, data_set)
    if not upload.name.lower().endswith(".xlsx"):
        messages.error(request, f"Tệp '{upload.name}' không phải tệp Excel .xlsx.")
        return _back(round_, data_set)
    try:
        changes, problems = form_read(upload.read(), round_=round_, data_set=data_set,
                                      rows=grid_rows(round_, data_set, submission))
    except FormError as exc:
        messages.error(request, str(exc))
        return _back(round_, data_set)
    ctx.update(file_name=upload.name, problems=problems, changes=[] if problems else changes)
    if not problems and changes:
        ctx["payload"] = signing.dumps({
            "round": round_.pk, "data_set": data_set.pk, "file": upload.name,
            "changes": [[c.row.indicator.pk, c.raw, c.kind, c.comment, c.version] for c in changes],
        }, salt=SIGNING_SALT)
    return render(request, "entry/upload_preview.html", ctx, status=400 if problems else 200)


@require_POST
def form_commit(request: HttpRequest, round_id: int, data_set_id: int) -> HttpResponse:
    round_, data_set, _ = _scope(request, round_id, data_set_id)
    try:
        payload = signing.loads(request.POST.get("payload", ""), salt=SIGNING_SALT, max_age=3600)
    except signing.BadSignature:
        messages.error(request, "Bản xem trước đã hết hạn hoặc không hợp lệ; hãy tải tệp lên lại.")
        return _back(round_, data_set)
    if (payload["round"], payload["data_set"]) != (round_.pk, data_set.pk):
        messages.error(request, "Bản xem trước thuộc biểu khác.")
        return _back(round_, data_set)
    try:
        workflow.form_commit(actor=request.user, round_=round_, data_set=data_set, changes=payload["changes"],
                             file_name=payload["file"])
    except workflow.FormRefused as exc:
        return render(request, "entry/upload_preview.html", {
            "round": round_, "data_set": data_set, "problems": exc.problems, "changes": [],
            "file_name": payload["file"], "committing": True}, status=409)
    messages.success(request, f"Đã ghi {len(payload['changes'])} số liệu từ tệp {payload['file']}.")
    return _back(round_, data_set)
