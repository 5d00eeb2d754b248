"""Login throttling and password rules (issue 13, findings 7 and 10)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from ktxh.demo.load import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_user_from_that_address_even_for_the_right_one(client, viewer):
    for _ in range(5):
        response = _login(client, "viewer", "sai-mat-khau")
    assert response.status_code == 429
    assert "tạm thời bị khóa trong 15 phút" in response.content.decode()
    response = _login(client, "viewer", DEMO_PASSWORD)
    assert response.status_code == 429  # the right password no longer helps
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_user_and_address(client, viewer, leader):
    for _ in range(5):
        _login(client, "viewer", "sai-mat-khau")
    assert _login(client, "leader", DEMO_PASSWORD).status_code == 302  # another user, same address
    client.logout()
    assert _login(client, "viewer", DEMO_PASSWORD, address="10.0.0.2").status_code == 302  # same user elsewhere


def test_an_administrator_unlocks_a_locked_user(client, viewer):
    from axes.models import AccessAttempt
    from axes.utils import reset

    for _ in range(5):
        _login(client, "viewer", "sai-mat-khau")
    assert AccessAttempt.objects.filter(username="viewer").exists()  # listed in /admin/axes/accessattempt/
    reset(username="viewer")
    assert _login(client, "viewer", DEMO_PASSWORD).status_code == 302


def test_a_good_login_after_a_few_failures_clears_them(client, viewer):
    for _ in range(3):
        _login(client, "viewer", "sai-mat-khau")
    assert _login(client, "viewer", DEMO_PASSWORD).status_code == 302
    client.logout()
    for _ in range(3):
        _login(client, "viewer", "sai-mat-khau")
    assert _login(client, "viewer", DEMO_PASSWORD).status_code == 302


def test_passwords_like_the_user_name_or_short_are_refused(viewer):
    with pytest.raises(ValidationError):
        validate_password("viewer12", user=viewer)
    with pytest.raises(ValidationError):
        validate_password("Ngắn-9kt", user=viewer)  # 8 characters: below 10 outside the demo
    validate_password("núi-Pu-Ta-Leng-3143", user=viewer)
