"""Large loads without a long write lock: stage, write beside the live values, publish.

A load of a few hundred thousand values written row by row through `value_set` in one
transaction held SQLite's only write lock for a quarter of an hour (issue 13, finding 5),
and then one set-based swap transaction still held it 5 s per 400.000 rows on a quiet
machine. Now no transaction of a load is longer than one chunk:

1. `load_stage`: the checked rows are copied into StagedValue, BATCH rows per transaction
   (read by nothing else).
2. `load_write`: a chunk of staged rows (CHUNKS) per transaction are written into the values table
   itself, invisible: a new or changed value as a row with `pending_run` = the run, the
   value it changes marked `replaced_run` = the run. `value_set`'s rules are applied per
   chunk under the write lock (a value of a submitted or approved report, or one another
   running load holds, refuses the load; an unchanged value writes nothing; a changed one
   gets version + 1 and `updated_by`).
3. `load_publish`: one short transaction checks that no replaced value's report was
   submitted or approved meanwhile (else LoadRefused: nothing visible) and sets the run
   DONE, which is the switch: `DataValue.objects` (models.visible) shows a pending row once
   its run is done and a replaced row until then, so readers go from the old values to the
   new ones at that commit, never half-way. Its post_save bumps the evaluations' revision.
4. `load_end`: a chunk of rows per transaction, readers seeing the same values throughout, a
   changed value's new content is moved into its old row (which keeps its id), a new one
   loses its mark, each gets its history row (the load's actor, at its publish time), the
   replaced rows go. A run not published is removed instead (its pending rows, its marks).

A crash before step 3 leaves only invisible rows, removed by `stale_loads_clean` at the
next load (the run's process is gone, or it is a day old); a crash after it leaves the
whole load visible, settled by `stale_loads_clean` likewise. A web save of a value a
running load holds wins (services._load_hold_release drops the load's row for that key).
The unique key applies to every row but a replaced one, so a key never has two rows
readers could see. Measured waits: docs/security.md, *Long loads*.
"""

import os
import socket
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from ktxh.core.bulk import rows_insert
from ktxh.core.writes import write_transaction
from ktxh.orgunits.selectors import province_of
from ktxh.values.models import DataValue, LoadRun, StagedValue
from ktxh.values.services import LOCKED_MESSAGE

BATCH = 10_000  # rows per transaction of load_stage
# Rows per transaction of load_write and load_end, by database: one chunk is what a writer
# waits. SQLite: every writer waits for it. PostgreSQL: only a save of a value the chunk
# holds, and fewer chunks cost less (docs/security.md); 20.000 rows took one statement 2,2 s
# on the loaded machine, past the 2 s a save may wait.
CHUNKS = {"sqlite": 5_000, "postgresql": 10_000}
# SQLite's busy handler lets a waiting writer try again every 100 ms at most: a load that
# began its next transaction at once would win the lock again and again (measured: 3–5 s
# waits beside 0,5 s chunks). Between two of its transactions a load leaves it that long.
# PostgreSQL queues writers itself.
YIELD_S = 0.1
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
        _pause()
    _statistics_refresh()
    return run


