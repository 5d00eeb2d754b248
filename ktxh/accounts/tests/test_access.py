"""Every persona against every function of accounts/access.py.

The demo personas all work in Phong Thổ (109): planner, department officer (agency
NN), leader, viewer and admin (a superuser) at the district, the commune clerk in
commune 109-02. Objects are placed at the district, at the clerk's commune, at
another commune of Phong Thổ and in another district (Mường Tè, 107); each table
below says, by hand, who reaches which. A new public function in access.py fails
test_every_public_access_function_is_checked until it gets its table here.
"""

import inspect
from decimal import Decimal

import pytest
from django.http import Http404

from ktxh.accounts import access
from ktxh.catalog.models import Agency, Indicator
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of

pytestmark = pytest.mark.django_db

PERSONAS = ["planner", "department", "commune", "leader", "viewer", "admin"]
PLACES = {"district": "109", "own_commune": "109-02", "other_commune": "109-03", "other_district": "107"}
IN_PHONG_THO = {"district", "own_commune", "other_commune"}
EVERYWHERE = set(PLACES)


@pytest.fixture
def users(db):
    from django.contrib.auth import get_user_model

    return {u.username: u for u in get_user_model().objects.filter(username__in=PERSONAS)}


def unit(place: str) -> OrgUnit:
    return OrgUnit.objects.get(code=PLACES[place])


def _placed(model, place: str, **fields):
    """One row of `model` at a place; the province key is filled where the model has one."""
    where = unit(place)
    if any(f.name == "province" for f in model._meta.fields):
        fields["province"] = province_of(where)
    return model.objects.create(**fields)


def make_report(place):
    from ktxh.reports.models import Report

    return _placed(Report, place, org_unit=unit(place), kind="annual", period="2026")


def make_document(place):
    from ktxh.imports.models import ImportedDocument

    return _placed(ImportedDocument, place, org_unit=unit(place), file_name=f"{place}.txt", size=1, text="x",
                   sha256=place.ljust(64, "0"))


def make_violation(place):
    from ktxh.quality.models import Rule, Violation

    rule, _ = Rule.objects.get_or_create(code="TRUY-CAP", defaults={"name": "thử quyền", "left": "1", "right": "1"})
    return _placed(Violation, place, rule=rule, org_unit=unit(place), period="2026", message="thử",
                   subject=place)


def make_task(place):
    from datetime import date

    from ktxh.programmes.tasks.models import Task, TaskPlan

    plan = _placed(TaskPlan, place, org_unit=unit(place), code=f"KH-{place}", title="thử", start=date(2026, 1, 1),
                   end=date(2026, 12, 31))
    return _placed(Task, place, plan=plan, section="1", title="thử")


def make_capital_line(place):
    from ktxh.programmes.capital.models import CapitalLine

    return _placed(CapitalLine, place, org_unit=unit(place), code=f"TRUY-CAP-{place}", label="thử", period="2026",
                   fund_source="central", capital_type="investment", amount=Decimal(1))


def make_quality_job(place):
    from ktxh.quality.models import QualityJob

    return _placed(QualityJob, place, org_unit=unit(place), period="2023")


BY_ID = {
    # function: (maker, {persona: places reached})
    access.access_report_by_id: make_report,
    access.access_imported_document_by_id: make_document,
    access.access_violation_by_id: make_violation,
    access.access_task_by_id: make_task,
    access.access_capital_line_by_id: make_capital_line,
    access.access_quality_job_by_id: make_quality_job,
}
# Everything placed by unit follows units_visible: the district's roles read the
# district and its communes, the clerk their commune, the superuser everything.
BY_UNIT = {"planner": IN_PHONG_THO, "department": IN_PHONG_THO, "leader": IN_PHONG_THO, "viewer": IN_PHONG_THO,
           "commune": {"own_commune"}, "admin": EVERYWHERE}


