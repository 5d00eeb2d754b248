"""Every write to task plans, tasks, agency roles, commune duties and progress updates."""

from datetime import date

from django.db import transaction

from ktxh.catalog.models import Agency
from ktxh.core.upsert import save_if_changed
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of
from ktxh.programmes.common import ProgrammeError, actor_or_none
from ktxh.programmes.tasks.models import CommuneDuty, Task, TaskAgency, TaskPlan, TaskUpdate


@transaction.atomic
def task_plan_upsert(*, actor, org_unit: OrgUnit, code: str, title: str, start: date, end: date,
                     number: str = "", source: str = "") -> TaskPlan:
    if not start or not end or end < start:
        raise ProgrammeError(f"Kế hoạch '{title}': ngày kết thúc phải sau ngày bắt đầu.")
    return save_if_changed(TaskPlan, lookup={"province": province_of(org_unit), "code": code},
                           fields={"org_unit": org_unit, "title": title, "start": start, "end": end,
                                   "number": number, "source": source})[0]


@transaction.atomic
def task_upsert(*, actor, plan: TaskPlan, section: str, title: str, agencies: list[tuple[Agency, str]],
                due_date: date | None = None, recurrence: str = "", due_day=None, due_month=None,
                due_text: str = "", channel: str = "", text: str = "", source: str = "") -> Task:
    """A task with its agencies [(agency, role)]. The due date must lie within the plan."""
    if due_date and due_date < plan.start:
        raise ProgrammeError(f"Nhiệm vụ {section}: hạn {due_date:%d/%m/%Y} trước ngày bắt đầu kế hoạch "
                             f"{plan.start:%d/%m/%Y}.")
    if due_date and due_date > plan.end:
        raise ProgrammeError(f"Nhiệm vụ {section}: hạn {due_date:%d/%m/%Y} sau ngày kết thúc kế hoạch "
                             f"{plan.end:%d/%m/%Y}.")
    if recurrence not in Task.Recurrence.values:
        raise ProgrammeError(f"Nhiệm vụ {section}: định kỳ '{recurrence}' không hợp lệ.")
    if recurrence == "yearly" and not (due_month and due_day):
        raise ProgrammeError(f"Nhiệm vụ {section}: báo cáo hằng năm cần ngày và tháng hạn.")
    if due_month and not 1 <= int(due_month) <= 12 or due_day and not 1 <= int(due_day) <= 31:
        raise ProgrammeError(f"Nhiệm vụ {section}: ngày, tháng hạn không hợp lệ.")
    roles = set(TaskAgency.Role.values)
    bad = [r for _, r in agencies if r not in roles]
    if bad:
        raise ProgrammeError(f"Nhiệm vụ {section}: vai trò {bad} không hợp lệ.")
    task = save_if_changed(Task, lookup={"province": plan.province, "plan": plan, "section": section},
                           fields={"title": title, "text": text, "due_date": due_date, "recurrence": recurrence,
                                   "due_day": due_day, "due_month": due_month, "due_text": due_text,
                                   "channel": channel, "source": source})[0]
    wanted = {(a.pk, r) for a, r in agencies}
    for row in task.agencies.all():
        if (row.agency_id, row.role) not in wanted:
            row.delete()
    for agency, role in agencies:
        TaskAgency.objects.get_or_create(province=plan.province, task=task, agency=agency, role=role)
    return task


@transaction.atomic
def commune_duty_set(*, actor, plan: TaskPlan, agency: Agency, commune: OrgUnit, role: str,
                     source: str = "") -> CommuneDuty:
    if role not in CommuneDuty.Role.values:
        raise ProgrammeError(f"Vai trò '{role}' không hợp lệ (phụ trách, đồng phụ trách).")
    if not commune.path.startswith(plan.org_unit.path) or commune.pk == plan.org_unit.pk:
        raise ProgrammeError(f"{commune.name} không thuộc địa bàn của kế hoạch.")
    return save_if_changed(CommuneDuty, lookup={"province": plan.province, "plan": plan, "agency": agency,
                                                "commune": commune},
                           fields={"role": role, "source": source})[0]


@transaction.atomic
def task_update_post(*, actor, task: Task, day: date, text: str, agency: Agency | None = None,
                     done: bool = False, source: str = "") -> TaskUpdate:
    """An agency's progress update. Not before the plan starts, not in the future."""
    text = (text or "").strip()
    if not text:
        raise ProgrammeError("Hãy nhập nội dung kết quả, tiến độ.")
    if day is None:
        raise ProgrammeError("Thiếu ngày cập nhật.")
    if day < task.plan.start:
        raise ProgrammeError(f"Ngày {day:%d/%m/%Y} trước ngày bắt đầu kế hoạch {task.plan.start:%d/%m/%Y}.")
    if day > date.today():
        raise ProgrammeError(f"Ngày {day:%d/%m/%Y} ở tương lai.")
    if agency is not None and not task.agencies.filter(agency=agency).exists():
        raise ProgrammeError(f"{agency.name} không được giao nhiệm vụ này.")
    if done and task.recurrence:
        raise ProgrammeError("Nhiệm vụ báo cáo định kỳ không đánh dấu hoàn thành; mỗi kỳ là một lần cập nhật.")
    return TaskUpdate.objects.create(province=task.province, task=task, agency=agency, date=day, text=text[:5000],
                                     done=done, source=source or "nhập tay", created_by=actor_or_none(actor))