def _statistics_refresh() -> None:
    """PostgreSQL plans the chunks' joins from its statistics: taken before the staged rows
    (or a first load's values) existed, they let it scan the whole values table once per
    chunk (a seq scan of 40.000 rows for 5.000 staged ones, growing with the table). ANALYZE
    reads a sample and blocks no writer; outside a transaction only (a test's is rolled back)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(_sql("ANALYZE {s}, {v}"))


@write_transaction
def _run_create(*, actor, source, count) -> LoadRun:
    return LoadRun.objects.create(source=source[:500], actor=actor if getattr(actor, "pk", None) else None,
                                  host=socket.gethostname()[:255], pid=os.getpid(), rows=count)


_STAGED_COLUMNS = ("run_id", "row", "province_id", "indicator_id", "org_unit_id", "period", "kind", "value",
                   "raw_text", "comment", "source", "action")


@write_transaction
def _batch_write(batch: list[tuple]) -> None:
    rows_insert(StagedValue, _STAGED_COLUMNS, batch)


def _chunk() -> int:
    return CHUNKS.get(connection.vendor, CHUNKS["sqlite"])


def _settle_rows() -> int:
    return _chunk() // 2  # a changed value is written twice when settled (its old row, its copy deleted)


def _sql(statement: str) -> str:
    names = {"v": DataValue._meta.db_table, "h": DataValue.history.model._meta.db_table,
             "s": StagedValue._meta.db_table, "run": LoadRun._meta.db_table,
             "sub": DataValue._meta.get_field("submission").related_model._meta.db_table}
    return statement.format(**{k: connection.ops.quote_name(t) for k, t in names.items()})


def _user_param() -> str:
    # PostgreSQL cannot type a bare NULL parameter in a SELECT list; SQLite has no bigint cast worry.
    return "CAST(%s AS BIGINT)" if connection.vendor == "postgresql" else "%s"


def _same_key(a: str, b: str) -> str:
    """The unique key of DataValue, between two aliases."""
    return " AND ".join(f"{a}.{c} = {b}.{c}" for c in ("province_id", "indicator_id", "org_unit_id", "period", "kind"))


def _pause() -> None:
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        time.sleep(YIELD_S)


def _repeat(step, *args) -> None:
    """Run `step` (one short transaction, returning how many rows it did) until it has
    nothing left to do, pausing between two."""
    while step(*args):
        _pause()


@contextmanager
def _large_cache():
    """SQLite keeps 2 MB of pages by default: the chunks' writes into the values and their
    indexes then spill to the WAL and re-read pages all along; 256 MB while a load writes
    or settles."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {SWAP_CACHE_KIB}")
        try:
            yield
        finally:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def load_swap(*, actor, run: LoadRun) -> dict[str, int]:
    """Write, publish and settle a staged load: `load_write`, `load_publish` in its own short
    transaction, `load_end`. LoadRefused (nothing visible) when a row may not be written."""
    counts = load_write(actor=actor, run=run)
    try:
        with write_transaction():
            load_publish(run)
    finally:
        load_end(run)
    return counts


def load_write(*, actor, run: LoadRun) -> dict[str, int]:
    """Write the staged rows beside the live values, a chunk (CHUNKS) per short transaction: each
    new or changed value as a row pending on the run, each value it changes marked replaced
    by it. Readers see none of it until `load_publish`. Every chunk keeps `value_set`'s
    rules: a value of a submitted or approved report, or one another running load holds,
    refuses the load (LoadRefused, and what was written is removed again); an unchanged
    value writes nothing. Inside a caller's transaction (a test, the demo) the chunks are
    only savepoints of it."""
    user_id = actor.pk if getattr(actor, "pk", None) else None
    ids = list(StagedValue.objects.filter(run=run).order_by("id").values_list("id", flat=True))
    try:
        with _large_cache():
            chunk = _chunk()
            for start in range(0, len(ids), chunk):
                _chunk_write(run.pk, user_id, ids[start], ids[min(start + chunk, len(ids)) - 1])
                _pause()
    except BaseException:
        _unwrite(run.pk)
        raise
    actions = dict(StagedValue.objects.filter(run=run).values_list("action").annotate(n=Count("id")))
    return {"created": actions.get("+", 0), "changed": actions.get("~", 0), "unchanged": actions.get("=", 0)}


_REFUSED = {"l": LOCKED_MESSAGE, "x": "Số liệu này đang được một lần nạp khác ghi; nạp lại sau khi lần đó xong."}


