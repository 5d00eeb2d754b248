"""The one way every service writes: `write_transaction` (a decorator or a context manager).

Several processes write (gunicorn workers, the job worker, the CLI), so nothing may rely
on a lock inside one process. On SQLite the settings give WAL (readers never wait for
the writer), `BEGIN IMMEDIATE` (a writer takes the write lock when its transaction
starts, so two writers never deadlock upgrading a read lock) and a busy timeout (a writer
waits its turn). Past that timeout SQLite answers "database is locked"; used as a
decorator, the whole transaction is run again a few times before the error reaches the
user. On PostgreSQL row locks and the row versions of values guard concurrent edits; a
serialization failure or deadlock is retried the same way.

Keep transactions short: read and validate before, write inside, nothing slow (files,
LibreOffice) while the lock is held.
"""

import functools
import random
import time

from django.db import OperationalError, connection, transaction
from django.db.utils import InternalError

RETRIES = 4


class DatabaseBusy(OperationalError):
    """The database stayed locked through every retry; the message is for the user."""


def is_lock_error(error: Exception) -> bool:
    text = str(error).lower()
    return ("database is locked" in text or "database table is locked" in text or "deadlock detected" in text
            or "could not serialize access" in text)


def _atomic_call(function, args, kwargs):
    with transaction.atomic():
        return function(*args, **kwargs)


def _retried(call):
    """Run call() again while the database is locked (each failed attempt was rolled back
    whole), with a growing, jittered pause; then DatabaseBusy with the user's message."""
    for attempt in range(RETRIES):
        try:
            return call()
        except (OperationalError, InternalError) as error:
            if isinstance(error, DatabaseBusy) or not is_lock_error(error):
                raise
            if attempt == RETRIES - 1:
                raise DatabaseBusy(BUSY_MESSAGE) from error
            time.sleep(0.05 * (2 ** attempt) + random.random() * 0.05)  # noqa: S311 — jitter only
    raise AssertionError("unreachable")


def write_transaction(function=None):
    """transaction.atomic() for a service: `@write_transaction` on the service function,
    or `with write_transaction():` around a block.

    As a decorator the outermost call is run again when the database was locked (safe:
    the failed attempt was rolled back whole). A context manager cannot re-run its body:
    it only turns a lock error into DatabaseBusy with a Vietnamese message."""
    if function is None:
        return _Block()

    @functools.wraps(function)
    def run(*args, **kwargs):
        if connection.in_atomic_block:  # nested: the outermost call owns the retry
            return _atomic_call(function, args, kwargs)
        return _retried(lambda: _atomic_call(function, args, kwargs))

    return run


def write_statement(function):
    """A decorator for a write that is one SQL statement on PostgreSQL (atomic by itself: a
    data-modifying WITH writes a row and its history row together). Outside any transaction
    it runs there in autocommit, which spares the BEGIN and COMMIT round trips, with the
    retries of write_transaction; everywhere else (SQLite, where the same write may take two
    statements, or inside a caller's transaction) it is write_transaction itself."""
    transactional = write_transaction(function)

    @functools.wraps(function)
    def run(*args, **kwargs):
        if connection.vendor != "postgresql" or connection.in_atomic_block or not connection.get_autocommit():
            return transactional(*args, **kwargs)
        return _retried(lambda: function(*args, **kwargs))

    return run


class _Block:
    def __enter__(self):
        self._outermost = not connection.in_atomic_block
        self._atomic = transaction.atomic()
        return self._atomic.__enter__()

    def __exit__(self, exc_type, exc, tb):
        result = self._atomic.__exit__(exc_type, exc, tb)
        if self._outermost and isinstance(exc, OperationalError | InternalError) \
                and not isinstance(exc, DatabaseBusy) and is_lock_error(exc):
            raise DatabaseBusy(BUSY_MESSAGE) from exc
        return result


BUSY_MESSAGE = "Máy chủ đang bận ghi số liệu; hãy thử lại sau ít phút."
