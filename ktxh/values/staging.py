"""Large loads without a long write lock: stage in batches, then swap in at once.

A load of a few hundred thousand values written row by row through `value_set` in one
transaction held SQLite's only write lock for a quarter of an hour (issue 13, finding 5).
Here the checked rows are first copied into StagedValue in batches of BATCH rows, each
batch its own short transaction (a login or a save waits at most one batch); nothing
reads that table, so nothing is visible yet. The swap then applies every staged row in
ONE transaction of a few set-based statements run inside the database (no row crosses
from Python again): the same rules as `value_set` — a value of a submitted or approved
report is refused, an unchanged value writes nothing, a changed one gets version + 1,
`updated_by` and a history row with the actor. Either the swap commits, or nothing of
the load is visible. A load that fails or is killed leaves only staged rows, removed by
`load_discard` at once or, after a kill, by `stale_loads_clean` at the next load.

The swap stays one transaction on purpose (docs/security.md, *Long loads*: a swap in
committed chunks would need every reader to skip a running load's rows, which a changed
value, one row under its unique key, cannot do). On PostgreSQL it holds no other writer
but one writing the same value; on SQLite every writer waits for it, roughly 1–1,5 s per
100.000 rows on a quiet machine, 3–4 s on a loaded one.
"""

import os
import socket
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from ktxh.core.bulk import rows_insert
from ktxh.core.writes import write_transaction
from ktxh.orgunits.selectors import province_of
from ktxh.values.models import DataValue, LoadRun, StagedValue
from ktxh.values.services import LOCKED_MESSAGE

BATCH = 2000
SWAP_CACHE_KIB = -262_144  # negative: KiB (SQLite's cache_size convention)
_STALE_AFTER = timedelta(hours=24)


@dataclass(frozen=True)
class StagedRow:
    row: int
    indicator: object
    org_unit: object
    period: str
    kind: str
    value: Decimal
    raw_text: str = ""
    comment: str = ""
    source: str = ""


class LoadRefused(ValueError):
    """The swap found rows it may not write; `problems` are (row, reason)."""

    def __init__(self, problems: list[tuple[int, str]]):
        self.problems = problems
        super().__init__(f"{len(problems)} dòng không ghi được")


def load_stage(*, actor, source: str, rows: list[StagedRow]) -> LoadRun:
    """Copy checked rows into the staging table, BATCH rows per transaction. A key given
    twice keeps its last row, as writing them one after the other would."""
    stale_loads_clean()
    run = _run_create(actor=actor, source=source, count=len(rows))
    provinces: dict[int, int] = {}
    last: dict[tuple, StagedRow] = {}
    for r in rows:
        if r.org_unit.pk not in provinces:
            provinces[r.org_unit.pk] = province_of(r.org_unit).pk
        last[(r.indicator.pk, r.org_unit.pk, r.period, r.kind)] = r
    field = StagedValue._meta.get_field("value")
    decimal = connection.ops.adapt_decimalfield_value
    # Plain tuples (core.bulk): the ORM's bulk_create cost 0,2 ms a row here.
    staged = [(run.pk, r.row, provinces[r.org_unit.pk], r.indicator.pk, r.org_unit.pk, r.period, r.kind,
               decimal(r.value, field.max_digits, field.decimal_places), r.raw_text[:200], r.comment, r.source[:500],
               "") for r in last.values()]
    for start in range(0, len(staged), BATCH):
        _batch_write(staged[start:start + BATCH])
    return run


@write_transaction
def _run_create(*, actor, source, count) -> LoadRun:
    return LoadRun.objects.create(source=source[:500], actor=actor if getattr(actor, "pk", None) else None,
                                  host=socket.gethostname()[:255], pid=os.getpid(), rows=count)


_STAGED_COLUMNS = ("run_id", "row", "province_id", "indicator_id", "org_unit_id", "period", "kind", "value",
                   "raw_text", "comment", "source", "action")


@write_transaction
def _batch_write(batch: list[tuple]) -> None:
    rows_insert(StagedValue, _STAGED_COLUMNS, batch)


def _sql(statement: str) -> str:
    names = {"v": DataValue._meta.db_table, "h": DataValue.history.model._meta.db_table,
             "s": StagedValue._meta.db_table, "sub": DataValue._meta.get_field("submission").related_model._meta.db_table}
    return statement.format(**{k: connection.ops.quote_name(t) for k, t in names.items()})


def _user_param() -> str:
    # PostgreSQL cannot type a bare NULL parameter in a SELECT list; SQLite has no bigint cast worry.
    return "CAST(%s AS BIGINT)" if connection.vendor == "postgresql" else "%s"


# The stored row of a staged row (the unique key of DataValue).
_SAME_KEY = ("d.province_id = s.province_id AND d.indicator_id = s.indicator_id AND d.org_unit_id = s.org_unit_id "
             "AND d.period = s.period AND d.kind = s.kind")


@contextmanager
def _large_cache(cursor):
    """SQLite keeps 2 MB of pages by default: the swap's inserts into two tables and their
    indexes then spill to the WAL and re-read pages all along; 256 MB for its duration."""
    if connection.vendor != "sqlite":
        yield
        return
    cursor.execute("PRAGMA cache_size")
    (before,) = cursor.fetchone()
    cursor.execute(f"PRAGMA cache_size = {SWAP_CACHE_KIB}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(before)}")


