"""Tasks of a plan: per agency or per plan, overdue first; the reminder list of
reports due; agencies post progress updates on their own tasks."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ktxh.accounts import access
from ktxh.catalog.models import Agency
from ktxh.programmes.common import ProgrammeError
from ktxh.programmes.tasks import services
from ktxh.programmes.tasks.selectors import plans_for, tasks_view
from ktxh.programmes.views_common import parse_date, pick_unit


def _my_agency_ids(user) -> set[int]:
    return {a.agency_id for a in user.roles.all() if a.agency_id}


def tasks_page(request):
    # A plan is read as of the page's date; a dissolved unit's plans stay readable as history.
    unit, units = pick_unit(request, day=parse_date(request.GET.get("ngay"), date.today())[0])
    if unit is None:
        return render(request, "dashboards/no_access.html", status=403)
    errors = []
    plan = None
    if request.GET.get("plan"):
        plan = plans_for(unit).filter(code=request.GET["plan"]).first()
        if plan is None:
            raise Http404("Không có kế hoạch này.")
    agency = None
    mine = _my_agency_ids(request.user)
    wanted = request.GET.get("agency")
    if wanted is None and len(mine) == 1:
        wanted = Agency.objects.get(pk=next(iter(mine))).code  # a department officer lands on their own tasks
    if wanted:
        agency = Agency.objects.filter(code=wanted).first()
        if agency is None:
            errors.append(f"Không có cơ quan mã '{wanted}'.")
    today, err = parse_date(request.GET.get("ngay"), date.today())
    if err:
        errors.append(err)
    view = tasks_view(unit=unit, plan=plan, agency=agency, today=today)
    # the next few duties first; the rest a page at a time (?nhac=2)
    groups = view.reminder_groups()
    pages = max(1, -(-len(groups) // REMINDERS_PER_PAGE))
    page = min(max(_int(request.GET.get("nhac"), 1), 1), pages)
    shown = groups[(page - 1) * REMINDERS_PER_PAGE:page * REMINDERS_PER_PAGE]
    postable = {r.task.pk for r in view.rows if access.can_post_task_update(request.user, r.task)}
    return render(request, "programmes/tasks.html", {
        "view": view, "unit": unit, "units": units, "errors": errors, "postable": postable,
        "can_manage": view.plan is not None and access.can_manage_programmes(request.user, view.plan.org_unit),
        "all_agencies": Agency.objects.order_by("name"),
        "today_text": f"{today:%d/%m/%Y}", "counts": view.counts(), "mine": mine,
        "reminder_groups": shown, "reminder_page": page, "reminder_pages": pages,
        "reminder_total": len(groups)})


REMINDERS_PER_PAGE = 5


def _int(text, default: int) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


@require_POST
def task_update_create(request, pk: int):
    task = access.access_task_by_id(request.user, pk)
    if not access.can_post_task_update(request.user, task):
        return HttpResponseForbidden("Bạn không thuộc cơ quan được giao nhiệm vụ này.")
    back = reverse("tasks") + f"?unit={task.plan.org_unit.key}&plan={task.plan.code}"
    if request.POST.get("agency_filter"):
        back += f"&agency={request.POST['agency_filter']}"
    mine = _my_agency_ids(request.user)
    task_agencies = {ta.agency_id: ta.agency for ta in task.agencies.select_related("agency")}
    agency = next((task_agencies[i] for i in mine if i in task_agencies), None)
    if agency is None and request.POST.get("agency"):
        agency = next((a for a in task_agencies.values() if a.code == request.POST["agency"]), None)
    try:
        day, err = parse_date(request.POST.get("date"), date.today())
        if err:
            raise ProgrammeError(err)
        services.task_update_post(actor=request.user, task=task, day=day, text=request.POST.get("text", ""),
                                  agency=agency, done=request.POST.get("done") == "1")
    except ProgrammeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã cập nhật tiến độ nhiệm vụ {task.section}.")
    return redirect(back)


@require_POST
def task_create(request):
    """The planning office adds a task to a plan of its district."""
    unit, _ = pick_unit(request)
    plan = plans_for(unit).filter(code=request.POST.get("plan", "")).first() if unit else None
    if plan is None:
        raise Http404("Không có kế hoạch này.")
    if not access.can_manage_programmes(request.user, plan.org_unit):
        return HttpResponseForbidden("Chỉ phòng Tài chính - Kế hoạch giao nhiệm vụ.")
    back = reverse("tasks") + f"?unit={plan.org_unit.key}&plan={plan.code}"
    section, title = request.POST.get("section", "").strip()[:30], request.POST.get("title", "").strip()[:300]
    try:
        if not section or not title:
            raise ProgrammeError("Hãy nhập mục và nội dung nhiệm vụ.")
        if plan.tasks.filter(section=section).exists():
            raise ProgrammeError(f"Kế hoạch đã có nhiệm vụ mục {section}.")
        agency = Agency.objects.filter(code=request.POST.get("agency", "")).first()
        if agency is None:
            raise ProgrammeError("Hãy chọn cơ quan chủ trì.")
        due, err = parse_date(request.POST.get("due_date"))
        if err:
            raise ProgrammeError(err)
        services.task_upsert(actor=request.user, plan=plan, section=section, title=title,
                             agencies=[(agency, "lead")], due_date=due, source=f"nhập tay: {request.user.get_username()}")
    except ProgrammeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã giao nhiệm vụ {section} cho {agency.name}.")
    return redirect(back)
