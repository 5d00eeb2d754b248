"""The revision tokens of what an evaluation reads (ktxh/evaluation/cache.py keys its
tables by them). They live here, below every app, so that a service writing in bulk
(no post_save signal: the national unit load) sets them itself, in its own transaction."""

import base64
import pickle
import uuid
from datetime import datetime

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection

GLOBAL_KEY = "ktxh:rev:all"


def values_key(unit_id: int, period: str) -> str:
    return f"ktxh:rev:v:{unit_id}:{period}"


def targets_key(unit_id: int, period: str) -> str:
    return f"ktxh:rev:t:{unit_id}:{period}"


def revision_bump(*, values=(), targets=(), everything: bool = False) -> None:
    """Set fresh tokens for the (unit_id, period) pairs whose published values or
    targets changed, or the global one. One upsert per key on the caller's connection,
    so it commits or rolls back with the write itself."""
    keys = [values_key(u, p) for u, p in values] + [targets_key(u, p) for u, p in targets]
    if everything:
        keys.append(GLOBAL_KEY)
    if keys:
        _store_tokens(keys)


def _store_tokens(keys: list[str]) -> None:
    # The database cache backend's own set() counts and culls the table on every call;
    # a token is one small row: write it the way that backend reads it, in one statement.
    cache = caches["default"]
    if not isinstance(cache, DatabaseCache):  # another backend (a deployment's choice): its own set
        cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)
        return
    table = connection.ops.quote_name(cache._table)
    expires = datetime.max.replace(microsecond=0)  # what the backend stores for "never expires"
    rows = [(cache.make_and_validate_key(key), base64.b64encode(pickle.dumps(uuid.uuid4().hex)).decode("latin1"),
             connection.ops.adapt_datetimefield_value(expires)) for key in dict.fromkeys(keys)]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "
            "ON CONFLICT (cache_key) DO UPDATE SET value = excluded.value, expires = excluded.expires", rows)
