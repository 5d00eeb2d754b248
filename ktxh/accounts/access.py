"""The one place that decides what a user may see or change.

Views, the API and the CLI ask this module for scoped querysets and never filter
by hand. A role applies to its org unit and the unit's whole subtree. A view that
takes an id gets its object from an ``access_<thing>_by_id(user, id)`` function
(one grain: the object if the user may read it, else Http404), then asks a
``can_<verb>`` function before changing it.

This module reads the models of every scoped thing (imported where used): it sits
between the models and the services/selectors/views that call it.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from ktxh.accounts.models import Role, RoleAssignment
from ktxh.core.compiled import compiled, instance, side_by_side, width
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import unit_pick


def _assignments(user) -> list[RoleAssignment]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_ktxh_roles", None)
    if cached is None:
        cached = list(RoleAssignment.objects.select_related("org_unit", "agency").filter(user=user))
        user._ktxh_roles = cached
    return cached


def units_visible(user) -> QuerySet[OrgUnit]:
    """Units whose figures the user may read: every subtree they hold any role in."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return OrgUnit.objects.all()
    paths = {a.org_unit.path for a in _assignments(user)}
    if not paths:
        return OrgUnit.objects.none()
    condition = Q()
    for path in paths:
        # A unit created by the 2025 reform reads its predecessors too: they are its history.
        condition |= Q(path__startswith=path) | Q(successors__target_unit__path__startswith=path)
    return OrgUnit.objects.filter(condition).distinct()


def can_view_unit(user, unit: OrgUnit) -> bool:
    return units_visible(user).filter(pk=unit.pk).exists()


