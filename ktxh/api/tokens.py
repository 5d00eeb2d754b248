"""Issuing, finding and revoking API tokens (the only writes to ApiToken)."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ktxh.api.models import ApiToken

KEY_PREFIX = "ktxh_"
_PREFIX_CHARS = 8
MAX_DAYS = 3650


class TokenError(ValueError):
    """A token that cannot be issued or revoked; the message is Vietnamese."""


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor, user, days: int | None = None, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the key, which is shown once and never stored."""
    if not user.is_active:
        raise TokenError(f"Tài khoản {user.username} đang bị khóa, không cấp khóa API được.")
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise TokenError(f"Số ngày hiệu lực phải từ 1 đến {MAX_DAYS}.")
    key = KEY_PREFIX + secrets.token_hex(32)  # hex: the prefix never reads as a command-line option
    token = ApiToken.objects.create(
        user=user, prefix=key[len(KEY_PREFIX):len(KEY_PREFIX) + _PREFIX_CHARS], key_hash=_hash(key),
        name=name[:200], created_by=actor if getattr(actor, "pk", None) else None,
        expires_at=timezone.now() + timedelta(days=days) if days else None,
    )
    return token, key


def token_user(key: str):
    """The user a usable key belongs to, or None. Read on every request: a revoked
    token fails at once."""
    if not key.startswith(KEY_PREFIX) or len(key) > 100:
        return None
    digest = _hash(key)
    prefix = key[len(KEY_PREFIX):len(KEY_PREFIX) + _PREFIX_CHARS]
    for token in ApiToken.objects.select_related("user").filter(prefix=prefix):
        if hmac.compare_digest(token.key_hash, digest) and token.is_usable() and token.user.is_active:
            now = timezone.now()
            if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
                ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # coarse: not a write per call
            return token.user
    return None


@transaction.atomic
def token_revoke(*, actor, prefix: str) -> list[ApiToken]:
    prefix = prefix.removeprefix(KEY_PREFIX)[:_PREFIX_CHARS]
    tokens = list(ApiToken.objects.select_for_update().filter(prefix=prefix, revoked_at__isnull=True))
    if not tokens:
        raise TokenError(f"Không có khóa API đang dùng nào bắt đầu bằng {prefix!r}.")
    now = timezone.now()
    for token in tokens:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
    return tokens