@pytest.mark.parametrize("function", list(BY_ID), ids=lambda f: f.__name__)
@pytest.mark.parametrize("persona", PERSONAS)
def test_an_object_by_id_is_reached_only_from_a_unit_the_user_reads(users, function, persona):
    objects = {place: BY_ID[function](place) for place in PLACES}
    reached = set()
    for place, obj in objects.items():
        try:
            assert function(users[persona], obj.pk).pk == obj.pk
            reached.add(place)
        except Http404:
            pass
    assert reached == BY_UNIT[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_unit_by_code_follows_the_same_table(users, persona):
    reached = set()
    for place in PLACES:
        try:
            access.access_unit_by_code(users[persona], PLACES[place])
            reached.add(place)
        except Http404:
            pass
    assert reached == BY_UNIT[persona]
    assert access.can_view_unit(users[persona], unit("district")) == ("district" in BY_UNIT[persona])
    with pytest.raises(Http404):  # a district is not a commune
        access.access_unit_by_code(users[persona], "109", kind=OrgUnit.Kind.COMMUNE)


def test_a_bad_or_missing_id_is_not_found(users):
    for bad in (None, "", "abc", 0, 10**9):
        with pytest.raises(Http404):
            access.access_report_by_id(users["admin"], bad)


@pytest.fixture
def data_sets(db):
    from ktxh.entry.models import DataSet

    nn, other = Agency.objects.get(code="NN"), Agency.objects.get(code="TCKH")
    sets = {
        "nn_set": ("district", nn), "other_agency_set": ("district", other), "own_commune_set": ("own_commune", None),
        "other_commune_set": ("other_commune", None), "other_district_set": ("other_district", nn),
    }
    return {name: _placed(DataSet, place, name=f"Biểu thử quyền {name}", reporter_unit=unit(place), agency=agency,
                          period_kind="half") for name, (place, agency) in sets.items()}


ALL_SETS = {"nn_set", "other_agency_set", "own_commune_set", "other_commune_set", "other_district_set"}
SETS_SEEN = {
    "planner": ALL_SETS - {"other_district_set"}, "leader": ALL_SETS - {"other_district_set"},
    "department": {"nn_set"}, "commune": {"own_commune_set"}, "viewer": set(), "admin": ALL_SETS,
}
SETS_ENTERED = {"department": {"nn_set"}, "commune": {"own_commune_set"}}


@pytest.mark.parametrize("persona", PERSONAS)
def test_data_sets_are_read_by_oversight_roles_and_their_own_reporter_only(users, data_sets, persona):
    user = users[persona]
    seen, entered = set(), set()
    for name, data_set in data_sets.items():
        try:
            assert access.access_data_set_by_id(user, data_set.pk) == data_set
            seen.add(name)
        except Http404:
            pass
        assert access.can_view_data_set(user, data_set) == (name in seen)
        if access.can_enter_data_set(user, data_set):
            entered.add(name)
    assert seen == SETS_SEEN[persona]
    assert entered == SETS_ENTERED.get(persona, set())  # nobody else types figures, not even the admin


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_round_is_reached_by_whoever_reads_a_data_set_of_its_province(users, data_sets, persona):
    from ktxh.entry.models import ReportingRound

    round_ = ReportingRound.objects.get(period="2026-H1")
    user = users[persona]
    if SETS_SEEN[persona]:
        assert access.access_round_by_id(user, round_.pk) == round_
        some = data_sets[sorted(SETS_SEEN[persona])[0]]
        assert access.access_round_by_id(user, round_.pk, data_set=some) == round_
    else:
        with pytest.raises(Http404):
            access.access_round_by_id(user, round_.pk)


REVIEWERS = {"planner", "leader"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_review_reopen_and_oversight(users, data_sets, persona):
    from ktxh.entry.models import ReportingRound, Submission

    round_ = ReportingRound.objects.get(period="2026-H1")
    submission = Submission.objects.create(province=round_.province, round=round_, data_set=data_sets["nn_set"],
                                           state="submitted", submitted_by=users["department"])
    user = users[persona]
    assert access.can_review(user, submission) == (persona in REVIEWERS)
    assert access.can_reopen(user, submission) == (persona == "planner")
    assert access.can_oversee(user) == (persona in {"planner", "leader", "admin"})
    submission.submitted_by = user
    assert access.can_review(user, submission) is False  # never one's own report


@pytest.mark.parametrize("persona", PERSONAS)
def test_programmes_reports_quality_and_imports(users, persona):
    user = users[persona]
    managers = {"planner", "admin"}
    district, own, other = unit("district"), unit("own_commune"), unit("other_commune")
    assert access.can_administer(user) == (persona == "admin")
    assert access.can_manage_programmes(user, district) == (persona in managers)
    # targets from a bulk file over the API: the planning office and admins, every unit of Phong Thổ
    assert access.can_set_target(user, district) == (persona in managers)
    assert access.can_set_target(user, own) == (persona in managers)
    assert access.can_set_target(user, unit("other_district")) == (persona == "admin")
    assert access.can_edit_ntm_criteria(user, own) == (persona in managers | {"commune"})
    assert access.can_edit_ntm_criteria(user, other) == (persona in managers)
    assert access.can_post_task_update(user, make_task("district")) == (persona in managers)
    assert access.can_write_reports(user, district) == (persona in managers)
    assert access.can_write_reports(user, own) == (persona in managers | {"commune"})
    writable = {u.code for u in access.units_for_reports(user)}
    assert ("109" in writable) == (persona in managers)
    assert ("109-02" in writable) == (persona in managers | {"commune"})
    assert access.can_review_quality(user, district) == (persona in managers)
    importers = set(access.units_for_import(user).values_list("code", flat=True))
    assert ("109" in importers) == (persona in managers | {"department"})
    grain = Indicator.objects.filter(responsible_agency__code="NN").first()
    budget = Indicator.objects.filter(responsible_agency__code="TCKH").first()
    assert access.can_import_value(user, district, grain) == (persona in managers | {"department"})
    assert access.can_import_value(user, district, budget) == (persona in managers)
    expected_home = "109-02" if persona == "commune" else "109"
    assert access.default_unit(user).code == expected_home


READING = {"evaluation", "quality", "reports", "programmes", "poverty"}
MENU = {"planner": READING | {"entry", "import"}, "department": READING | {"entry", "import"},
        "commune": READING | {"entry"}, "leader": READING | {"entry", "import"}, "viewer": READING,
        "admin": READING | {"entry", "import", "units_load"}}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_menu_and_the_home_page_follow_the_roles(users, persona):
    assert access.menu_sections(users[persona]) == MENU[persona]
    assert access.lands_on_entry(users[persona]) == (persona in {"department", "commune"})


def test_an_upload_being_read_is_its_uploaders_alone(users):
    from ktxh.imports.models import ImportJob

    jobs = {persona: ImportJob.objects.create(province=unit("district").parent or unit("district"), file_name="a.txt",
                                              sha256="0" * 64, size=1, created_by=users[persona])
            for persona in PERSONAS}
    for persona in PERSONAS:
        for owner, job in jobs.items():
            if owner == persona:
                assert access.access_import_job_by_id(users[persona], job.pk) == job
            else:
                with pytest.raises(Http404):
                    access.access_import_job_by_id(users[persona], job.pk)


def test_every_public_access_function_is_checked():
    checked = {f.__name__ for f in BY_ID} | {
        "access_unit_by_code", "can_view_unit", "access_data_set_by_id", "can_view_data_set", "can_enter_data_set",
        "access_round_by_id", "can_review", "can_reopen", "can_oversee", "can_administer", "can_manage_programmes",
        "can_set_target",
        "can_edit_ntm_criteria", "can_post_task_update", "can_write_reports", "units_for_reports",
        "can_review_quality", "units_for_import", "can_import_value", "default_unit", "menu_sections",
        "lands_on_entry",
        # the API's reads and writes (test_the_api_reads_follow_the_roles below)
        "values_visible", "targets_visible", "submissions_visible", "rounds_visible", "can_write_value",
        "capital_lines_visible", "tasks_visible", "ntm_cells_visible",
        # poverty households (test_household_records_... below)
        "poverty_record_communes", "can_view_household_records", "can_export_household_records",
        "can_edit_poverty_review", "can_approve_poverty_review", "households_visible", "access_household_by_id",
        "poverty_reviews_visible", "access_poverty_review_by_id",
        "access_poverty_import_by_id",  # poverty/tests/test_import_columns.py: the commune's clerk alone
        # the querysets behind the by-id functions above
        "units_visible", "data_sets_visible", "reports_visible", "imported_documents_visible",
        "access_import_job_by_id",  # test_an_upload_being_read_is_its_uploaders_alone
        "access_entry_scope_by_ids",  # ktxh/entry/tests/test_entry_scope.py
        # loading the national units (orgunits/tests/test_unit_load_jobs.py: who starts, who sees)
        "unit_load_provinces", "can_load_units", "unit_load_jobs_visible", "access_unit_load_job_by_id",
    }
    public = {name for name, f in inspect.getmembers(access, inspect.isfunction)
              if not name.startswith("_") and f.__module__ == access.__name__}
    assert public == checked


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_reads_follow_the_roles(users, persona):
    from ktxh.catalog.models import Indicator
    from ktxh.orgunits.models import OrgUnit

    user = users[persona]
    seen = {"109-02"} if persona == "commune" else {"109", "109-02", "109-03"}
    hidden = {"107"} if persona != "admin" else set()
    for queryset, field in ((access.values_visible(user), "org_unit__code"),
                            (access.targets_visible(user), "org_unit__code"),
                            (access.capital_lines_visible(user), "org_unit__code"),
                            (access.tasks_visible(user), "plan__org_unit__code"),
                            (access.ntm_cells_visible(user), "commune__code")):
        codes = set(queryset.values_list(field, flat=True))
        assert not codes & hidden and (persona == "admin" or codes <= {c for c in codes if c.startswith(
            "109-02" if persona == "commune" else "109")})
    values = set(access.values_visible(user).values_list("org_unit__code", flat=True))
    assert ("109" in values) == ("109" in seen)
    assert access.rounds_visible(user).exists()
    mine = set(access.submissions_visible(user).values_list("data_set_id", flat=True))
    assert mine <= set(access.data_sets_visible(user).values_list("pk", flat=True))
    grain = Indicator.objects.filter(responsible_agency__code="NN").first()
    district = OrgUnit.objects.get(code="109")
    assert access.can_write_value(user, district, grain) == access.can_import_value(user, district, grain)


# Household records are personal data: the commune's own staff (clerk and leaders of the
# commune itself) and the province's poverty officers (so_giam_ngheo: Sở Nông nghiệp và Môi
# trường, agency LDTBXH) read them; a district's planner, leader, viewer, an agriculture
# officer of the province and even the administrator see aggregates only.
RECORDS = {"planner": set(), "department": set(), "commune": {"own_commune"}, "leader": set(), "viewer": set(),
           "admin": set(), "so_nong_nghiep": set(), "so_tai_chinh": set(), "so_giam_ngheo": EVERYWHERE}
EXPORTS = {"commune": {"own_commune"}}
EDITS = {"commune": {"own_commune"}}
APPROVALS: dict = {}  # the district-world leader is not a commune chair
REVIEWS = {**BY_UNIT, "so_nong_nghiep": EVERYWHERE, "so_tai_chinh": EVERYWHERE, "so_giam_ngheo": EVERYWHERE}


def make_household(place):
    from ktxh.poverty.models import Household

    return _placed(Household, place, commune=unit(place), code=f"TRUY-CAP-{place}", area="nong_thon",
                   head_name="Hộ giả định")


def make_review(place):
    from ktxh.poverty.models import Review

    return _placed(Review, place, commune=unit(place), year=2031, standard="2026-2030")


@pytest.mark.parametrize("persona", [*PERSONAS, "so_nong_nghiep", "so_tai_chinh", "so_giam_ngheo"])
def test_household_records_are_seen_only_by_the_commune_and_the_province_poverty_officer(persona):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=persona)
    households = {place: make_household(place) for place in PLACES}
    reviews = {place: make_review(place) for place in PLACES}
    reached, exported, edited, approved, reviewed = set(), set(), set(), set(), set()
    for place, household in households.items():
        try:
            assert access.access_household_by_id(user, household.pk) == household
            reached.add(place)
        except Http404:
            pass
        assert access.can_view_household_records(user, unit(place)) == (place in reached)
        assert access.households_visible(user).filter(pk=household.pk).exists() == (place in reached)
        assert access.poverty_record_communes(user).filter(pk=unit(place).pk).exists() == (place in reached)
        if access.can_export_household_records(user, unit(place)):
            exported.add(place)
        if access.can_edit_poverty_review(user, unit(place)):
            edited.add(place)
        if access.can_approve_poverty_review(user, unit(place)):
            approved.add(place)
        try:
            assert access.access_poverty_review_by_id(user, reviews[place].pk) == reviews[place]
            reviewed.add(place)
        except Http404:
            pass
        assert access.poverty_reviews_visible(user).filter(pk=reviews[place].pk).exists() == (place in reviewed)
    assert reached == RECORDS[persona]
    assert exported == EXPORTS.get(persona, set())
    assert edited == EDITS.get(persona, set())
    assert approved == APPROVALS.get(persona, set())
    assert reviewed == REVIEWS[persona]


def test_the_new_communes_clerk_and_chair_run_their_own_review_only():
    from django.contrib.auth import get_user_model

    from ktxh.orgunits.selectors import unit_resolve

    users = get_user_model().objects
    clerk, chair = users.get(username="xa_khong_lao"), users.get(username="lanh_dao_khong_lao")
    own, other = unit_resolve("03583@2025"), unit_resolve("03549@2025")
    assert access.can_edit_poverty_review(clerk, own) and not access.can_edit_poverty_review(clerk, other)
    assert not access.can_approve_poverty_review(clerk, own)
    assert access.can_approve_poverty_review(chair, own) and not access.can_approve_poverty_review(chair, other)
    assert access.can_view_household_records(chair, own) and not access.can_view_household_records(chair, other)
    assert access.can_export_household_records(clerk, own) and not access.can_export_household_records(clerk, other)
