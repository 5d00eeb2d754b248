"""Pages of data entry and approval: my reports, the grid, cell saves (htmx), the
workflow buttons, a value's history and the planning office's overview.
Every object is reached through accounts.access; every write through a service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ktxh.accounts import access
from ktxh.engine.periods import Period
from ktxh.entry import services as workflow
from ktxh.entry.models import ReportingRound, Submission
from ktxh.entry.selectors import (
    entry_cell,
    grid_row,
    grid_rows,
    reporter_status,
    round_overview,
    submission_find,
)
from ktxh.orgunits.selectors import unit_not_valid
from ktxh.values.history import value_history
from ktxh.values.services import ValueConflict, ValueLocked


def _scope(request: HttpRequest, round_id: int, data_set_id: int):
    """The round and data set, if the user may read this reporter's reports (one query)."""
    data_set, round_ = access.access_entry_scope_by_ids(request.user, round_id, data_set_id)
    if Period.parse(round_.period).kind.value != data_set.period_kind:
        raise Http404("Bộ biểu này không báo cáo theo loại kỳ của đợt báo cáo này.")
    return round_, data_set, submission_find(round_, data_set)


def entry_home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    visible = access.data_sets_visible(request.user)
    enterable = {ds.pk for ds in visible if access.can_enter_data_set(request.user, ds)}
    rounds = ReportingRound.objects.filter(province__in=visible.values("province")).order_by("-opens_on")
    sections = []
    for round_ in rounds:
        statuses = round_overview(round_, visible, today)
        if not statuses:
            continue  # none of the user's units reports in this period (an old district in 2026)
        mine = [s for s in statuses if s.data_set.pk in enterable]
        waiting = [s for s in statuses if s.code in ("on_time", "submitted_late")
                   and access.can_review(request.user, s.submission)]
        sections.append({"round": round_, "mine": mine, "waiting": waiting, "open": round_.is_open_on(today)})
    return render(request, "entry/entry_home.html", {
        "sections": sections, "can_oversee": access.can_oversee(request.user),
    })


def round_overview_page(request: HttpRequest, round_id: int) -> HttpResponse:
    if not access.can_oversee(request.user):
        raise PermissionDenied("Chỉ phòng Tài chính - Kế hoạch và lãnh đạo xem được tổng hợp.")
    visible = access.data_sets_visible(request.user)
    round_ = access.access_round_by_id(request.user, round_id)
    statuses = round_overview(round_, visible, timezone.localdate())
    counts = {}
    for s in statuses:
        counts[s.label] = counts.get(s.label, 0) + 1
    return render(request, "entry/entry_overview.html", {
        "round": round_, "statuses": statuses, "counts": counts,
        "missing": [s for s in statuses if s.code in ("not_started", "draft", "late")],
    })


def _grid_context(request, round_, data_set, submission) -> dict:
    user = request.user
    today = timezone.localdate()
    state = submission.state if submission else Submission.State.DRAFT
    editable = (access.can_enter_data_set(user, data_set) and state == Submission.State.DRAFT
                and workflow.entry_open(round_, submission))
    return {
        "round": round_, "data_set": data_set, "submission": submission,
        "rows": grid_rows(round_, data_set, submission), "editable": editable,
        "status": reporter_status(round_, data_set, submission, data_set.indicators.count(), today),
        "can_submit": editable,
        "can_review": submission is not None and state == Submission.State.SUBMITTED
        and access.can_review(user, submission),
        "can_reopen": submission is not None and state == Submission.State.APPROVED
        and access.can_reopen(user, submission),
        "transitions": submission.transitions.select_related("actor") if submission else [],
        "violations": _violations(round_, data_set),
        "moved": _moved(user, round_, data_set),
    }


def _moved(user, round_, data_set) -> dict | None:
    """The reporter was dissolved by the end of the round's period (an old commune in a 2026
    round): its successors, each linked to its own report of this round when the user may see
    one, else to its evaluation page for the period (docs/units.md)."""
    unit, period = data_set.reporter_unit, Period.parse(round_.period)
    if unit.valid_to is None or unit.valid_to >= period.end:
        return None
    error = unit_not_valid(unit, period.end)
    sets = access.data_sets_visible(user).filter(province=round_.province, period_kind=data_set.period_kind,
                                                 agency=data_set.agency)
    visible = set(access.units_visible(user).filter(pk__in=[link.unit.pk for link in error.successors])
                  .values_list("pk", flat=True))
    links = []
    for link in error.successors:
        target = link.unit
        other = sets.filter(reporter_unit=target).order_by("name").first()
        if other is not None:
            url = reverse("entry_grid", kwargs={"round_id": round_.pk, "data_set_id": other.pk})
        elif target.pk in visible:
            url = reverse("evaluation") + f"?unit={target.key}&period={period.code}"
        else:
            url = ""
        links.append((target, url))
    return {"message": str(error), "period": period.label_vi, "links": links,
            "any_link": any(url for _, url in links)}


def _violations(round_, data_set):
    """Open data-quality findings on this reporter's figures (rules run after each submission)."""
    from django.db.models import Q

    from ktxh.quality.selectors import violations_for

    # No units_visible(user) filter (a subquery that was a third of the grid's time): the data
    # set came through access, and whoever may read a data set may read its reporter unit
    # (access._data_set_grants: every grant is a subtree units_visible covers).
    rows = violations_for(unit=data_set.reporter_unit, period=round_.period, subtree_too=False)
    return list(rows.filter(Q(indicator__in=data_set.indicators.all()) | Q(indicator__isnull=True)))


def entry_grid(request: HttpRequest, round_id: int, data_set_id: int) -> HttpResponse:
    round_, data_set, submission = _scope(request, round_id, data_set_id)
    return render(request, "entry/entry_grid.html", _grid_context(request, round_, data_set, submission))


