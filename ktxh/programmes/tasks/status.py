"""A task's status, derived from its dates and updates (never stored), and the
occurrences of recurring reporting duties. Pure functions over plain values."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

NOT_STARTED, IN_PROGRESS, DONE, OVERDUE = "not_started", "in_progress", "done", "overdue"
LABELS = {NOT_STARTED: "Chưa thực hiện", IN_PROGRESS: "Đang thực hiện", DONE: "Hoàn thành", OVERDUE: "Quá hạn"}
ORDER = {OVERDUE: 0, IN_PROGRESS: 1, NOT_STARTED: 2, DONE: 3}


@dataclass(frozen=True)
class Occurrence:
    """One due date of a recurring duty and the window an update must fall in to cover it."""

    due: date
    window_start: date


def occurrences(recurrence: str, start: date, end: date, due_month: int | None = None,
                due_day: int | None = None) -> list[Occurrence]:
    out = []
    if recurrence == "monthly":
        y, m = start.year, start.month
        while date(y, m, 1) <= end:
            last = calendar.monthrange(y, m)[1]
            day = min(due_day, last) if due_day else last
            out.append(Occurrence(date(y, m, day), date(y, m, 1)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    elif recurrence == "yearly":
        for y in range(start.year, end.year + 1):
            due = date(y, due_month or 12, due_day or 31)
            if start <= due <= end:
                out.append(Occurrence(due, date(y, 1, 1)))
    return out


def covered(occ: Occurrence, update_dates: list[date]) -> bool:
    return any(occ.window_start <= d <= occ.due for d in update_dates)


def derive_status(*, today: date, due: date | None, update_dates: list[date], done: bool,
                  recurrence: str = "", plan_start: date | None = None, plan_end: date | None = None,
                  due_month: int | None = None, due_day: int | None = None) -> str:
    """One-off task: done > overdue (due passed) > in progress (any update) > not started.
    Recurring duty: overdue when a past occurrence has no update in its window."""
    if recurrence and plan_start and plan_end:
        past = [o for o in occurrences(recurrence, plan_start, plan_end, due_month, due_day) if o.due < today]
        if any(not covered(o, update_dates) for o in past):
            return OVERDUE
        if today > plan_end:
            return DONE
        return IN_PROGRESS if update_dates else NOT_STARTED
    if done:
        return DONE
    if due and today > due:
        return OVERDUE
    return IN_PROGRESS if update_dates else NOT_STARTED


def next_due(recurrence: str, today: date, plan_start: date, plan_end: date, due_month=None, due_day=None,
             horizon_days: int = 400) -> Occurrence | None:
    upcoming = [o for o in occurrences(recurrence, plan_start, plan_end, due_month, due_day) if o.due >= today]
    if upcoming and upcoming[0].due <= today + timedelta(days=horizon_days):
        return upcoming[0]
    return None
