"""API tokens: issued by the command line, stored hashed, revocable at once, never logged."""

import io
import logging
from contextlib import redirect_stdout

import pytest

from ktxh.api.models import ApiToken
from ktxh.api.tests.helpers import api_client, token_for
from ktxh.cli import main


@pytest.fixture(autouse=True)
def in_process_cli(monkeypatch):
    """The commands run in this process, on the test database (in memory)."""
    monkeypatch.setattr("ktxh.cli.database_check", lambda: None)


def test_a_token_is_shown_once_and_only_its_hash_is_stored(planner):
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["token", "create", "--user", "planner", "--expires", "30", "--name", "cổng tỉnh"]) == 0
    key = out.getvalue().strip().splitlines()[-1]
    assert key.startswith("ktxh_") and len(key) > 40
    token = ApiToken.objects.get(user=planner)
    assert key not in (token.key_hash, token.prefix) and key[5:13] == token.prefix
    assert token.expires_at is not None and token.name == "cổng tỉnh"
    response = api_client(key=key).get("/api/v1/units/")
    assert response.status_code == 200
    listing = io.StringIO()
    with redirect_stdout(listing):
        main(["token", "list"])
    assert token.prefix in listing.getvalue() and key not in listing.getvalue()


def test_a_revoked_token_fails_at_once(planner):
    key = token_for(planner)
    client = api_client(key=key)
    assert client.get("/api/v1/units/").status_code == 200
    with redirect_stdout(io.StringIO()):
        assert main(["token", "revoke", key[5:13]]) == 0
    response = client.get("/api/v1/units/")
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "authentication_failed" and "thu hồi" in body["message"]


def test_an_expired_or_wrong_token_and_no_token_are_refused_in_json(planner):
    key = token_for(planner, days=1)
    ApiToken.objects.update(expires_at="2000-01-01T00:00:00Z")
    assert api_client(key=key).get("/api/v1/units/").status_code == 401
    assert api_client(key="ktxh_" + "a" * 64).get("/api/v1/units/").status_code == 401
    from django.test import Client

    response = Client().get("/api/v1/units/")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Token"


def test_unknown_users_and_bad_days_are_clear_command_line_errors(db, capsys):
    assert main(["token", "create", "--user", "không-có"]) == 2
    assert "Không có người dùng" in capsys.readouterr().err
    assert main(["token", "create", "--user", "planner", "--expires", "0"]) == 2
    assert "Số ngày hiệu lực" in capsys.readouterr().err


def test_tokens_never_appear_in_logs(planner, caplog):
    key = token_for(planner)
    client = api_client(key=key)
    with caplog.at_level(logging.DEBUG):
        client.get("/api/v1/units/")
        client.get("/api/v1/values/999999999/")
        api_client(key=key[:-2] + "zz").get("/api/v1/units/")
        client.post("/api/v1/values/", "{bad json", content_type="application/json")
    assert caplog.records  # the 4xx responses were logged ...
    assert key not in caplog.text and key[:-2] not in caplog.text  # ... without the key
    from django.test import RequestFactory

    from ktxh.api.errors import ExceptionReporterFilter

    request = RequestFactory().get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {key}")
    assert key not in str(ExceptionReporterFilter().get_safe_request_meta(request))


def test_the_browser_session_works_and_keeps_its_csrf_check(client_as, planner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(planner)
    assert client.get("/api/v1/units/").status_code == 200
    response = client.post("/api/v1/values/", {"indicator": "x"}, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["message"]
