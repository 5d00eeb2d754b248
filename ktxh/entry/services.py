"""Services of data entry and approval: rounds, data sets, entering a value in a
report, and the draft -> submitted -> approved workflow. Each step checks the actor
through accounts.access and writes its transition row in the same transaction."""

from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ktxh.accounts import access
from ktxh.catalog.models import Indicator
from ktxh.core.writes import write_transaction
from ktxh.engine.numbers import format_number
from ktxh.engine.periods import Period, reporting_window
from ktxh.entry.excel import Problem
from ktxh.entry.models import DataSet, ReportingRound, RoundDefaults, Submission, Transition
from ktxh.entry.rules import Check, check_value, default_round_dates
from ktxh.entry.selectors import EntryCell, entry_cell
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of
from ktxh.quality.services import quality_after_submit
from ktxh.values.models import DataValue
from ktxh.values.services import ValueConflict, ValueLocked, ValueRejected, value_set

State = Submission.State


class WorkflowError(Exception):
    """A step that is not allowed now; the message is for the user."""


class EntryRejected(Exception):
    def __init__(self, check: Check):
        self.check = check
        super().__init__("; ".join(check.errors or check.warnings))


@dataclass
class EntryOutcome:
    row: DataValue
    check: Check = field(default_factory=Check)
    submission: Submission | None = None


# --- rounds and data sets -------------------------------------------------------

def round_default_dates(province: OrgUnit, period: str) -> tuple[date, date, date]:
    """(opens, due, closes) of a round under the province's defaults (Decree 09/2019:
    open when the data window opens; due N days after the cut-off; closed M days later)."""
    defaults = RoundDefaults.objects.filter(province=province).first() or RoundDefaults(province=province)
    start, end = reporting_window(Period.parse(period), defaults.cutoff_day)
    due, close = default_round_dates(end, due_days=defaults.due_days_after_cutoff,
                                     close_days=defaults.close_days_after_due)
    return start, due, close


@write_transaction
def round_save(*, actor, province: OrgUnit, period: str, name: str = "", opens_on: date | None = None,
               due_on: date | None = None, closes_on: date | None = None,
               round_: ReportingRound | None = None) -> ReportingRound:
    """Create a round (or return the existing one of that period), or with `round_`
    change that one (the admin); missing dates follow the province's Decree 09/2019
    defaults: open at the window's start, due N days after the cut-off."""
    current = Period.parse(period)
    if round_ is None:
        existing = ReportingRound.objects.filter(province=province, period=current.code).first()
        if existing:
            return existing
        round_ = ReportingRound()
    start, due, close = round_default_dates(province, current.code)
    round_.province, round_.period, round_.name = province, current.code, name or current.label_vi
    round_.opens_on, round_.due_on = opens_on or start, due_on or due
    round_.closes_on = closes_on or max(close, round_.due_on)
    round_.save()
    return round_


@write_transaction
def data_set_save(*, actor, name: str, reporter_unit: OrgUnit, period_kind: str, indicators,
                  agency=None, data_set: DataSet | None = None) -> DataSet:
    """Create a data set (or add indicators to the existing one of that name); with
    `data_set`, change that one and make its indicators exactly `indicators` (the admin)."""
    province = province_of(reporter_unit)
    if data_set is None:
        data_set, _ = DataSet.objects.get_or_create(
            province=province, reporter_unit=reporter_unit, agency=agency, period_kind=period_kind, name=name,
        )
        data_set.indicators.add(*indicators)
        return data_set
    data_set.province, data_set.reporter_unit, data_set.agency = province, reporter_unit, agency
    data_set.period_kind, data_set.name = period_kind, name
    data_set.save()
    data_set.indicators.set(indicators)
    return data_set


# --- entering values --------------------------------------------------------------

def entry_open(round_: ReportingRound, submission: Submission | None) -> bool:
    """Entry is possible while the round is open, and in a report the planning office
    reopened (a deliberate correction, also after the round closed)."""
    if round_.is_open_on(timezone.localdate()):
        return True
    last = submission.transitions.order_by("-at", "-pk").first() if submission else None
    return last is not None and last.action == Transition.Action.REOPEN