def _int(text, default=0) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


@require_POST
def cell_save(request: HttpRequest, round_id: int, data_set_id: int, indicator_id: int) -> HttpResponse:
    """Save one value typed in the grid; answers with the row's state cell (htmx).
    A save makes the fewest round trips it can (bench/save_profile.py, docs/entry.md): the
    access check in one query (data set, round, the user's roles), the cell in one
    (selectors.entry_cell), then the write with its history row (values.services)."""
    data_set, round_ = access.access_entry_scope_by_ids(request.user, round_id, data_set_id)
    if Period.parse(round_.period).kind.value != data_set.period_kind:
        raise Http404("Bộ biểu này không báo cáo theo loại kỳ của đợt báo cáo này.")
    try:
        cell = entry_cell(round_, data_set, indicator_id)
    except LookupError:
        raise Http404("Chỉ tiêu không thuộc bộ biểu này.") from None
    version = _int(request.POST.get("version"))
    if request.POST.get("overwrite"):
        version = _int(request.POST.get("overwrite"), version)
    ctx = {"round": round_, "data_set": data_set, "indicator": cell.indicator, "version": version,
           "typed": request.POST.get("value", "").strip(),
           "confirmed": bool(request.POST.get("confirmed"))}  # a redrawn warning keeps the tick
    result = "saved"
    submission, filled = cell.submission, cell.filled
    try:
        if ctx["typed"] == "":
            raise workflow.WorkflowError("Chưa nhập giá trị.")
        outcome = workflow.entry_save(
            actor=request.user, round_=round_, data_set=data_set, indicator=cell.indicator, raw=ctx["typed"],
            kind=request.POST.get("kind", "estimate"), comment=request.POST.get("comment", ""),
            expected_version=version, confirmed=bool(request.POST.get("confirmed")), cell=cell,
        )
        ctx.update(saved=outcome.row, version=outcome.row.version, warnings=outcome.check.warnings)
        submission = outcome.submission
        filled += 1 if cell.row.value is None else 0  # the report's first value of this indicator
    except workflow.EntryRejected as exc:
        result = "rejected" if exc.check.errors else "warning"
        ctx.update(errors=exc.check.errors, warnings=exc.check.warnings)
        if not exc.check.errors and request.POST.get("confirmed"):
            ctx["warnings"] = [*exc.check.warnings, "Cần ghi chú lý do để xác nhận giá trị này."]
    except ValueConflict as exc:
        result = "conflict"
        ctx.update(conflict=exc.current, message=str(exc))
        submission, filled = submission_find(round_, data_set), None  # someone else wrote: count again
    except (workflow.WorkflowError, ValueLocked) as exc:
        result = "rejected"
        ctx.update(errors=[str(exc)])
        submission, filled = submission_find(round_, data_set), None
    except OperationalError:  # DatabaseBusy: still locked after the retries (core/writes.py)
        result = "busy"
        ctx.update(errors=["Máy chủ đang bận, số liệu chưa được lưu; hãy sửa lại ô này để lưu lại."])
    ctx["status"] = reporter_status(round_, data_set, submission, cell.total, timezone.localdate(), filled)
    response = render(request, "entry/_cell_state.html", ctx)
    response["X-Entry-Result"] = result
    response["X-Entry-Version"] = str(ctx["version"])
    return response


def _workflow_step(request, round_id, data_set_id, step) -> HttpResponse:
    round_, data_set, submission = _scope(request, round_id, data_set_id)
    try:
        if step == "submit" and submission is None:
            raise workflow.WorkflowError("Chưa nhập số liệu nào.")
        if submission is None:
            raise Http404("Chưa có báo cáo.")
        reason = request.POST.get("reason", "")
        if step == "submit":
            workflow.submission_submit(actor=request.user, submission=submission)
            messages.success(request, "Đã nộp báo cáo, chờ phòng Tài chính - Kế hoạch duyệt.")
        elif step == "return":
            workflow.submission_return(actor=request.user, submission=submission, reason=reason)
            messages.success(request, "Đã trả lại báo cáo cho đơn vị.")
        elif step == "approve":
            workflow.submission_approve(actor=request.user, submission=submission, comment=reason)
            messages.success(request, "Đã duyệt báo cáo; số liệu được dùng trong đánh giá.")
        else:
            workflow.submission_reopen(actor=request.user, submission=submission, reason=reason)
            messages.success(request, "Đã mở lại báo cáo để sửa.")
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect("entry_grid", round_id=round_.pk, data_set_id=data_set.pk)


@require_POST
def submission_submit(request, round_id: int, data_set_id: int):
    return _workflow_step(request, round_id, data_set_id, "submit")


@require_POST
def submission_return(request, round_id: int, data_set_id: int):
    return _workflow_step(request, round_id, data_set_id, "return")


@require_POST
def submission_approve(request, round_id: int, data_set_id: int):
    return _workflow_step(request, round_id, data_set_id, "approve")


@require_POST
def submission_reopen(request, round_id: int, data_set_id: int):
    return _workflow_step(request, round_id, data_set_id, "reopen")


def history_page(request: HttpRequest, round_id: int, data_set_id: int, indicator_id: int) -> HttpResponse:
    round_, data_set, submission = _scope(request, round_id, data_set_id)
    indicator = get_object_or_404(data_set.indicators, pk=indicator_id)
    row = grid_row(round_, data_set, submission, indicator.pk)
    return render(request, "entry/value_history.html", {
        "round": round_, "data_set": data_set, "indicator": indicator, "row": row,
        "changes": value_history(indicator=indicator, unit=data_set.reporter_unit, period=round_.period),
        "transitions": submission.transitions.select_related("actor") if submission else [],
    })