@write_transaction
def _chunk_write(run_id: int, user_id: int | None, first: int, last: int) -> None:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        # What each row does, decided under the write lock, from the key's one row a load does
        # not replace: l (its report is submitted or approved) and x (another load's pending
        # row) refuse, + new, = unchanged, ~ changed.
        cursor.execute(_sql(
            "UPDATE {s} SET action = COALESCE((SELECT CASE "
            "WHEN d.submission_id IS NOT NULL AND EXISTS (SELECT 1 FROM {sub} r WHERE r.id = d.submission_id "
            "AND r.state <> 'draft') THEN 'l' WHEN d.pending_run_id IS NOT NULL THEN 'x' "
            "WHEN d.submission_id IS NULL AND d.value = {s}.value AND d.raw_text = {s}.raw_text "
            "AND d.comment = {s}.comment AND d.source = {s}.source AND d.source_quote = '' THEN '=' ELSE '~' END "
            "FROM {v} d WHERE " + _same_key("d", "{s}") + " AND d.replaced_run_id IS NULL), '+') "
            "WHERE run_id = %s AND id BETWEEN %s AND %s"), [run_id, first, last])
        cursor.execute(_sql("SELECT row, action FROM {s} WHERE run_id = %s AND id BETWEEN %s AND %s "
                            "AND action IN ('l', 'x') ORDER BY row LIMIT 1000"), [run_id, first, last])
        if refused := cursor.fetchall():
            raise LoadRefused([(row, _REFUSED[action]) for row, action in refused])
        cursor.execute(_sql(
            "UPDATE {v} SET replaced_run_id = %s FROM {s} s WHERE s.run_id = %s AND s.id BETWEEN %s AND %s "
            "AND s.action = '~' AND {v}.replaced_run_id IS NULL AND " + _same_key("{v}", "s")),
            [run_id, run_id, first, last])
        # The replaced row's version and report, a subquery per row: a key lookup whatever the
        # statistics say (as a LEFT JOIN, PostgreSQL, taking the run's marks for one row, read
        # all 10.000 of them for each staged row: 60 s a chunk).
        replaced = "FROM {v} o WHERE o.replaced_run_id = %s AND " + _same_key("o", "s")
        # ON CONFLICT: a first web save of the same value committed meanwhile (PostgreSQL) wins.
        cursor.execute(_sql(
            "INSERT INTO {v} (province_id, indicator_id, org_unit_id, period, kind, value, raw_text, comment, "
            "source, source_quote, updated_by_id, updated_at, version, submission_id, pending_run_id) "
            "SELECT s.province_id, s.indicator_id, s.org_unit_id, s.period, s.kind, s.value, s.raw_text, s.comment, "
            "s.source, '', " + _user_param() + ", %s, COALESCE((SELECT o.version " + replaced + "), 0) + 1, "
            "(SELECT o.submission_id " + replaced + "), %s "
            # +s.run_id: read the chunk by its id range, not the whole run through the key index
            "FROM {s} s WHERE +s.run_id = %s AND s.id BETWEEN %s AND %s AND s.action IN ('+', '~') "
            "ORDER BY s.province_id, s.indicator_id, s.org_unit_id, s.period, s.kind ON CONFLICT DO NOTHING"),
            [user_id, now, run_id, run_id, run_id, run_id, first, last])


def load_publish(run: LoadRun) -> None:
    """Make a written load visible at once: inside the caller's short write transaction
    (the loader writes the file's targets in it too). LoadRefused when a value it replaces
    belongs to a report submitted or approved since its chunk was written."""
    with connection.cursor() as cursor:
        # From the reports not in draft (few), through the values' submission index, to the
        # replaced rows; CROSS JOIN keeps that order on SQLite.
        cursor.execute(_sql(
            "SELECT s.row FROM {sub} r CROSS JOIN {v} o CROSS JOIN {s} s WHERE o.submission_id = r.id "
            "AND r.state <> 'draft' AND o.replaced_run_id = %s AND s.run_id = %s AND " + _same_key("o", "s") +
            " ORDER BY s.row LIMIT 1000"), [run.pk, run.pk])
        if locked := [row for (row,) in cursor.fetchall()]:
            raise LoadRefused([(row, LOCKED_MESSAGE) for row in locked])
    run.state, run.finished_at = LoadRun.State.DONE, timezone.now()
    run.save(update_fields=["state", "finished_at"])  # post_save: the evaluations' revision, in this transaction


