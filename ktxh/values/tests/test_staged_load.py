"""A large load (values/staging.py, issue 13 finding 5): staged in short transactions a web
write can come between, swapped in at once, nothing visible after a failure or a kill.
tests/security/test_long_load.py drives the same through `ktxh serve` and `ktxh load`."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from ktxh.catalog.models import Indicator
from ktxh.core.writes import write_transaction
from ktxh.entry.models import Submission
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of
from ktxh.values import staging
from ktxh.values.history import value_history
from ktxh.values.models import DataValue, LoadRun, StagedValue
from ktxh.values.services import LOCKED_MESSAGE, value_set
from ktxh.values.staging import (
    LoadRefused,
    StagedRow,
    load_end,
    load_publish,
    load_stage,
    load_swap,
    stale_loads_clean,
)

KTXH = [sys.executable, "-m", "ktxh"]


def _rows(n: int, *, bump: int = 0, period_base: int = 1900) -> list[StagedRow]:
    indicators = list(Indicator.objects.exclude(measure_kind="rate_permille").order_by("code")[:10])
    unit = OrgUnit.objects.get(code="109")
    return [StagedRow(row=k + 2, indicator=indicators[k % 10], org_unit=unit, period=str(period_base + k // 10),
                      kind="official", value=Decimal(k + 1 + bump), raw_text=f"{k + 1 + bump}", source="lon.csv")
            for k in range(n)]


def _written(period_base: int = 1900) -> int:
    return DataValue.objects.filter(org_unit__code="109", period__startswith=str(period_base)[:2],
                                    source="lon.csv").count()


@pytest.fixture(scope="module")
def sqlite_file(tmp_path_factory):
    """A fresh SQLite file database with the demo, as `make run` has it."""
    folder = tmp_path_factory.mktemp("staged-load")
    env = dict(os.environ, KTXH_VAR_DIR=str(folder), KTXH_DATABASE_URL=f"sqlite:///{folder}/app.sqlite3")
    subprocess.run([*KTXH, "manage", "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([*KTXH, "demo"], env=env, check=True, capture_output=True)
    return folder / "app.sqlite3"


def _helper(what: str, db) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ktxh.values.tests.concurrent_load", what, str(db)],
                          capture_output=True, text=True, timeout=600)


def _query(db, sql: str, *params):
    with sqlite3.connect(db, timeout=30) as con:
        return con.execute(sql, params).fetchall()


def test_on_sqlite_a_web_write_during_a_load_goes_in_between_two_batches_and_two_chunks(sqlite_file):
    """The loader waits, after its first batch, until a save in another thread (its own
    connection) has committed. Had the load kept SQLite's write lock beyond that batch, the
    save would have waited for the loader and the loader for the save, until the save gave
    up on "database is locked" (concurrent_load.py)."""
    done = _helper("between", sqlite_file)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["got_in"] and not seen["save_error"] and seen["saved_value"] == "36595.830000"
    assert seen["batches"] == 5 and seen["in_transaction"] == [False] * 5  # five batches, each committed
    assert seen["visible_before_swap"] == 0 and seen["visible_after_swap"] == 200  # staged rows: read by nothing
    # and between two chunks of the write phase, each its own transaction (not one swap)
    assert seen["got_in_write"] and not seen["save_error"] and seen["chunks_in_transaction"] == [False] * 5


def test_on_sqlite_a_load_killed_between_its_chunks_shows_nothing_and_is_cleaned_by_the_next(sqlite_file):
    history = _query(sqlite_file, "SELECT COUNT(*) FROM data_historicaldatavalue")[0][0]
    done = _helper("kill", sqlite_file)
    assert done.returncode == -signal.SIGKILL, done.stderr
    run = json.loads(done.stdout.splitlines()[0])["run"]
    # its first chunk is committed, pending on a run that never published: no reader sees it
    count = "SELECT COUNT(*) FROM data_datavalue WHERE period LIKE '29%'"
    assert _query(sqlite_file, count + " AND pending_run_id = ?", run)[0][0] == 100
    assert _query(sqlite_file, count + " AND pending_run_id IS NULL")[0][0] == 0
    assert _query(sqlite_file, "SELECT COUNT(*) FROM data_historicaldatavalue")[0][0] == history
    assert _query(sqlite_file, "SELECT state FROM data_loadrun WHERE id = ?", run) == [("staging",)]
    assert _query(sqlite_file, "SELECT COUNT(*) FROM data_stagedvalue WHERE run_id = ?", run)[0][0] == 300
    # the next load (here: the next staged load of the same machine) cleans up after the dead one
    again = _helper("between", sqlite_file)
    assert again.returncode == 0, again.stderr
    assert _query(sqlite_file, "SELECT state FROM data_loadrun WHERE id = ?", run) == [("failed",)]
    assert _query(sqlite_file, "SELECT COUNT(*) FROM data_stagedvalue WHERE run_id = ?", run)[0][0] == 0
    assert _query(sqlite_file, count)[0][0] == 0


def _visible() -> dict:
    return {(v.indicator_id, v.period): (v.value, v.version) for v in DataValue.objects.filter(source="lon.csv")}


def _marked() -> int:
    return (DataValue.all_rows.filter(pending_run__isnull=False).count()
            + DataValue.all_rows.filter(replaced_run__isnull=False).count())


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(staging, "CHUNKS", dict.fromkeys(staging.CHUNKS, 40))


@pytest.fixture
def loaded(planner, small_chunks):
    """100 values loaded; the next load changes them all and adds 50."""
    first = load_stage(actor=planner, source="lon.csv", rows=_rows(100))
    load_swap(actor=planner, run=first)
    return _visible()


def _second(planner):
    return load_stage(actor=planner, source="lon.csv", rows=_rows(100, bump=1000) + _rows(50, period_base=2900))


@pytest.mark.django_db
def test_readers_see_nothing_of_a_load_between_its_chunks_and_all_of_it_once_published(planner, loaded, monkeypatch):
    run, seen, real = _second(planner), [], staging._chunk_write
    history = DataValue.history.count()

    def chunk(*args):
        real(*args)
        seen.append(_visible())

    monkeypatch.setattr(staging, "_chunk_write", chunk)
    assert staging.load_write(actor=planner, run=run) == {"created": 50, "changed": 100, "unchanged": 0}
    assert len(seen) == 4 and all(view == loaded for view in seen)  # 150 rows, 40 a chunk: old values only
    assert _marked() == 250 and DataValue.history.count() == history
    with write_transaction():
        load_publish(run)
    published = _visible()  # before the clean-up: the new values, each once
    assert len(published) == 150 and all(published[key] == (value + 1000, 2) for key, (value, _) in loaded.items())
    load_end(run)
    assert _visible() == published and _marked() == 0 and DataValue.history.count() == history + 150


@pytest.mark.django_db
def test_a_load_that_fails_between_chunks_leaves_nothing_and_runs_again(planner, loaded, monkeypatch):
    run, real, calls = _second(planner), staging._chunk_write, []

    def chunk(*args):
        calls.append(args)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        real(*args)

    monkeypatch.setattr(staging, "_chunk_write", chunk)
    with pytest.raises(RuntimeError):
        load_swap(actor=planner, run=run)
    assert _visible() == loaded and _marked() == 0  # the two chunks written are removed again
    monkeypatch.setattr(staging, "_chunk_write", real)
    again = _second(planner)
    assert load_swap(actor=planner, run=again)["changed"] == 100 and len(_visible()) == 150


@pytest.mark.django_db
def test_a_load_killed_before_publishing_is_removed_by_the_next(planner, loaded, monkeypatch):
    run = _second(planner)
    staging.load_write(actor=planner, run=run)  # then the process dies
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    LoadRun.objects.filter(pk=run.pk).update(pid=dead.pid)
    assert _visible() == loaded
    assert stale_loads_clean() == 1
    assert _visible() == loaded and _marked() == 0
    assert LoadRun.objects.get(pk=run.pk).state == LoadRun.State.FAILED


@pytest.mark.django_db
def test_a_load_killed_after_publishing_shows_everything_once_and_the_next_settles_it(planner, loaded):
    run = _second(planner)
    staging.load_write(actor=planner, run=run)
    with write_transaction():
        load_publish(run)  # then the process dies before its clean-up
    published = _visible()
    assert len(published) == 150 and DataValue.objects.filter(source="lon.csv").count() == 150
    assert stale_loads_clean() == 1
    assert _visible() == published and _marked() == 0
    ids_before = {v.pk for v in DataValue.objects.filter(source="lon.csv", period__lt="2000")}
    assert len(ids_before) == 100 and stale_loads_clean() == 0  # settled: nothing left to do


@pytest.mark.django_db
def test_a_changed_value_keeps_its_id_and_its_history_reads_old_to_new(planner, viewer, small_chunks):
    load_swap(actor=planner, run=load_stage(actor=planner, source="lon.csv", rows=_rows(5)))
    row = _rows(5)[0]
    before = DataValue.objects.get(indicator=row.indicator, org_unit=row.org_unit, period=row.period)
    load_swap(actor=viewer, run=load_stage(actor=viewer, source="lon.csv", rows=_rows(5, bump=100)))
    after = DataValue.objects.get(indicator=row.indicator, org_unit=row.org_unit, period=row.period)
    assert (after.pk, after.value, after.version) == (before.pk, Decimal(101), 2)
    changes = value_history(indicator=row.indicator, unit=row.org_unit, period=row.period)
    assert [(c.old_value, c.new_value, c.action) for c in changes][:1] == [(Decimal(1), Decimal(101), "Sửa")]


@pytest.fixture
def clerk_draft_value(planner):
    from ktxh.entry.models import DataSet, ReportingRound

    round_ = ReportingRound.objects.order_by("id").first()
    submission = Submission.objects.create(province=round_.province, round=round_, data_set=DataSet.objects.first(),
                                           state="draft")
    row = _rows(1, period_base=2800)[0]
    value = value_set(actor=planner, indicator=row.indicator, org_unit=row.org_unit, period=row.period,
                      kind="official", value=Decimal(3), submission=submission)
    return value, submission


@pytest.mark.django_db
def test_a_report_submitted_between_the_chunks_and_the_publication_refuses_the_whole_load(
        planner, clerk_draft_value):
    value, submission = clerk_draft_value
    rows = [*_rows(60, period_base=2900), StagedRow(row=99, indicator=value.indicator, org_unit=value.org_unit,
                                                    period=value.period, kind=value.kind, value=Decimal("5"))]
    run = load_stage(actor=planner, source="lon.csv", rows=rows)
    staging.load_write(actor=planner, run=run)  # the report was a draft: its value is marked replaced
    Submission.objects.filter(pk=submission.pk).update(state="submitted")
    with pytest.raises(LoadRefused) as refused, write_transaction():
        load_publish(run)
    assert refused.value.problems == [(99, LOCKED_MESSAGE)]
    load_end(run)
    assert _written(2900) == 0 and _marked() == 0
    assert DataValue.objects.get(pk=value.pk).value == value.value


@pytest.mark.django_db
def test_a_web_save_during_a_load_wins_over_the_load(planner, loaded, small_chunks):
    run = _second(planner)
    staging.load_write(actor=planner, run=run)
    changed, new = _rows(1)[0], _rows(1, period_base=2900)[0]
    for row in (changed, new):  # a value the load changes, and one it adds
        value_set(actor=planner, indicator=row.indicator, org_unit=row.org_unit, period=row.period,
                  kind="official", value=Decimal("42"), source="lon.csv")
    with write_transaction():
        load_publish(run)
    load_end(run)
    seen = _visible()
    assert seen[(changed.indicator.pk, changed.period)][0] == seen[(new.indicator.pk, new.period)][0] == Decimal(42)
    assert len(seen) == 150 and _marked() == 0  # the load's other values are in, each once


@pytest.mark.django_db
def test_two_settled_values_of_one_key_are_still_refused_by_the_database(planner):
    row = _rows(1)[0]
    value_set(actor=planner, indicator=row.indicator, org_unit=row.org_unit, period=row.period, kind="official",
              value=Decimal(1))
    with pytest.raises(IntegrityError), transaction.atomic():
        DataValue.all_rows.create(province_id=province_of(row.org_unit).pk, indicator=row.indicator,
                                  org_unit=row.org_unit, period=row.period, kind="official", value=Decimal(2))


@pytest.mark.django_db
def test_a_load_whose_process_died_is_invisible_and_cleaned_by_the_next(planner):
    run = load_stage(actor=planner, source="lon.csv", rows=_rows(120))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    LoadRun.objects.filter(pk=run.pk).update(pid=dead.pid)  # as if `ktxh load` had been killed before its swap
    assert _written() == 0 and StagedValue.objects.filter(run=run).count() == 120
    assert stale_loads_clean() == 1  # what the next load runs first
    run.refresh_from_db()
    assert run.state == LoadRun.State.FAILED and StagedValue.objects.filter(run=run).count() == 0
    assert _written() == 0


@pytest.mark.django_db
def test_the_swap_keeps_the_rules_of_value_set(planner, viewer):
    first = load_stage(actor=planner, source="lon.csv", rows=_rows(30))
    assert load_swap(actor=planner, run=first) == {"created": 30, "changed": 0, "unchanged": 0}
    rows = _rows(30)
    rows[0] = StagedRow(**{**rows[0].__dict__, "value": Decimal("777")})
    again = load_stage(actor=viewer, source="lon.csv", rows=rows)
    history = DataValue.history.count()
    assert load_swap(actor=viewer, run=again) == {"created": 0, "changed": 1, "unchanged": 29}
    changed = DataValue.objects.get(indicator=rows[0].indicator, org_unit=rows[0].org_unit, period=rows[0].period,
                                    kind="official")
    assert (changed.value, changed.version, changed.updated_by) == (Decimal("777"), 2, viewer)
    assert DataValue.history.count() == history + 1
    last = DataValue.history.filter(id=changed.pk).order_by("-history_id").first()
    assert (last.history_type, last.history_user, last.value) == ("~", viewer, Decimal("777"))
