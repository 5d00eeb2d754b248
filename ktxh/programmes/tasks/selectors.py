"""Reads of task plans: tasks with derived status (overdue first) and the reminder
list of reports due. Callers pass units they got through accounts.access."""

from dataclasses import dataclass, field
from datetime import date

from ktxh.orgunits.models import OrgUnit
from ktxh.programmes.tasks import status as st
from ktxh.programmes.tasks.models import Task, TaskPlan


@dataclass
class TaskRow:
    task: Task
    status: str
    leads: list
    others: list
    communes: list
    last_update: object = None

    @property
    def status_label(self) -> str:
        return st.LABELS[self.status]


@dataclass
class Reminder:
    task: Task
    agency: object
    due: date
    missed: int  # past occurrences with no update from this agency


@dataclass
class ReminderGroup:
    """One reporting duty with every agency that owes it: one line on the page, not one
    per agency (22 identical lines for the monthly report of 004 §VI.4)."""

    task: Task
    due: date  # the earliest next due date among its agencies
    reminders: list[Reminder]

    @property
    def behind(self) -> list[Reminder]:
        return [r for r in self.reminders if r.missed]


@dataclass
class TasksView:
    unit: OrgUnit
    today: date
    plans: list = field(default_factory=list)
    plan: TaskPlan | None = None
    agency: object = None
    rows: list[TaskRow] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)
    agencies: list = field(default_factory=list)

    def reminder_groups(self) -> list[ReminderGroup]:
        """The reminders grouped by duty, next due first."""
        groups: dict[int, ReminderGroup] = {}
        for r in self.reminders:
            group = groups.setdefault(r.task.pk, ReminderGroup(r.task, r.due, []))
            group.due = min(group.due, r.due)
            group.reminders.append(r)
        return sorted(groups.values(), key=lambda g: (g.due, g.task.section))

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in st.LABELS}
        for r in self.rows:
            out[r.status] += 1
        return out


def plans_for(unit: OrgUnit):
    return TaskPlan.objects.filter(org_unit__path__startswith=unit.path).order_by("-start", "code")


def tasks_view(*, unit: OrgUnit, plan: TaskPlan | None = None, agency=None, today: date | None = None) -> TasksView:
    today = today or date.today()
    view = TasksView(unit=unit, today=today, plans=list(plans_for(unit)))
    view.plan = plan or (view.plans[0] if view.plans else None)
    view.agency = agency
    if view.plan is None:
        return view
    tasks = (Task.objects.filter(plan=view.plan).select_related("plan")
             .prefetch_related("agencies__agency", "updates__agency"))
    duties = list(view.plan.commune_duties.select_related("agency", "commune").order_by("commune__name"))
    seen_agencies = {}
    for task in tasks:
        roles = list(task.agencies.all())
        for ta in roles:
            seen_agencies[ta.agency_id] = ta.agency
        if agency is not None and all(ta.agency_id != agency.pk for ta in roles):
            continue
        updates = list(task.updates.all())
        if agency is not None and task.recurrence:
            updates = [u for u in updates if u.agency_id == agency.pk]
        status = st.derive_status(
            today=today, due=task.due_date, update_dates=[u.date for u in updates], done=any(u.done for u in updates),
            recurrence=task.recurrence, plan_start=view.plan.start, plan_end=view.plan.end,
            due_month=task.due_month, due_day=task.due_day)
        agency_ids = {ta.agency_id for ta in roles}
        view.rows.append(TaskRow(
            task=task, status=status,
            leads=[ta for ta in roles if ta.role in ("lead", "standing", "focal")],
            others=[ta for ta in roles if ta.role == "coordinate"],
            communes=[d for d in duties if d.agency_id in agency_ids] if not task.recurrence else [],
            last_update=updates[0] if updates else None))
        if task.recurrence:
            _reminders(view, task, roles, updates, agency)
    view.rows.sort(key=lambda r: (st.ORDER[r.status], r.task.due_date or date.max, _section_key(r.task.section)))
    view.reminders.sort(key=lambda r: (-r.missed, r.due, r.agency.name))
    view.agencies = sorted(seen_agencies.values(), key=lambda a: a.name)
    return view


def _section_key(section: str):
    return [int(p) if p.isdigit() else p for p in section.replace("-", ".").split(".")]


def _reminders(view: TasksView, task: Task, roles, updates, agency) -> None:
    plan = view.plan
    occurrences = st.occurrences(task.recurrence, plan.start, plan.end, task.due_month, task.due_day)
    for ta in roles:
        if agency is not None and ta.agency_id != agency.pk:
            continue
        dates = [u.date for u in updates if u.agency_id == ta.agency_id]
        missed = sum(1 for o in occurrences if o.due < view.today and not st.covered(o, dates))
        upcoming = st.next_due(task.recurrence, view.today, plan.start, plan.end, task.due_month, task.due_day)
        if upcoming or missed:
            view.reminders.append(Reminder(task, ta.agency, upcoming.due if upcoming else plan.end, missed))
