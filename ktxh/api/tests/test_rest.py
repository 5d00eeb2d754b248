"""The REST API at /api/v1/, driven per persona with tokens."""

import json
from decimal import Decimal

from django.test import Client

from ktxh.api.tests.helpers import api_client
from ktxh.catalog.models import Indicator
from ktxh.entry.models import Submission
from ktxh.entry.tests.entry_helpers import agriculture_set, commune_set, demo_round, plausible_value
from ktxh.values.models import DataValue


def put_json(client, url, body, **headers):
    return client.put(url, json.dumps(body), content_type="application/json", **headers)


def post_json(client, url, body, **headers):
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def test_a_commune_token_sees_only_its_commune_and_the_planner_the_district(commune_clerk, planner):
    own = commune_clerk.roles.get().org_unit
    codes = {u["code"] for u in api_client(commune_clerk).get("/api/v1/units/?page_size=1000").json()["results"]}
    assert codes == {own.code}
    district = {u["code"] for u in api_client(planner).get("/api/v1/units/?page_size=1000").json()["results"]}
    assert "109" in district and own.code in district and "107" not in district
    assert api_client(commune_clerk).get("/api/v1/units/109/").status_code == 404


def test_units_as_of_a_date_leave_out_units_not_valid_then(planner):
    from ktxh.orgunits.models import OrgUnit

    unit = OrgUnit.objects.get(code="109-02")
    OrgUnit.objects.filter(pk=unit.pk).update(valid_to="2025-06-30")
    client = api_client(planner)
    before = {u["code"] for u in client.get("/api/v1/units/?as_of=2025-06-01&page_size=1000").json()["results"]}
    after = {u["code"] for u in client.get("/api/v1/units/?as_of=2025-07-01&page_size=1000").json()["results"]}
    assert "109-02" in before and "109-02" not in after
    bad = client.get("/api/v1/units/?as_of=01/07/2025")
    assert bad.status_code == 400 and bad.json()["code"] == "bad_date" and "2025-07-01" in bad.json()["message"]


def test_indicators_groups_and_legal_bases_read_as_codes(viewer):
    client = api_client(viewer)
    indicator = client.get("/api/v1/indicators/02.01/").json()
    assert indicator["code"] == "02.01" and indicator["group"] and indicator["measure_kind"]
    assert isinstance(indicator["tolerance"], str)
    groups = client.get("/api/v1/indicator-groups/").json()
    assert groups["count"] >= 1 and groups["results"][0]["code"]
    assert client.get("/api/v1/legal-bases/").json()["count"] >= 1
    main = client.get("/api/v1/indicators/?main=true&page_size=1000").json()["results"]
    assert main and all(i["is_main"] for i in main)


def test_targets_and_values_filter_by_unit_period_indicator_and_kind_with_exact_decimals(leader):
    client = api_client(leader)
    values = client.get("/api/v1/values/?unit=109&period=2023&indicator=02.01").json()
    assert values["count"] == 1
    row = values["results"][0]
    assert row["value"] == "36595.83" and row["org_unit"] == "109" and row["kind"] == "estimate"
    assert client.get("/api/v1/values/?unit=109&period=2023&kind=official").json()["count"] == \
        DataValue.objects.filter(org_unit__code="109", period="2023", kind="official").count()
    targets = client.get("/api/v1/targets/?unit=109&period=2023&indicator=02.01").json()["results"]
    assert len(targets) == 1 and targets[0]["comparator"]
    page = client.get("/api/v1/values/?unit=109&page_size=5").json()
    assert len(page["results"]) == 5 and page["next"]


def test_bad_filters_are_json_errors_with_a_vietnamese_message_and_a_code(leader):
    client = api_client(leader)
    for url, code in [("/api/v1/values/?period=2024-13", "bad_period"),
                      ("/api/v1/values/?unit=không-có", "unknown_unit"),
                      ("/api/v1/values/?indicator=99.99", "unknown_indicator"),
                      ("/api/v1/values/?kind=guess", "bad_kind")]:
        response = client.get(url)
        assert response.status_code in (400, 404), url
        body = response.json()
        assert body["code"] == code and body["message"], url


def test_the_evaluation_is_the_very_table_the_cli_prints(leader):
    from ktxh.evaluation.commands import table_document
    from ktxh.evaluation.table import evaluation_table
    from ktxh.orgunits.models import OrgUnit

    body = api_client(leader).get("/api/v1/evaluation/?unit=109&period=2023").json()
    expected = json.loads(json.dumps(table_document(evaluation_table(unit=OrgUnit.objects.get(code="109"),
                                                                     period="2023"))))
    assert body == expected
    row = next(r for r in body["rows"] if r["code"] == "02.01")
    assert row["value"] == "36595.83" and isinstance(row["pct_of_plan"], str)
    assert api_client(leader).get("/api/v1/evaluation/").json()["code"] == "missing_parameter"


