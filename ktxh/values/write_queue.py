"""Queue the write transactions of one process on SQLite.

SQLite lets one writer in at a time and makes the others poll (busy timeout); under
many concurrent savers some pollers starve past the timeout and fail with "database
is locked". Inside one process (the embedded set-up: one small server) a lock gives
them a queue instead. PostgreSQL needs none of this and skips it.
"""

import threading
from contextlib import contextmanager

from django.db import connection, transaction

_LOCK = threading.Lock()
WAIT_SECONDS = 60


@contextmanager
def write_transaction():
    """transaction.atomic(), taken in turn with the process's other SQLite writers.
    Nested in an open transaction it is a plain savepoint (the lock is already held
    by SQLite for the outer one)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic():
            yield
        return
    if not _LOCK.acquire(timeout=WAIT_SECONDS):
        raise TimeoutError("Máy chủ đang bận ghi số liệu; hãy thử lại sau ít phút.")
    try:
        with transaction.atomic():
            yield
    finally:
        _LOCK.release()
