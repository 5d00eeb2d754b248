"""DHIS2 dataValueSets at /dhis2/api/: JSON and CSV in and out, id schemes, periods,
strategies, dry runs and DHIS2's import summary."""

import base64
import json

import pytest
from django.test import Client, override_settings

from ktxh.api.tests.helpers import token_for
from ktxh.engine.periods import Period, PeriodError, period_from_dhis2, period_to_dhis2
from ktxh.exchange.models import Dhis2Mapping
from ktxh.values.models import DataValue

URL = "/dhis2/api/dataValueSets"


def basic(username="planner", password="ktxh-demo") -> Client:
    credentials = base64.b64encode(f"{username}:{password}".encode()).decode()
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Basic {credentials}")


def push(client, payload, query="", content_type="application/json"):
    body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
    return client.post(URL + query, body, content_type=content_type)


def stored(code, unit="109", period="2025", kind="official"):
    return DataValue.objects.filter(indicator__code=code, org_unit__code=unit, period=period, kind=kind).first()


@pytest.mark.parametrize("dhis2,ours", [("2024", "2024"), ("2024S1", "2024-H1"), ("2024S2", "2024-H2"),
                                         ("2024Q3", "2024-Q3"), ("202409", "2024-09")])
def test_dhis2_periods_map_to_ours_and_back(dhis2, ours):
    assert period_from_dhis2(dhis2).code == ours
    assert period_to_dhis2(Period.parse(ours)) == dhis2


def test_periods_dhis2_cannot_name_are_refused_or_left_out():
    for bad in ("2024W3", "202413", "2024Q5", "24", "2024-09"):
        with pytest.raises(PeriodError):
            period_from_dhis2(bad)
    assert period_to_dhis2(Period.parse("2024-9M")) is None
    assert period_to_dhis2(Period.parse("2021-2025")) is None


def test_system_info_and_me_answer_as_dhis2_does(planner):
    client = basic()
    info = client.get("/dhis2/api/system/info").json()
    assert info["version"].startswith("2.") and info["calendar"] == "iso8601"
    assert client.get("/dhis2/api/me").json()["username"] == "planner"
    assert client.get("/dhis2/api/40/system/info.json").status_code == 200
    anonymous = Client().get("/dhis2/api/system/info")
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"].startswith("Basic")
    assert basic(password="sai").get("/dhis2/api/me").status_code == 401


def test_a_json_data_value_set_by_code_is_imported_with_a_dhis2_summary_and_history(planner):
    payload = {"dataSet": "ignored", "period": "2025", "orgUnit": "109", "dataValues": [
        {"dataElement": "02.01", "value": "41000.25"},
        {"dataElement": "01.01", "period": "2025Q3", "value": "6800", "comment": "ước quý III"},
    ]}
    response = push(basic(), payload, "?idScheme=code")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "OK" and body["response"]["status"] == "SUCCESS"
    assert body["response"]["importCount"] == {"imported": 2, "updated": 0, "ignored": 0, "deleted": 0}
    row = stored("02.01")
    assert str(row.value.normalize()) == "41000.25" and row.updated_by == planner
    assert row.history.first().history_user == planner
    assert stored("01.01", period="2025-Q3").comment == "ước quý III"
    again = push(basic(), {**payload, "dataValues": [{"dataElement": "02.01", "value": "41001"}]}, "?idScheme=code")
    assert again.json()["response"]["importCount"]["updated"] == 1


def test_csv_in_and_out_with_dhis2_columns(planner):
    csv = ("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,"
           "comment,followup\n02.01,2025S1,109,estimate,,18000.5,,,,false\n02.02,2025S1,109,,,760,,,,false\n")
    response = push(basic(), csv, "?dataElementIdScheme=CODE&orgUnitIdScheme=CODE", content_type="application/csv")
    assert response.json()["response"]["importCount"]["imported"] == 2, response.content
    assert stored("02.01", period="2025-H1", kind="estimate").value == 18000.5
    out = basic().get(URL + ".csv?orgUnit=109&period=2025S1&idScheme=code")
    assert out["Content-Type"].startswith("application/csv")
    lines = out.content.decode().splitlines()
    assert lines[0].startswith("dataelement,period,orgunit,categoryoptioncombo")
    assert "02.01,2025S1,109,estimate,,18000.5" in out.content.decode()
    headerless = "02.03,2025S1,109,official,,66.1,,,,false\n"
    assert push(basic(), headerless, content_type="text/csv").json()["response"]["importCount"]["imported"] == 1


