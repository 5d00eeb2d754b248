"""Anonymous users reach the login page only; a demo user logs in and lands home."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/danh-gia/", "/nhap-lieu/", "/bao-cao/", "/quan-tri/"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_a_demo_user_logs_in_with_the_demo_password(client):
    assert client.get("/dang-nhap/").status_code == 200
    response = client.post("/dang-nhap/", {"username": "planner", "password": "ktxh-demo"})
    assert response.status_code == 302
    assert client.get("/danh-gia/").status_code == 200  # the overview, now signed in