def test_a_planner_writes_a_value_with_history_and_a_stale_version_gets_409_with_the_other_value(planner):
    client = api_client(planner)
    body = {"indicator": "02.01", "org_unit": "109", "period": "2025", "kind": "official", "value": "40100.5",
            "version": 0}
    created = post_json(client, "/api/v1/values/", body)
    assert created.status_code == 201, created.content
    row = created.json()
    assert row["value"] == "40100.5" and row["version"] == 1 and row["updated_by"] == "planner"
    assert created["ETag"] == '"1"'
    stored = DataValue.objects.get(pk=row["id"])
    assert stored.history.first().history_user == planner
    # a second program that read version 1 saves first ...
    assert put_json(client, f"/api/v1/values/{row['id']}/", {"value": "40200"}, HTTP_IF_MATCH='"1"').status_code == 200
    # ... so a save from version 1 conflicts and gets the value now stored
    stale = put_json(client, f"/api/v1/values/{row['id']}/", {"value": "40300"}, HTTP_IF_MATCH='"1"')
    assert stale.status_code == 409
    assert stale.json()["code"] == "version_conflict" and stale.json()["current"]["value"] == "40200"
    missing = put_json(client, f"/api/v1/values/{row['id']}/", {"value": "40300"})
    assert missing.status_code == 428 and missing.json()["code"] == "precondition_required"
    assert DataValue.objects.get(pk=row["id"]).value == 40200