@write_transaction
def load_swap(*, actor, run: LoadRun) -> dict[str, int]:
    """Apply a staged load in one transaction; LoadRefused (nothing written) when a row
    belongs to a submitted or approved report."""
    user_id = actor.pk if getattr(actor, "pk", None) else None
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor, _large_cache(cursor):
        # Driven from the reports not in draft (few), through the values' submission index,
        # to the staged key index: read the other way round it joined every staged row
        # (2,8–3,8 s of the lock for 400.000 rows on the loaded machine, now ~0).
        # CROSS JOIN keeps that order on SQLite; PostgreSQL plans it itself.
        cursor.execute(_sql(
            "SELECT s.row FROM {sub} r CROSS JOIN {v} d CROSS JOIN {s} s WHERE d.submission_id = r.id "
            "AND r.state <> 'draft' AND s.run_id = %s AND " + _SAME_KEY + " ORDER BY s.row LIMIT 1000"), [run.pk])
        locked = [row for (row,) in cursor.fetchall()]
        if locked:
            raise LoadRefused([(row, LOCKED_MESSAGE) for row in locked])
        # What each row does, decided under the write lock: + new, = unchanged, ~ changed.
        # One look-up of the stored row per staged row (the unique key: none or one).
        cursor.execute(_sql(
            "UPDATE {s} SET action = COALESCE((SELECT CASE WHEN d.submission_id IS NULL AND d.value = {s}.value "
            "AND d.raw_text = {s}.raw_text AND d.comment = {s}.comment AND d.source = {s}.source "
            "AND d.source_quote = '' THEN '=' ELSE '~' END FROM {v} d WHERE " + _SAME_KEY.replace("s.", "{s}.") +
            "), '+') WHERE run_id = %s"), [run.pk])
        cursor.execute(_sql(
            "UPDATE {v} SET value = s.value, raw_text = s.raw_text, comment = s.comment, source = s.source, "
            "source_quote = '', updated_by_id = " + _user_param() + ", updated_at = %s, version = {v}.version + 1 "
            "FROM {s} s WHERE s.run_id = %s AND s.action = '~' AND " + _SAME_KEY.replace("d.", "{v}.")),
            [user_id, now, run.pk])
        changed = cursor.rowcount
        cursor.execute(_sql(
            "INSERT INTO {v} (province_id, indicator_id, org_unit_id, period, kind, value, raw_text, comment, "
            "source, source_quote, updated_by_id, updated_at, version, submission_id) "
            "SELECT province_id, indicator_id, org_unit_id, period, kind, value, raw_text, comment, source, '', "
            + _user_param() + ", %s, 1, NULL FROM {s} WHERE run_id = %s AND action = '+' "
            "ORDER BY province_id, indicator_id, org_unit_id, period, kind"), [user_id, now, run.pk])
        created = cursor.rowcount
        cursor.execute(_sql(
            "INSERT INTO {h} (id, period, kind, value, raw_text, comment, source, source_quote, updated_at, version, "
            "province_id, indicator_id, org_unit_id, updated_by_id, submission_id, history_date, "
            "history_change_reason, history_type, history_user_id) "
            "SELECT d.id, d.period, d.kind, d.value, d.raw_text, d.comment, d.source, d.source_quote, d.updated_at, "
            "d.version, d.province_id, d.indicator_id, d.org_unit_id, d.updated_by_id, d.submission_id, %s, NULL, "
            "s.action, " + _user_param() + " FROM {s} s JOIN {v} d ON " + _SAME_KEY + " WHERE s.run_id = %s AND s.action IN ('+', '~') ORDER BY d.id"),
            [now, user_id, run.pk])
    run.state, run.finished_at = LoadRun.State.DONE, timezone.now()
    run.save(update_fields=["state", "finished_at"])  # post_save: the evaluations' revision, in this transaction
    return {"created": created, "changed": changed, "unchanged": len_staged(run) - created - changed}


def len_staged(run: LoadRun) -> int:
    return StagedValue.objects.filter(run=run).count()


def load_unstage(run: LoadRun, rows: set[int]) -> None:
    """Take the staged values of these file rows out of a run before its swap (rows the
    swap refused, that the caller will report as conflicts)."""
    StagedValue.objects.filter(run=run, row__in=rows).delete()


def load_discard(run: LoadRun, *, failed: bool = False) -> None:
    """Remove a run's staged rows, BATCH * 5 per short transaction."""
    while _delete_some(run.pk):
        pass
    if failed:
        LoadRun.objects.filter(pk=run.pk, state=LoadRun.State.STAGING).update(state=LoadRun.State.FAILED,
                                                                            finished_at=timezone.now())


@write_transaction
def _delete_some(run_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(_sql("DELETE FROM {s} WHERE id IN (SELECT id FROM {s} WHERE run_id = %s LIMIT %s)"),
                       [run_id, BATCH * 5])
        return cursor.rowcount


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stale_loads_clean() -> int:
    """Staged rows of loads that died (killed, machine restarted): their process is gone on
    this machine, or they started more than a day ago. Returns how many runs were cleaned."""
    host, cleaned = socket.gethostname()[:255], 0
    old = timezone.now() - _STALE_AFTER
    for run in LoadRun.objects.filter(state=LoadRun.State.STAGING):
        if (run.host == host and not _alive(run.pid)) or run.created_at < old:
            load_discard(run, failed=True)
            cleaned += 1
    leftover = StagedValue.objects.exclude(run__state=LoadRun.State.STAGING).values_list("run_id", flat=True)
    for run_id in set(leftover[:1000]):
        while _delete_some(run_id):
            pass
    return cleaned
