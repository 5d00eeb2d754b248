"""Shared helpers of the API tests: a client that sends a persona's token."""

from django.test import Client

from ktxh.api.tokens import token_create


def token_for(user, **kwargs) -> str:
    return token_create(actor=None, user=user, **kwargs)[1]


def api_client(user=None, key=None) -> Client:
    """A client (no session, no CSRF exemption) that authenticates with a token."""
    key = key or token_for(user)
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Token {key}")