def _require_open(round_: ReportingRound, submission: Submission | None = None) -> None:
    if not entry_open(round_, submission):
        raise WorkflowError(f"Kỳ báo cáo {round_.name} không mở nhập (từ {round_.opens_on:%d/%m/%Y} "
                            f"đến {round_.closes_on:%d/%m/%Y}).")


def submission_open(*, actor, round_: ReportingRound, data_set: DataSet) -> Submission:
    if not access.can_enter_data_set(actor, data_set):
        raise PermissionDenied("Bạn không được nhập số liệu cho bộ biểu này.")
    # Read first: most saves find the report there and need no write transaction.
    submission = Submission.objects.filter(round=round_, data_set=data_set).first()
    if submission is None:
        submission, _ = Submission.objects.get_or_create(province=round_.province, round=round_, data_set=data_set)
    return submission


def entry_save(*, actor, round_: ReportingRound, data_set: DataSet, indicator: Indicator, raw,
               kind: str = "estimate", comment: str = "", expected_version: int, confirmed: bool = False,
               source: str = "", cell: EntryCell | None = None) -> EntryOutcome:
    """Check and save one value of a reporter's report. A warning needs `confirmed`
    and a comment; an error or a conflict writes nothing. The checks read outside
    the write transaction (short write locks), from `cell` when the caller has read it
    (selectors.entry_cell); value_set re-checks, under lock, the report's state and the
    value's version."""
    if not access.can_enter_data_set(actor, data_set):
        raise PermissionDenied("Bạn không được nhập số liệu cho bộ biểu này.")
    if kind not in ("estimate", "official"):
        raise WorkflowError("Loại số liệu phải là ước hoặc chính thức.")
    cell = cell or entry_cell(round_, data_set, indicator.pk)
    submission, row = cell.submission, cell.row
    _require_open(round_, submission)
    submission = submission or submission_open(actor=actor, round_=round_, data_set=data_set)
    if submission.state != State.DRAFT:
        raise WorkflowError(f"Báo cáo đang ở trạng thái '{submission.get_state_display()}', không sửa được.")
    check = check_value(raw, measure_kind=indicator.measure_kind, unit=indicator.unit,
                        compare_with=row.comparisons())
    comment = (comment or "").strip()
    if check.errors or (check.warnings and not (confirmed and comment)):
        raise EntryRejected(check)
    saved = value_set(
        actor=actor, indicator=indicator, org_unit=data_set.reporter_unit, period=round_.period, kind=kind,
        value=check.value, raw_text=str(raw)[:200], comment=comment, source=source or "nhập trực tiếp",
        submission=submission, expected_version=expected_version,
        replaces_kind=row.value.kind if row.value else None, province_id=data_set.province_id,
    )
    return EntryOutcome(saved, check, submission)