def test_uids_are_read_and_written_through_the_mapping_table(planner):
    Dhis2Mapping.objects.create(kind="data_element", uid="fbfJHSPpUQD", code="02.01")
    Dhis2Mapping.objects.create(kind="org_unit", uid="DiszpKrYNg8", code="109")
    payload = {"dataValues": [{"dataElement": "fbfJHSPpUQD", "orgUnit": "DiszpKrYNg8", "period": "202503",
                               "categoryOptionCombo": "HllvX50cXC0", "value": "3000"}]}
    response = push(basic(), payload, "?idScheme=uid")
    body = response.json()["response"]
    assert body["importCount"]["ignored"] == 1 and "HllvX50cXC0" in body["conflicts"][0]["value"]
    payload["dataValues"][0]["categoryOptionCombo"] = "HllvX50cXC0"
    Dhis2Mapping.objects.create(kind="category_option_combo", uid="HllvX50cXC0", code="official")
    assert push(basic(), payload, "?idScheme=uid").json()["response"]["importCount"]["imported"] == 1
    assert stored("02.01", period="2025-03").value == 3000
    out = basic().get(URL + "?orgUnit=DiszpKrYNg8&period=202503&idScheme=uid").json()["dataValues"]
    assert out == [{**out[0], "dataElement": "fbfJHSPpUQD", "orgUnit": "DiszpKrYNg8",
                    "categoryOptionCombo": "HllvX50cXC0", "period": "202503", "value": "3000"}]
    by_code = push(basic(), {"dataValues": [{**payload["dataValues"][0], "dataElement": "02.01"}]}, "?idScheme=uid")
    assert by_code.json()["response"]["conflicts"][0]["errorCode"] == "E7610"  # UID is strict


def test_every_bad_value_is_a_conflict_and_the_good_ones_are_written_row_by_row(planner):
    payload = {"orgUnit": "109", "dataValues": [
        {"dataElement": "02.01", "period": "2025", "value": "42000"},
        {"dataElement": "99.99", "period": "2025", "value": "1"},
        {"dataElement": "02.02", "period": "2025W07", "value": "1"},
        {"dataElement": "02.02", "period": "2025", "value": "nhiều"},
        {"dataElement": "02.02", "period": "2025", "orgUnit": "107", "value": "5"},
        "not an object",
    ]}
    body = push(basic(), payload, "?idScheme=code").json()
    assert body["status"] == "WARNING" and body["response"]["status"] == "WARNING"
    assert body["response"]["importCount"] == {"imported": 1, "updated": 0, "ignored": 5, "deleted": 0}
    reasons = {c["indexes"][0]: c["value"] for c in body["response"]["conflicts"]}
    assert set(reasons) == {1, 2, 3, 4, 5}
    assert "99.99" in reasons[1] and "2025W07" in reasons[2] and "nhiều" in reasons[3] and "107" in reasons[4]
    assert stored("02.01").value == 42000


def test_atomic_mode_all_and_dry_run_write_nothing(planner):
    payload = {"orgUnit": "109", "period": "2025", "dataValues": [
        {"dataElement": "02.01", "value": "42000"}, {"dataElement": "99.99", "value": "1"}]}
    body = push(basic(), payload, "?idScheme=code&atomicMode=ALL").json()
    assert body["httpStatusCode"] == 409 and body["response"]["status"] == "ERROR"
    assert body["response"]["importCount"]["imported"] == 0 and stored("02.01") is None
    dry = push(basic(), {**payload, "dataValues": payload["dataValues"][:1]}, "?idScheme=code&dryRun=true").json()
    assert dry["response"]["importCount"]["imported"] == 1 and dry["response"]["importOptions"]["dryRun"] is True
    assert stored("02.01") is None


def test_import_strategies_create_update_and_delete(planner):
    client = basic()
    value = {"orgUnit": "109", "period": "2025", "dataValues": [{"dataElement": "02.01", "value": "42000"}]}
    assert push(client, value, "?idScheme=code&importStrategy=UPDATE").json()["response"]["importCount"][
        "ignored"] == 1
    assert stored("02.01") is None
    assert push(client, value, "?idScheme=code&importStrategy=CREATE").json()["response"]["importCount"][
        "imported"] == 1
    changed = {**value, "dataValues": [{"dataElement": "02.01", "value": "43000"}]}
    assert push(client, changed, "?idScheme=code&importStrategy=CREATE").json()["response"]["importCount"][
        "ignored"] == 1
    assert push(client, changed, "?idScheme=code&importStrategy=UPDATE").json()["response"]["importCount"][
        "updated"] == 1
    deleted = push(client, changed, "?idScheme=code&importStrategy=DELETE").json()
    assert deleted["response"]["importCount"]["deleted"] == 1 and stored("02.01") is None
    assert DataValue.history.filter(indicator__code="02.01", org_unit__code="109", period="2025",
                                    history_type="-").first().history_user == planner
    bad = push(client, value, "?importStrategy=MERGE")
    assert bad.status_code == 409 and "importStrategy" in json.dumps(bad.json(), ensure_ascii=False)


