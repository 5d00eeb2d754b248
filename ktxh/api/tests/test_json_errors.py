"""Unknown paths and wrong methods under /api/v1/ and /dhis2/ answer JSON with a machine
code and a Vietnamese message, never Django's HTML 404/405 page."""

import pytest

from ktxh.api.tests.helpers import api_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/khong-co/", "/api/v1/values/999999999/", "/api/v1/units/ZZZ/",
                                  "/api/v2/values/", "/api/"])
def test_an_unknown_api_path_answers_json_404(planner, path):
    response = api_client(planner).get(path)
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] in ("not_found", "unknown_unit") and "Không" in body["message"]


def test_an_unknown_api_path_answers_json_to_an_anonymous_caller_too(client):
    response = client.get("/api/v1/khong-co/")
    assert response.status_code in (401, 404) and response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("path", ["/dhis2/api/khongco", "/dhis2/api/40/dataSets", "/dhis2/khac"])
def test_an_unknown_dhis2_path_answers_a_dhis2_json_message(planner, path):
    response = api_client(planner).get(path)
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["httpStatusCode"] == 404 and body["code"] == "not_found" and "Không có địa chỉ" in body["message"]


@pytest.mark.parametrize("method, path", [("delete", "/api/v1/indicators/"), ("post", "/api/v1/units/"),
                                          ("post", "/api/v1/schema/?format=json"), ("patch", "/api/v1/evaluation/")])
def test_a_wrong_method_on_the_api_answers_json_405(planner, method, path):
    response = getattr(api_client(planner), method)(path)
    assert response.status_code == 405 and response.json()["code"] == "method_not_allowed"
    assert "Phương thức HTTP" in response.json()["message"]


@pytest.mark.parametrize("method, path", [("post", "/dhis2/api/system/info"), ("delete", "/dhis2/api/me"),
                                          ("put", "/dhis2/api/dataValueSets")])
def test_a_wrong_method_on_dhis2_answers_json_405(planner, method, path):
    response = getattr(api_client(planner), method)(path)
    assert response.status_code == 405 and response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["httpStatusCode"] == 405 and body["code"] == "method_not_allowed"
    assert "Phương thức HTTP" in body["message"]


def test_an_unknown_page_outside_the_api_is_still_the_html_page(client_as, planner):
    response = client_as(planner).get("/khong-co-trang-nay/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