def can_administer(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or any(a.role == Role.ADMIN for a in _assignments(user))


def unit_load_provinces(user) -> set[str] | None:
    """The provinces (their national code) whose units the user may load from the national
    data (orgunits/jobs.py): None for an administrator (the whole country or any province),
    the provinces of a planner's province-level roles, else nothing."""
    if can_administer(user) and getattr(user, "is_active", False):
        return None
    return {a.org_unit.official_code or a.org_unit.code for a in _assignments(user)
            if a.role == Role.PLANNER and a.org_unit.kind == OrgUnit.Kind.PROVINCE}


def can_load_units(user, province: str) -> bool:
    """`province` blank: the whole country, for an administrator only."""
    allowed = unit_load_provinces(user)
    return allowed is None or (bool(province) and province in allowed)


def default_unit(user) -> OrgUnit | None:
    """The unit a user lands on: the highest unit among their assignments."""
    units = sorted((a.org_unit for a in _assignments(user)), key=lambda u: (u.level, u.path))
    if units:
        return units[0]
    if getattr(user, "is_superuser", False):
        # With the whole country loaded most districts have no figures: land on one that has.
        from ktxh.values.models import visible

        districts = OrgUnit.objects.filter(kind=OrgUnit.Kind.DISTRICT).order_by("path")
        return districts.filter(visible("values__"), values__isnull=False).first() or districts.first()
    return None


# --- Data entry, approval and audit (docs/entry.md) -------------------------------

REVIEW_ROLES = (Role.PLANNER, Role.LEADER)
OVERSIGHT_ROLES = (Role.ADMIN, Role.PLANNER, Role.LEADER)


def _covers(assignment: RoleAssignment, unit: OrgUnit) -> bool:
    return unit.path.startswith(assignment.org_unit.path)


def _may_enter_for(assignment: RoleAssignment, data_set) -> bool:
    """A commune clerk enters their commune's data sets; a department officer the data
    sets of their agency in their unit's subtree. Nobody else enters figures."""
    if not _covers(assignment, data_set.reporter_unit):
        return False
    if assignment.role == Role.COMMUNE:
        return data_set.agency_id is None
    if assignment.role == Role.DEPARTMENT:
        return assignment.agency_id is not None and assignment.agency_id == data_set.agency_id
    return False


def _data_set_grants(user) -> list[tuple[str, object]]:
    """The one rule of data set visibility, as (unit path, agency) grants: the data sets
    whose reporter is under that path and whose agency is `agency` (ANY: any; None: none,
    a commune's own). data_sets_visible writes it as SQL, _data_set_granted in Python."""
    grants = []
    for a in _assignments(user):
        if a.role in OVERSIGHT_ROLES:
            grants.append((a.org_unit.path, ANY))
        elif a.role == Role.COMMUNE:
            grants.append((a.org_unit.path, None))
        elif a.role == Role.DEPARTMENT and a.agency_id:
            grants.append((a.org_unit.path, a.agency_id))
    return grants


ANY = object()


def data_sets_visible(user):
    """Data sets whose reports (drafts included) the user may read."""
    from ktxh.entry.models import DataSet

    if getattr(user, "is_superuser", False) and user.is_active:
        return DataSet.objects.all()
    condition = Q(pk__in=[])
    for path, agency in _data_set_grants(user):
        under = Q(reporter_unit__path__startswith=path)
        condition |= under if agency is ANY else under & Q(agency_id=agency) if agency else \
            under & Q(agency__isnull=True)
    return DataSet.objects.filter(condition)


def _data_set_granted(user, data_set) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    path = data_set.reporter_unit.path
    return any(path.startswith(prefix) and (agency is ANY or data_set.agency_id == agency)
               for prefix, agency in _data_set_grants(user))


def can_view_data_set(user, data_set) -> bool:
    return data_sets_visible(user).filter(pk=data_set.pk).exists()


def can_enter_data_set(user, data_set) -> bool:
    return any(_may_enter_for(a, data_set) for a in _assignments(user))


def can_review(user, submission) -> bool:
    """Approve or return: the planning office or a leader over the reporter's unit,
    and never someone who submitted the report or entered one of its values."""
    unit = submission.data_set.reporter_unit
    if not any(a.role in REVIEW_ROLES and _covers(a, unit) for a in _assignments(user)):
        return False
    if submission.submitted_by_id == user.pk:
        return False
    from ktxh.values.models import DataValue

    return not DataValue.history.filter(submission_id=submission.pk, history_user_id=user.pk).exists()


def can_reopen(user, submission) -> bool:
    """Only the planning office reopens an approved report."""
    unit = submission.data_set.reporter_unit
    return any(a.role == Role.PLANNER and _covers(a, unit) for a in _assignments(user))


def can_oversee(user) -> bool:
    """The completeness overview of every reporter: planning office, leaders, admins."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(a.role in OVERSIGHT_ROLES for a in _assignments(user))


# --- Programmes: NTM matrix, capital, tasks (docs/programmes.md) ----------------------

PROGRAMME_MANAGERS = (Role.ADMIN, Role.PLANNER)


def _superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)


def can_manage_programmes(user, unit: OrgUnit) -> bool:
    """Plans, capital, disbursements, task plans, publishing NTM figures: the planning office over the unit."""
    return _superuser(user) or any(a.role in PROGRAMME_MANAGERS and _covers(a, unit) for a in _assignments(user))


def can_set_target(user, unit: OrgUnit) -> bool:
    """Targets (the council's plan) from a file over the API: the planning office and admins over the unit."""
    return can_manage_programmes(user, unit)


def can_edit_ntm_criteria(user, commune: OrgUnit) -> bool:
    """A commune's criteria: the planning office of its district, or the commune's own clerk."""
    if can_manage_programmes(user, commune):
        return True
    return any(a.role == Role.COMMUNE and _covers(a, commune) for a in _assignments(user))


def can_post_task_update(user, task) -> bool:
    """Progress on a task: the planning office, or an officer of an agency the task names."""
    unit = task.plan.org_unit
    if can_manage_programmes(user, unit):
        return True
    agency_ids = {ta.agency_id for ta in task.agencies.all()}
    return any(a.role == Role.DEPARTMENT and a.agency_id in agency_ids and _covers(a, unit)
               for a in _assignments(user))


# --- Official reports (docs/reports.md) ------------------------------------------------

REPORT_WRITERS = (Role.ADMIN, Role.PLANNER, Role.COMMUNE)


def reports_visible(user):
    """Reports of every unit the user may read (leaders and viewers read and download)."""
    from ktxh.reports.models import Report

    return Report.objects.filter(org_unit__in=units_visible(user)).select_related("org_unit")


def can_write_reports(user, unit: OrgUnit) -> bool:
    """Write a report's prose and generate its files: the planning office over the unit,
    or a commune clerk for their own commune."""
    return _superuser(user) or any(a.role in REPORT_WRITERS and _covers(a, unit) for a in _assignments(user))


def units_for_reports(user):
    """Units the user may write reports for."""
    return [u for u in units_visible(user).order_by("path") if can_write_reports(user, u)]


def can_review_quality(user, unit: OrgUnit) -> bool:
    """Run the quality rules and mark a finding "checked, correct": the planning office
    (and admins) over the unit's subtree; others only read the findings."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(a.role in (Role.PLANNER, Role.ADMIN) and unit.path.startswith(a.org_unit.path)
               for a in _assignments(user))


# --- Figures read from an uploaded report (docs/import.md) -----------------------------

IMPORTERS = (Role.ADMIN, Role.PLANNER)


def units_for_import(user):
    """Units the user may accept report figures for: the planning office and admins over
    their subtree; department officers over theirs, for their agency's indicators only."""
    if _superuser(user):
        return OrgUnit.objects.all()
    paths = {a.org_unit.path for a in _assignments(user)
             if a.role in IMPORTERS or (a.role == Role.DEPARTMENT and a.agency_id)}
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return OrgUnit.objects.filter(condition)


def can_import_value(user, unit: OrgUnit, indicator) -> bool:
    if _superuser(user):
        return True
    return any(_covers(a, unit) and (a.role in IMPORTERS or (
        a.role == Role.DEPARTMENT and a.agency_id and a.agency_id == indicator.responsible_agency_id))
        for a in _assignments(user))


def imported_documents_visible(user):
    from ktxh.imports.models import ImportedDocument

    return ImportedDocument.objects.filter(org_unit__in=units_visible(user)).select_related("org_unit")


# --- The menu (what parts of the app a user is offered) ---------------------------------

ENTRY_ROLES = (Role.ADMIN, Role.PLANNER, Role.DEPARTMENT, Role.COMMUNE, Role.LEADER)


def menu_sections(user) -> set[str]:
    """The menu shows only what the user can use: a viewer reads, a commune clerk is not
    offered the import of other units' reports, and so on. The pages check again."""
    if not getattr(user, "is_authenticated", False):
        return set()
    roles = {a.role for a in _assignments(user)}
    if _superuser(user):
        roles |= set(Role.values)
    sections = {"evaluation", "quality", "reports", "programmes"} if roles else set()
    if roles & set(ENTRY_ROLES):
        sections.add("entry")
    # Leaders read the uploaded reports and their contradictions; importers accept figures.
    if roles & {*IMPORTERS, Role.LEADER} or any(a.role == Role.DEPARTMENT and a.agency_id
                                                for a in _assignments(user)):
        sections.add("import")
    if roles:
        sections.add("poverty")  # aggregates for every reader; records only where access allows
    if unit_load_provinces(user) != set():
        sections.add("units_load")
    return sections


def lands_on_entry(user) -> bool:
    """Commune clerks and department officers report figures; their home page is the
    list of their reports to fill, not a district table they have no part in."""
    roles = {a.role for a in _assignments(user)}
    return bool(roles) and roles <= {Role.COMMUNE, Role.DEPARTMENT} and not _superuser(user)


# --- One object by its id: the grain of every view that takes an id ------------------

def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404("Mã không hợp lệ.") from None


def _one(queryset, pk, message: str):
    found = queryset.filter(pk=_pk(pk)).first()
    if found is None:
        raise Http404(message)
    return found


def access_unit_by_code(user, code: str, *, kind: str | None = None, day=None) -> OrgUnit:
    """A visible unit by code or key ("03583@2025"), the one in force on `day` first."""
    units = units_visible(user)
    if kind:
        units = units.filter(kind=kind)
    found = unit_pick(units, code, day)
    if found is None:
        raise Http404("Không có đơn vị này hoặc bạn không có quyền xem.")
    return found


def access_data_set_by_id(user, data_set_id):
    """Read by id with its reporter unit, then checked by the same grants as
    data_sets_visible: every cell save of the grid passes here (bench/save_profile.py),
    so it is one query whose SQL is built once (core.compiled)."""
    from ktxh.entry.models import DataSet

    unit = next(iter(_data_set_reporter(_pk(data_set_id))), None)
    found = None
    if unit is not None:
        found = DataSet(**{f.attname: getattr(unit, f"ds_{f.attname}") for f in DataSet._meta.concrete_fields})
        found._state.adding, found._state.db = False, unit._state.db
        found.reporter_unit = unit
    if found is None or not _data_set_granted(user, found):
        raise Http404("Không có bộ biểu này hoặc bạn không có quyền xem.")
    return found


@compiled(int)
def _data_set_reporter(pk):
    """The data set's reporter unit, the data set's own columns beside it (ds_<column>)."""
    from django.db.models import F

    from ktxh.entry.models import DataSet

    columns = {f"ds_{f.attname}": F(f"data_sets__{f.attname}") for f in DataSet._meta.concrete_fields}
    return OrgUnit.objects.filter(data_sets=pk).annotate(**columns).order_by()[:1]


def access_round_by_id(user, round_id, *, data_set=None):
    """A reporting round of a province where the user reads some data set (of
    `data_set`'s province when given: a data set the caller got from access_data_set_by_id,
    which already proves the user reads that province's data sets)."""
    from ktxh.entry.models import ReportingRound

    if data_set is not None:
        found = next(iter(_round_of_province(_pk(round_id), data_set.province_id)), None)
        if found is None:
            raise Http404("Không có kỳ báo cáo này hoặc bạn không có quyền xem.")
        return found
    rounds = ReportingRound.objects.filter(province__in=data_sets_visible(user).values("province"))
    return _one(rounds, round_id, "Không có kỳ báo cáo này hoặc bạn không có quyền xem.")


def access_entry_scope_by_ids(user, round_id, data_set_id):
    """(data set with its reporter unit, round) of an entry-grid request, checked exactly as
    access_data_set_by_id and then access_round_by_id(data_set=...) check them, in one query
    (the save of one cell, bench/save_profile.py): the data set, the round and, unless this
    request read them already, the user's roles side by side (core.compiled.side_by_side)."""
    from ktxh.accounts.models import RoleAssignment
    from ktxh.catalog.models import Agency
    from ktxh.entry.models import DataSet, ReportingRound

    read_roles = getattr(user, "is_authenticated", False) and user.is_active \
        and getattr(user, "_ktxh_roles", None) is None
    rows = side_by_side((_data_set_reporter, (_pk(data_set_id),)), (_round_by_id, (_pk(round_id),)),
                        (_roles_of, (user.pk if read_roles else 0,)))
    n_unit = width(OrgUnit) + width(DataSet)
    n_round = width(ReportingRound)
    n_role, n_role_unit = width(RoleAssignment), width(OrgUnit)
    if read_roles:  # what _assignments would have read: each role with its unit and agency
        roles = {}
        for row in rows:
            role = instance(RoleAssignment, row[n_unit + n_round:n_unit + n_round + n_role])
            if role is not None and role.pk not in roles:
                rest = row[n_unit + n_round + n_role:]
                role.org_unit = instance(OrgUnit, rest[:n_role_unit])
                role.agency = instance(Agency, rest[n_role_unit:])
                roles[role.pk] = role
        user._ktxh_roles = list(roles.values())
    found = round_ = None
    if rows:
        unit = instance(OrgUnit, rows[0][:width(OrgUnit)])
        found = DataSet(**dict(zip((f.attname for f in DataSet._meta.concrete_fields),
                                   rows[0][width(OrgUnit):n_unit], strict=True)))
        found._state.adding, found._state.db = False, unit._state.db
        found.reporter_unit = unit
        round_ = instance(ReportingRound, rows[0][n_unit:n_unit + n_round])
    if found is None or not _data_set_granted(user, found):
        raise Http404("Không có bộ biểu này hoặc bạn không có quyền xem.")
    if round_ is None or round_.province_id != found.province_id:
        raise Http404("Không có kỳ báo cáo này hoặc bạn không có quyền xem.")
    return found, round_


@compiled(int)
def _round_by_id(pk):
    from ktxh.entry.models import ReportingRound

    return ReportingRound.objects.filter(pk=pk).order_by()[:1]


@compiled(int)
def _roles_of(user_id):
    from ktxh.accounts.models import RoleAssignment

    return RoleAssignment.objects.filter(user=user_id).select_related("org_unit", "agency").order_by()


@compiled(int, int)
def _round_of_province(pk, province_id):
    from ktxh.entry.models import ReportingRound

    return ReportingRound.objects.filter(pk=pk, province=province_id).order_by()[:1]


def access_report_by_id(user, report_id):
    return _one(reports_visible(user), report_id, "Không có báo cáo này hoặc bạn không có quyền xem.")


def access_imported_document_by_id(user, document_id):
    return _one(imported_documents_visible(user), document_id, "Không có báo cáo này hoặc bạn không có quyền xem.")


def access_import_job_by_id(user, job_id):
    """An upload being read is its uploader's alone: its unit is known only once it is read."""
    from ktxh.imports.models import ImportJob

    jobs = ImportJob.objects.filter(created_by=user) if getattr(user, "pk", None) else ImportJob.objects.none()
    return _one(jobs, job_id, "Không có tác vụ đọc báo cáo này hoặc bạn không có quyền xem.")


def access_violation_by_id(user, violation_id):
    from ktxh.quality.models import Violation

    return _one(Violation.objects.filter(org_unit__in=units_visible(user)).select_related("org_unit"), violation_id,
                "Không có vi phạm này hoặc bạn không có quyền xem.")


def access_quality_job_by_id(user, job_id):
    """A re-run of the quality rules: seen by whoever sees its unit's findings."""
    from ktxh.quality.models import QualityJob

    return _one(QualityJob.objects.filter(org_unit__in=units_visible(user)).select_related("org_unit"), job_id,
                "Không có tác vụ kiểm tra này hoặc bạn không có quyền xem.")


def unit_load_jobs_visible(user):
    """The loads of the national units a user sees: those of a scope they may start."""
    from ktxh.orgunits.models import UnitLoadJob

    allowed = unit_load_provinces(user)
    return UnitLoadJob.objects.all() if allowed is None else UnitLoadJob.objects.filter(province__in=allowed)


def access_unit_load_job_by_id(user, job_id):
    return _one(unit_load_jobs_visible(user), job_id, "Không có tác vụ nạp đơn vị này hoặc bạn không có quyền xem.")


def access_task_by_id(user, task_id):
    from ktxh.programmes.tasks.models import Task

    return _one(Task.objects.filter(plan__org_unit__in=units_visible(user)).select_related("plan__org_unit"),
                task_id, "Không có nhiệm vụ này.")


def access_capital_line_by_id(user, line_id):
    from ktxh.programmes.capital.models import CapitalLine

    return _one(CapitalLine.objects.filter(org_unit__in=units_visible(user)).select_related("org_unit"), line_id,
                "Không có dòng kế hoạch vốn này.")


# --- The API and exchange formats (docs/api.md) ----------------------------------------

def values_visible(user):
    """Values the user may read: published ones (loaded, or in an approved report) of
    the units they see, and drafts or waiting reports only of data sets they may read
    (a commune never reads another commune's drafts)."""
    from ktxh.values.models import DataValue

    published = Q(submission__isnull=True) | Q(submission__state="approved")
    own_reports = Q(submission__data_set__in=data_sets_visible(user))
    return DataValue.objects.filter(org_unit__in=units_visible(user)).filter(published | own_reports)


def targets_visible(user):
    from ktxh.catalog.models import Target

    return Target.objects.filter(org_unit__in=units_visible(user))


def submissions_visible(user):
    """Reports (drafts included) of the data sets the user may read."""
    from ktxh.entry.models import Submission

    return Submission.objects.filter(data_set__in=data_sets_visible(user))


def rounds_visible(user):
    """Reporting rounds of the provinces the user holds a role in."""
    from ktxh.entry.models import ReportingRound

    if _superuser(user):
        return ReportingRound.objects.all()
    provinces = {a.org_unit.path.strip("/").split("/")[0] for a in _assignments(user)}
    return ReportingRound.objects.filter(province__code__in=provinces)


def can_write_value(user, unit: OrgUnit, indicator) -> bool:
    """A value written outside a report (API, DHIS2 import): whoever may accept
    imported figures for that unit and indicator (planning office, admins, the
    responsible department)."""
    return can_import_value(user, unit, indicator)


def capital_lines_visible(user):
    from ktxh.programmes.capital.models import CapitalLine

    return CapitalLine.objects.filter(org_unit__in=units_visible(user))


def tasks_visible(user):
    from ktxh.programmes.tasks.models import Task

    return Task.objects.filter(plan__org_unit__in=units_visible(user))


def ntm_cells_visible(user):
    from ktxh.programmes.ntm.models import CommuneCriterion

    return CommuneCriterion.objects.filter(commune__in=units_visible(user))


# --- Poverty households: personal data (docs/poverty.md) --------------------------------

# The social-affairs line that holds poverty reduction. Since the 2025 reform the province's
# poverty reduction is in the Sở Nông nghiệp và Môi trường (the ministry's function moved from
# the Bộ Lao động - Thương binh và Xã hội to the Bộ Nông nghiệp và Môi trường); the agency code
# of that line stays LDTBXH so a generic agriculture officer (NN) never reads households.
POVERTY_AGENCIES = ("LDTBXH",)
COMMUNE_STAFF = (Role.COMMUNE, Role.LEADER)
COMMUNE_KINDS = (OrgUnit.Kind.COMMUNE, OrgUnit.Kind.WARD, OrgUnit.Kind.TOWN, OrgUnit.Kind.SPECIAL_ZONE)


def _commune_staff(a: RoleAssignment, commune: OrgUnit) -> bool:
    """A role held at the commune itself (a district's leader is not the commune's staff)."""
    return a.role in COMMUNE_STAFF and a.org_unit_id == commune.pk and a.org_unit.kind in COMMUNE_KINDS


def _province_poverty_officer(a: RoleAssignment, commune: OrgUnit) -> bool:
    return (a.role == Role.DEPARTMENT and a.org_unit.level == 1 and _covers(a, commune)
            and a.agency is not None and a.agency.code in POVERTY_AGENCIES)


def poverty_record_communes(user) -> QuerySet[OrgUnit]:
    """Communes whose household records (names, incomes, deprivations) the user may read: their
    own commune (commune staff) or every commune of the province (its poverty officers). Nobody
    else, not even an administrator: they read the aggregates."""
    condition = Q(pk__in=[])
    for a in _assignments(user):
        if a.role in COMMUNE_STAFF and a.org_unit.kind in COMMUNE_KINDS:
            condition |= Q(pk=a.org_unit_id)
        elif (a.role == Role.DEPARTMENT and a.org_unit.level == 1 and a.agency is not None
              and a.agency.code in POVERTY_AGENCIES):
            condition |= Q(path__startswith=a.org_unit.path)
    return OrgUnit.objects.filter(condition)


def can_view_household_records(user, commune: OrgUnit) -> bool:
    return any(_commune_staff(a, commune) or _province_poverty_officer(a, commune) for a in _assignments(user))


def can_export_household_records(user, commune: OrgUnit) -> bool:
    """Exports of the records stay in the commune: its own staff only."""
    return any(_commune_staff(a, commune) for a in _assignments(user))


def can_edit_poverty_review(user, commune: OrgUnit) -> bool:
    """Open the review, import and correct the list, publish it: the commune's clerk."""
    return any(_commune_staff(a, commune) and a.role == Role.COMMUNE for a in _assignments(user))


def can_approve_poverty_review(user, commune: OrgUnit) -> bool:
    """The commune chair (a leader of the commune itself) approves the published list."""
    return any(_commune_staff(a, commune) and a.role == Role.LEADER for a in _assignments(user))


def households_visible(user):
    from ktxh.poverty.models import Household

    return Household.objects.filter(commune__in=poverty_record_communes(user))


def access_household_by_id(user, household_id):
    return _one(households_visible(user).select_related("commune"), household_id,
                "Không có hộ này hoặc bạn không có quyền xem danh sách hộ.")


def poverty_reviews_visible(user):
    """Reviews (their aggregate figures) of every unit the user reads."""
    from ktxh.poverty.models import Review

    return Review.objects.filter(commune__in=units_visible(user)).select_related("commune")


def access_poverty_review_by_id(user, review_id):
    return _one(poverty_reviews_visible(user), review_id, "Không có đợt rà soát này hoặc bạn không có quyền xem.")


def access_poverty_import_by_id(user, review, import_id):
    """An uploaded review list (its bytes are household records): only the clerk who may edit the
    review's commune reaches it, and only within that review."""
    from ktxh.poverty.models import ListImport

    if not can_edit_poverty_review(user, review.commune):
        raise Http404("Không có tệp danh sách này hoặc bạn không có quyền xem.")
    return _one(ListImport.objects.filter(review=review).defer("data"), import_id,  # up to 5 MB: read when needed
                "Không có tệp danh sách này hoặc bạn không có quyền xem.")