def test_value_writes_are_checked_like_the_entry_grid(planner):
    client = api_client(planner)
    rate = Indicator.objects.filter(measure_kind="rate_pct").first()
    body = {"indicator": rate.code, "org_unit": "109", "period": "2025", "value": "140"}
    response = post_json(client, "/api/v1/values/", body)
    assert response.status_code == 422 and response.json()["code"] == "check_failed"
    assert "Tỷ lệ" in response.json()["errors"][0]["message"]
    response = post_json(client, "/api/v1/values/", {**body, "value": "abc"})
    assert response.status_code == 400 and response.json()["code"] == "bad_number"
    response = post_json(client, "/api/v1/values/", {"indicator": "02.01"})
    assert response.status_code == 400 and {e["field"] for e in response.json()["errors"]} >= {"org_unit", "value"}
    response = client.post("/api/v1/values/", "{not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "malformed_json"
    assert not DataValue.objects.filter(indicator=rate, org_unit__code="109", period="2025").exists()


def test_who_may_write_follows_the_access_rules(viewer, leader, department_officer, commune_clerk):
    body = {"indicator": "02.01", "org_unit": "109", "period": "2025", "value": "1"}
    for user in (viewer, leader, commune_clerk):
        response = post_json(api_client(user), "/api/v1/values/", body)
        assert response.status_code in (400, 403), user
    agriculture = Indicator.objects.filter(responsible_agency__code="NN").first()
    other = Indicator.objects.exclude(responsible_agency__code="NN").exclude(responsible_agency=None).first()
    client = api_client(department_officer)
    ok = post_json(client, "/api/v1/values/", {**body, "indicator": agriculture.code,
                                               "value": plausible_value(agriculture).replace(",", ".")})
    assert ok.status_code == 201, ok.content
    refused = post_json(client, "/api/v1/values/", {**body, "indicator": other.code})
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"


def test_a_commune_token_cannot_read_another_communes_drafts(commune_clerk, client_as):
    from django.contrib.auth import get_user_model

    own = commune_set(commune_clerk)
    other = own.__class__.objects.filter(agency__isnull=True, reporter_unit__parent__code="109").exclude(
        pk=own.pk).first()
    clerk2 = get_user_model().objects.create(username="clerk2")
    clerk2.roles.create(org_unit=other.reporter_unit, role="commune")
    indicator = other.indicators.first()
    draft = Submission.objects.get_or_create(province=demo_round().province, round=demo_round(), data_set=other)[0]
    client2 = api_client(clerk2)
    saved = put_json(client2, f"/api/v1/submissions/{draft.pk}/values/{indicator.code}/",
                     {"value": plausible_value(indicator).replace(",", "."), "version": 0, "comment": "x",
                      "confirmed": True})
    assert saved.status_code == 200, saved.content
    value_id = saved.json()["id"]
    mine = api_client(commune_clerk)
    assert mine.get(f"/api/v1/values/{value_id}/").status_code == 404
    assert mine.get(f"/api/v1/submissions/{draft.pk}/").status_code == 404
    assert value_id not in [v["id"] for v in mine.get("/api/v1/values/?page_size=1000").json()["results"]]
    assert mine.get(f"/api/v1/values/?unit={other.reporter_unit.code}").status_code == 404
    assert client2.get(f"/api/v1/values/{value_id}/").json()["submission_state"] == "draft"


def test_a_report_is_entered_submitted_returned_and_approved_through_the_workflow(department_officer, planner, leader):
    data_set = agriculture_set()
    submission = Submission.objects.get_or_create(province=demo_round().province, round=demo_round(),
                                                  data_set=data_set)[0]
    officer = api_client(department_officer)
    for indicator in data_set.indicators.all():
        value = plausible_value(indicator).replace(",", ".")
        url = f"/api/v1/submissions/{submission.pk}/values/{indicator.code}/"
        response = put_json(officer, url, {"value": value, "version": 0})
        if response.status_code == 422:  # a jump warning: confirmed with a comment, as in the grid
            response = put_json(officer, url, {"value": value, "version": 0, "confirmed": True, "comment": "kiểm thử"})
        assert response.status_code == 200, response.content
    first = data_set.indicators.first()
    stale = put_json(officer, f"/api/v1/submissions/{submission.pk}/values/{first.code}/",
                     {"value": plausible_value(first).replace(",", "."), "version": 0, "confirmed": True, "comment": "x"})
    assert stale.status_code == 409 and stale.json()["code"] == "version_conflict"
    assert post_json(api_client(leader), f"/api/v1/submissions/{submission.pk}/approve/", {}).json()["code"] == \
        "workflow"
    submitted = post_json(officer, f"/api/v1/submissions/{submission.pk}/submit/", {})
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    assert post_json(officer, f"/api/v1/submissions/{submission.pk}/approve/", {}).status_code == 403
    returned = post_json(api_client(planner), f"/api/v1/submissions/{submission.pk}/return/", {})
    assert returned.status_code == 409 and "lý do" in returned.json()["message"]
    returned = post_json(api_client(planner), f"/api/v1/submissions/{submission.pk}/return/", {"reason": "sai số"})
    assert returned.json()["state"] == "draft" and returned.json()["return_reason"] == "sai số"
    post_json(officer, f"/api/v1/submissions/{submission.pk}/submit/", {})
    approved = post_json(api_client(leader), f"/api/v1/submissions/{submission.pk}/approve/", {"reason": "đạt"})
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    actions = [t["action"] for t in approved.json()["transitions"]]
    assert actions == ["submit", "return", "submit", "approve"]
    assert approved.json()["transitions"][-1]["actor"] == "leader"
    locked = put_json(officer, f"/api/v1/submissions/{submission.pk}/values/{first.code}/",
                      {"value": plausible_value(first).replace(",", "."), "version": 1, "confirmed": True, "comment": "x"})
    assert locked.status_code == 409


def test_rounds_and_data_sets_are_scoped(commune_clerk, planner):
    assert api_client(commune_clerk).get("/api/v1/data-sets/").json()["count"] == 1
    assert api_client(planner).get("/api/v1/data-sets/").json()["count"] > 1
    rounds = api_client(commune_clerk).get("/api/v1/rounds/").json()["results"]
    assert demo_round().pk in [r["id"] for r in rounds]


def test_the_schema_and_offline_docs_are_served(viewer):
    client = Client()
    client.force_login(viewer)
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/values/" in paths and "/api/v1/evaluation/" in paths
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html and "cdn" not in html.lower()


def test_programme_reads_capital_tasks_and_the_ntm_matrix_are_scoped(planner, commune_clerk):
    from ktxh.programmes.capital.models import CapitalLine
    from ktxh.programmes.ntm.models import CommuneCriterion

    client = api_client(planner)
    lines = client.get("/api/v1/capital-lines/?page_size=1000").json()
    assert lines["count"] == CapitalLine.objects.filter(org_unit__path__startswith="/12/109/").count() > 0
    for line in lines["results"]:
        total = sum((Decimal(d["amount"]) for d in line["disbursements"]), Decimal(0))
        assert Decimal(line["disbursed"]) == total and isinstance(line["amount"], str)
    from ktxh.programmes.tasks.models import Task

    tasks = client.get("/api/v1/tasks/?page_size=1000").json()
    assert tasks["count"] == Task.objects.filter(plan__org_unit__path__startswith="/12/109/").count()
    assert api_client(commune_clerk).get("/api/v1/tasks/").json()["count"] == Task.objects.filter(
        plan__org_unit__path__startswith=commune_clerk.roles.get().org_unit.path).count()
    cells = client.get("/api/v1/ntm-matrix/?unit=109&page_size=1000").json()
    assert cells["count"] == CommuneCriterion.objects.filter(commune__path__startswith="/12/109/").count()
    own = commune_clerk.roles.get().org_unit
    mine = api_client(commune_clerk).get("/api/v1/ntm-matrix/?page_size=1000").json()["results"]
    assert {c["commune"] for c in mine} <= {own.code}


def test_anonymous_users_get_401_in_json_even_for_the_schema(db):
    client = Client()
    for url in ("/api/v1/schema/?format=json", "/api/v1/values/", "/api/v1/evaluation/?unit=109"):
        response = client.get(url)
        assert response.status_code == 401, url
        assert response.json()["code"] == "not_authenticated"