class FormRefused(Exception):
    """An Excel form commit in which some row was refused; nothing of it was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.cell}: {p.reason}" for p in problems))


def form_commit(*, actor, round_: ReportingRound, data_set: DataSet, changes, file_name: str) -> int:
    """Write the rows of a previewed Excel form ([indicator id, raw, kind, comment,
    version] each) through entry_save, all or nothing: one refused row undoes the rest."""
    indicators = {i.pk: i for i in data_set.indicators.all()}
    problems: list[Problem] = []
    with write_transaction():
        for indicator_id, raw, kind, comment, version in changes:
            indicator = indicators.get(indicator_id)
            if indicator is None:
                problems.append(Problem("", str(indicator_id), "Chỉ tiêu không còn trong bộ biểu này."))
                continue
            try:
                entry_save(actor=actor, round_=round_, data_set=data_set, indicator=indicator, raw=raw, kind=kind,
                           comment=comment, expected_version=version, confirmed=True, source=f"tệp Excel {file_name}")
            except EntryRejected as exc:
                problems.append(Problem("", indicator.code, "; ".join(exc.check.errors + exc.check.warnings)))
            except ValueConflict as exc:
                current = format_number(exc.current.value) if exc.current else ""
                problems.append(Problem("", indicator.code, f"{exc}: giá trị hiện tại {current}"))
            except (WorkflowError, ValueLocked, ValueRejected) as exc:
                problems.append(Problem("", indicator.code, str(exc)))
        if problems:
            raise FormRefused(problems)  # leaving atomic() by an exception undoes every row
    return len(changes)


# --- workflow -----------------------------------------------------------------------

def _transition(submission: Submission, *, actor, action: str, to_state: str, reason: str = "") -> Transition:
    step = Transition.objects.create(
        province=submission.province, submission=submission, action=action,
        from_state=submission.state, to_state=to_state, actor=actor, reason=reason,
    )
    submission.state = to_state
    return step


def _locked(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().select_related("data_set__reporter_unit", "round").get(
        pk=submission.pk)


@write_transaction
def submission_submit(*, actor, submission: Submission) -> Submission:
    submission = _locked(submission)
    if not access.can_enter_data_set(actor, submission.data_set):
        raise PermissionDenied("Bạn không được nộp báo cáo này.")
    if submission.state != State.DRAFT:
        raise WorkflowError("Chỉ nộp được báo cáo đang nhập.")
    _require_open(submission.round, submission)
    expected = set(submission.data_set.indicators.values_list("pk", flat=True))
    missing = expected - set(submission.values.values_list("indicator_id", flat=True))
    if missing:
        names = ", ".join(Indicator.objects.filter(pk__in=missing).order_by("code").values_list("code", flat=True))
        raise WorkflowError(f"Còn {len(missing)} chỉ tiêu chưa nhập: {names}.")
    _transition(submission, actor=actor, action=Transition.Action.SUBMIT, to_state=State.SUBMITTED)
    submission.submitted_at, submission.submitted_by = timezone.now(), actor
    submission.return_reason = ""
    submission.save()
    # The quality rules run after each submission (docs/dashboards.md), once it is
    # committed: a slow or failing rule neither holds the lock nor undoes the submit.
    transaction.on_commit(partial(quality_after_submit, submission=submission, actor=actor), robust=True)
    return submission


def _review(actor, submission: Submission) -> Submission:
    submission = _locked(submission)
    if not access.can_review(actor, submission):
        raise PermissionDenied("Bạn không được duyệt báo cáo này (không tự duyệt báo cáo mình nộp hoặc nhập).")
    if submission.state != State.SUBMITTED:
        raise WorkflowError("Chỉ duyệt hoặc trả lại báo cáo đã nộp.")
    return submission


@write_transaction
def submission_return(*, actor, submission: Submission, reason: str) -> Submission:
    submission = _review(actor, submission)
    if not (reason or "").strip():
        raise WorkflowError("Cần ghi lý do trả lại.")
    _transition(submission, actor=actor, action=Transition.Action.RETURN, to_state=State.DRAFT, reason=reason.strip())
    submission.return_reason = reason.strip()
    submission.save()
    return submission


@write_transaction
def submission_approve(*, actor, submission: Submission, comment: str = "") -> Submission:
    submission = _review(actor, submission)
    _transition(submission, actor=actor, action=Transition.Action.APPROVE, to_state=State.APPROVED,
                reason=(comment or "").strip())
    submission.approved_at, submission.approved_by = timezone.now(), actor
    submission.save()
    return submission


@write_transaction
def submission_reopen(*, actor, submission: Submission, reason: str) -> Submission:
    submission = _locked(submission)
    if not access.can_reopen(actor, submission):
        raise PermissionDenied("Chỉ phòng Tài chính - Kế hoạch mở lại được báo cáo đã duyệt.")
    if submission.state != State.APPROVED:
        raise WorkflowError("Chỉ mở lại được báo cáo đã duyệt.")
    if not (reason or "").strip():
        raise WorkflowError("Cần ghi lý do mở lại.")
    _transition(submission, actor=actor, action=Transition.Action.REOPEN, to_state=State.DRAFT, reason=reason.strip())
    submission.return_reason = f"Mở lại: {reason.strip()}"
    submission.approved_at = submission.approved_by = None
    submission.save()
    return submission
