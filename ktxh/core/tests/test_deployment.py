"""A real deployment behind a TLS proxy (issue 13, findings 4 and 10)."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from ktxh.demo.load import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[3]
PROXY_ENV = {"KTXH_SECRET_KEY": secrets.token_urlsafe(60), "KTXH_ALLOWED_HOSTS": "ktxh.example.vn",
             "KTXH_CSRF_TRUSTED_ORIGINS": "https://ktxh.example.vn", "KTXH_BEHIND_TLS_PROXY": "1"}


def _check_deploy(tmp_path, **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KTXH_")}
    environ.update(env, KTXH_VAR_DIR=str(tmp_path), KTXH_DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    return subprocess.run([sys.executable, "-m", "ktxh", "manage", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_the_documented_environment(tmp_path):
    result = _check_deploy(tmp_path, **PROXY_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_warns_without_the_proxy_setting(tmp_path):
    env = dict(PROXY_ENV)
    del env["KTXH_BEHIND_TLS_PROXY"]
    result = _check_deploy(tmp_path, **env)
    assert result.returncode != 0
    assert "security.W012" in result.stdout + result.stderr


PROXIED = {"HTTP_HOST": "ktxh.example.vn", "HTTP_X_FORWARDED_PROTO": "https", "HTTP_ORIGIN": "https://ktxh.example.vn",
           "HTTP_REFERER": "https://ktxh.example.vn/dang-nhap/"}


def _post_login_through_the_proxy():
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("login"), **PROXIED)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    return client.post(reverse("login"), {"username": "viewer", "password": DEMO_PASSWORD,
                                          "csrfmiddlewaretoken": token}, **PROXIED)


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["ktxh.example.vn"])
def test_without_the_proxy_header_setting_every_form_post_is_refused(viewer):
    assert _post_login_through_the_proxy().status_code == 403  # the finding, reproduced


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["ktxh.example.vn"], SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
                   CSRF_TRUSTED_ORIGINS=["https://ktxh.example.vn"], SESSION_COOKIE_SECURE=True,
                   CSRF_COOKIE_SECURE=True)
def test_behind_the_proxy_a_form_post_works(viewer):
    response = _post_login_through_the_proxy()
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"]


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy_and_carry_no_inline_script(client_as, planner):
    client = client_as(planner)
    for name in ("home", "evaluation", "quality", "entry_home", "reports", "ntm", "import_upload", "capital"):
        response = client.get(reverse(name), follow=True)
        assert response.status_code == 200, name
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
        html = response.content.decode()
        inline = [s for s in re.findall(r"<script\b[^>]*>", html) if "src=" not in s and "application/json" not in s]
        assert not inline, (name, inline)
        assert not re.search(r"\son[a-z]+\s*=", html), name
        assert "javascript:" not in html