def load_end(run: LoadRun) -> None:
    """End a run, whatever happened: a published one is settled (`_settle_some`), any
    other one is removed (nothing of it was ever visible) and marked failed; then its staged
    rows go. Idempotent and resumable, a chunk of rows per short transaction (stale_loads_clean
    calls it for a load whose process died)."""
    run.refresh_from_db(fields=["state"])
    if run.state == LoadRun.State.DONE:
        _statistics_refresh()  # the run's marks, written since load_stage's ANALYZE
        with _large_cache():
            after = 0
            while after := _settle_some(run.pk, after):
                _pause()
        _repeat(_replaced_delete_some, run.pk)
    else:
        _unwrite(run.pk)
        LoadRun.objects.filter(pk=run.pk).exclude(state=LoadRun.State.DONE).update(
            state=LoadRun.State.FAILED, finished_at=timezone.now())
    _repeat(_delete_some, run.pk)


@write_transaction
def _settle_some(run_id: int, after: int) -> int:
    """Turn half a chunk of pending rows of a published run into ordinary ones, readers seeing the same
    values before and after: a changed value's new content goes into its old row (which
    keeps its id), the pending copy is deleted; a new value just loses its mark. The
    history row ("+" or "~", the load's actor, at its publish time) is written here.
    Returns the last id settled, 0 when none was left after `after`."""
    with connection.cursor() as cursor:
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        cursor.execute(_sql("SELECT actor_id, finished_at FROM {run} WHERE id = %s" + lock), [run_id])
        actor_id, published = cursor.fetchone()  # locked: two cleaners of one run take turns (PostgreSQL)
        cursor.execute(_sql("SELECT id FROM {v} WHERE pending_run_id = %s AND id > %s ORDER BY id LIMIT %s"),
                       [run_id, after, _settle_rows()])
        ids = [i for (i,) in cursor.fetchall()]
        if not ids:
            return 0
        mine = [run_id, after, ids[-1]]  # this chunk: a range, past earlier chunks' (dead) entries
        old = "o.replaced_run_id = %s AND o.pending_run_id IS NULL AND "
        # The old row of a changed value, a subquery per row: a key lookup whatever the
        # statistics (as a LEFT JOIN, PostgreSQL, with statistics where the run's marks
        # were rare, read all the run's replaced rows for each pending one: 168 s a chunk).
        replaced = "FROM {v} o WHERE " + old + _same_key("o", "p")
        cursor.execute(_sql(
            "INSERT INTO {h} (id, period, kind, value, raw_text, comment, source, source_quote, updated_at, version, "
            "province_id, indicator_id, org_unit_id, updated_by_id, submission_id, history_date, "
            "history_change_reason, history_type, history_user_id) "
            "SELECT COALESCE((SELECT o.id " + replaced + "), p.id), p.period, p.kind, p.value, p.raw_text, p.comment, "
            "p.source, p.source_quote, p.updated_at, p.version, p.province_id, p.indicator_id, p.org_unit_id, "
            "p.updated_by_id, p.submission_id, %s, NULL, "
            "CASE WHEN EXISTS (SELECT 1 " + replaced + ") THEN '~' ELSE '+' END, " + _user_param() + " "
            "FROM {v} p WHERE p.pending_run_id = %s AND p.id > %s AND p.id <= %s ORDER BY 1"),
            [run_id, connection.ops.adapt_datetimefield_value(published), run_id, actor_id, *mine])
        # The pending copy of a changed value leaves the unique key, its old row takes its content.
        cursor.execute(_sql(
            "UPDATE {v} SET replaced_run_id = %s WHERE pending_run_id = %s AND id > %s AND id <= %s AND EXISTS "
            "(SELECT 1 FROM {v} o WHERE " + old + _same_key("o", "{v}") + ")"), [run_id, *mine, run_id])
        cursor.execute(_sql(
            "UPDATE {v} SET value = p.value, raw_text = p.raw_text, comment = p.comment, source = p.source, "
            "source_quote = p.source_quote, updated_by_id = p.updated_by_id, updated_at = p.updated_at, "
            "version = p.version, submission_id = p.submission_id, replaced_run_id = NULL "
            "FROM {v} p WHERE p.pending_run_id = %s AND p.replaced_run_id = p.pending_run_id AND p.id > %s AND p.id <= %s "
            "AND {v}.replaced_run_id = %s AND {v}.pending_run_id IS NULL AND " + _same_key("{v}", "p")),
            [*mine, run_id])
        cursor.execute(_sql("DELETE FROM {v} WHERE pending_run_id = %s AND id > %s AND id <= %s AND replaced_run_id = %s"),
                       [*mine, run_id])
        cursor.execute(_sql("UPDATE {v} SET pending_run_id = NULL WHERE pending_run_id = %s AND id > %s AND id <= %s"), mine)
    return ids[-1]


