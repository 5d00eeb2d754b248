"""POST /api/v1/values/bulk/: a long-format CSV/XLSX file (docs/data-files.md) over the API,
through `ktxh load`'s own code: validated whole, every problem listed, nothing half-written,
each row within what the token's user may write."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from ktxh.api.tests.helpers import api_client
from ktxh.catalog.models import Target
from ktxh.values.models import DataValue, StagedValue

pytestmark = pytest.mark.django_db

URL = "/api/v1/values/bulk/"
HEADER = "indicator,org_unit,period,kind,value,comparator,comment\n"
GOOD = HEADER + ('02.01,109,2031,official,"36.595,83",,Chi cục Thống kê\n'
                 '02.01,109,2031-H1,estimate,"18.000",,\n'
                 '02.01,109,2032,target,"37.000",>=,\n')


def _csv(text: str, name="so-lieu.csv"):
    return {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")}


def test_a_planner_loads_a_file_and_every_value_has_history_with_the_token_user(planner):
    response = api_client(planner).post(URL, _csv(GOOD))
    assert response.status_code == 200, response.content
    assert response.json()["counts"] == {"targets": 1, "values": 2} and response.json()["code"] == "loaded"
    row = DataValue.objects.get(indicator__code="02.01", org_unit__code="109", period="2031", kind="official")
    assert str(row.value) == "36595.830000" and row.updated_by == planner and row.comment == "Chi cục Thống kê"
    assert row.history.get().history_user == planner and row.history.get().history_type == "+"
    assert Target.objects.filter(indicator__code="02.01", period="2032").exists()
    assert StagedValue.objects.count() == 0
    again = api_client(planner).post(URL, _csv(GOOD))  # the same file again changes nothing
    assert again.status_code == 200 and row.history.count() == 1


def test_every_problem_of_the_file_is_listed_and_nothing_is_written(planner):
    bad = HEADER + ('02.01,109,2031,official,"36.595,83",,\n'   # good, but the file is refused whole
                    '00.00,109,2031,official,"1",,\n'            # unknown indicator
                    '02.01,109,2031-Q5,official,"1",,\n'         # bad period
                    '02.01,109,2031,official,"36595.83",,\n'     # not Vietnamese notation
                    '02.01,109,2031,official,"-5",,\n')          # a level cannot be negative
    before = DataValue.objects.count()
    response = api_client(planner).post(URL, _csv(bad))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "file_rejected" and "không ghi gì" in body["message"]
    assert sorted({e["row"] for e in body["errors"]}) == [3, 4, 5, 6]
    assert all(e["message"] for e in body["errors"])
    assert DataValue.objects.count() == before and StagedValue.objects.count() == 0


def test_a_row_the_user_may_not_write_refuses_the_file(department_officer, commune_clerk):
    # the agriculture department may write 02.01 (its indicator), not a planning-office indicator nor targets
    text = HEADER + '02.01,109,2031,official,"1",,\n01.01,109,2031,official,"1",,\n02.01,109,2032,target,"5",,\n'
    response = api_client(department_officer).post(URL, _csv(text))
    assert response.status_code == 400
    rows = {e["row"]: e["message"] for e in response.json()["errors"]}
    assert set(rows) == {3, 4} and "không được" in rows[3] and "chỉ tiêu kế hoạch" in rows[4]
    assert not DataValue.objects.filter(period="2031").exists()
    clerk = api_client(commune_clerk).post(URL, _csv(HEADER + '02.01,109,2031,official,"1",,\n'))
    assert clerk.status_code == 400 and not DataValue.objects.filter(period="2031").exists()


def test_a_dry_run_checks_the_raw_csv_body_and_writes_nothing(planner):
    response = api_client(planner).generic("POST", URL + "?dry_run=true", GOOD.encode(), content_type="text/csv")
    assert response.status_code == 200, response.content
    assert response.json()["code"] == "checked" and response.json()["counts"]["values"] == 2
    assert not DataValue.objects.filter(period="2031").exists()


def test_an_xlsx_body_is_read_like_ktxh_load_reads_it(planner):
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "org_unit", "period", "kind", "value", "comparator"])
    sheet.append(["02.01", "109", "2031", "official", 36595.83, None])
    out = io.BytesIO()
    book.save(out)
    response = api_client(planner).generic(
        "POST", URL, out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert response.status_code == 200, response.content
    assert str(DataValue.objects.get(period="2031", kind="official").value) == "36595.830000"


def test_a_wrong_type_or_too_large_file_is_refused_with_a_code(planner, settings):
    assert api_client(planner).generic("POST", URL, b"{}", content_type="application/json").json()["code"] == \
        "unsupported_media_type"
    assert api_client(planner).post(URL, _csv(GOOD, "so-lieu.txt")).status_code == 415
    settings.KTXH_MAX_UPLOAD_BYTES = 100
    response = api_client(planner).post(URL, _csv(GOOD + "x" * 200))
    assert response.status_code == 413 and response.json()["code"] == "payload_too_large"


def test_the_bulk_endpoint_is_in_the_openapi_schema(planner):
    schema = api_client(planner).get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/values/bulk/"]["post"]
    assert "multipart/form-data" in operation["requestBody"]["content"]
    assert "text/csv" in operation["requestBody"]["content"]