def test_malformed_and_oversized_payloads_are_refused_whole(planner):
    response = push(basic(), "{not json")
    assert response.status_code == 409 and response.json()["response"]["status"] == "ERROR"
    assert "JSON" in response.json()["response"]["description"]
    with override_settings(KTXH_API_MAX_BYTES=200):
        big = {"orgUnit": "109", "period": "2025", "dataValues": [{"dataElement": "02.01", "value": "1"}] * 20}
        response = push(basic(), big, "?idScheme=code")
    assert response.status_code == 413 and stored("02.01") is None
    with override_settings(KTXH_API_MAX_VALUES=3):
        response = push(basic(), {"dataValues": [{"dataElement": "02.01"}] * 4})
    assert response.status_code == 409 and "tối đa 3" in response.json()["response"]["description"]


def test_who_may_import_follows_the_access_rules(viewer, department_officer, commune_clerk):
    payload = {"orgUnit": "109", "period": "2025", "dataValues": [{"dataElement": "02.01", "value": "42000"}]}
    for user in ("viewer", "commune"):
        body = push(basic(user), payload, "?idScheme=code").json()["response"]
        assert body["importCount"]["ignored"] == 1 and body["conflicts"], user
    assert stored("02.01") is None


def test_a_token_works_as_dhis2_apitoken_or_as_the_basic_password_and_reads_only_what_its_user_sees(
        commune_clerk, planner):
    key = token_for(commune_clerk)
    own = commune_clerk.roles.get().org_unit
    client = Client(HTTP_AUTHORIZATION=f"ApiToken {key}")
    assert client.get("/dhis2/api/me").json()["username"] == "commune"
    other = client.get(URL + "?orgUnit=109&period=2023&idScheme=code")
    assert other.status_code == 409 and "109" in other.json()["message"]
    assert basic("x", key).get(URL + f"?orgUnit={own.code}&idScheme=code").status_code == 200
    everything = basic().get(URL + "?orgUnit=109&period=2023&idScheme=code").json()["dataValues"]
    assert {"dataElement": "02.01", "period": "2023", "orgUnit": "109", "value": "36595.83"}.items() <= \
        next(v for v in everything if v["dataElement"] == "02.01").items()


@pytest.mark.parametrize("atomic", [False, True])
def test_a_row_that_joins_a_submitted_report_before_the_swap_is_a_conflict(planner, monkeypatch, atomic):
    """The outcome of each row is decided before the write; the swap checks the locks again
    under the write lock (values.staging.LoadRefused): that row is a conflict, the others are
    written (atomicMode=ALL: nothing is)."""
    from ktxh.exchange import services
    from ktxh.values.services import LOCKED_MESSAGE
    from ktxh.values.staging import LoadRefused

    real, calls = services.load_publish, []

    def publish(run):
        calls.append(run.pk)
        if len(calls) == 1:
            raise LoadRefused([(1, LOCKED_MESSAGE)])
        return real(run)

    monkeypatch.setattr(services, "load_publish", publish)
    payload = {"orgUnit": "109", "period": "2025", "dataValues": [
        {"dataElement": "02.01", "value": "42000"}, {"dataElement": "02.02", "value": "7"}]}
    body = push(basic(), payload, "?idScheme=code" + ("&atomicMode=ALL" if atomic else "")).json()
    count, conflicts = body["response"]["importCount"], body["response"]["conflicts"]
    assert [c["indexes"] for c in conflicts] == [[1]] and LOCKED_MESSAGE in conflicts[0]["value"]
    if atomic:
        assert count == {"imported": 0, "updated": 0, "ignored": 2, "deleted": 0} and len(calls) == 1
        assert stored("02.01") is None and stored("02.02") is None
    else:
        assert count == {"imported": 1, "updated": 0, "ignored": 1, "deleted": 0} and len(calls) == 2
        assert stored("02.01").value == 42000 and stored("02.02") is None
        assert stored("02.01").history.get().history_user == planner