@write_transaction
def _replaced_delete_some(run_id: int) -> int:
    """Rows a published run replaced and its settle left (a value deleted since the
    publication had its new row deleted): seen by no reader, they go."""
    with connection.cursor() as cursor:
        cursor.execute(_sql("DELETE FROM {v} WHERE id IN (SELECT id FROM {v} WHERE replaced_run_id = %s LIMIT %s)"),
                       [run_id, _chunk()])
        return cursor.rowcount


def _unwrite(run_id: int) -> None:
    """Remove what load_write wrote for a run never published: its pending rows first (they
    hold the keys), then the marks on the rows it would have replaced."""
    _repeat(_unwrite_some, run_id, "DELETE FROM {v} WHERE id IN (SELECT id FROM {v} WHERE pending_run_id = %s ")
    _repeat(_unwrite_some, run_id, "UPDATE {v} SET replaced_run_id = NULL WHERE id IN "
                                   "(SELECT id FROM {v} WHERE replaced_run_id = %s ")


@write_transaction
def _unwrite_some(run_id: int, statement: str) -> int:
    with connection.cursor() as cursor:
        # the run's state read in the same transaction: a published run is never undone
        cursor.execute(_sql(statement + "AND EXISTS (SELECT 1 FROM {run} WHERE id = %s AND state <> 'done') "
                                        "LIMIT %s)"), [run_id, run_id, _chunk()])
        return cursor.rowcount


def len_staged(run: LoadRun) -> int:
    return StagedValue.objects.filter(run=run).count()


def load_unstage(run: LoadRun, rows: set[int]) -> None:
    """Take the staged values of these file rows out of a run not yet published (rows it
    refused, that the caller reports as conflicts before writing the rest again)."""
    _unwrite(run.pk)
    StagedValue.objects.filter(run=run, row__in=rows).delete()


@write_transaction
def _delete_some(run_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(_sql("DELETE FROM {s} WHERE id IN (SELECT id FROM {s} WHERE run_id = %s LIMIT %s)"),
                       [run_id, _chunk()])
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
    """Loads that died (killed, machine restarted): one not published whose process is gone
    on this machine, or that started more than a day ago, is removed; one published but not
    yet settled is settled. Returns how many runs were ended."""
    host, cleaned = socket.gethostname()[:255], 0
    old = timezone.now() - _STALE_AFTER
    for run in LoadRun.objects.filter(state=LoadRun.State.STAGING):
        if (run.host == host and not _alive(run.pid)) or run.created_at < old:
            load_end(run)
            cleaned += 1
    unsettled = DataValue.all_rows.filter(pending_run__isnull=False).values("pending_run")
    for run in LoadRun.objects.filter(state=LoadRun.State.DONE, pk__in=unsettled):
        load_end(run)
        cleaned += 1
    leftover = StagedValue.objects.exclude(run__state=LoadRun.State.STAGING).values_list("run_id", flat=True)
    for run_id in set(leftover[:1000]):
        _repeat(_delete_some, run_id)
    return cleaned
