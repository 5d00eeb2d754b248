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
from django.db import connection

from ktxh.catalog.models import Indicator
from ktxh.orgunits.models import OrgUnit
from ktxh.values.models import DataValue, LoadRun, StagedValue
from ktxh.values.staging import StagedRow, load_discard, load_stage, load_swap, stale_loads_clean

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


def test_on_sqlite_a_web_write_during_staging_goes_in_between_two_batches(sqlite_file):
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


def test_on_sqlite_a_load_killed_inside_its_swap_leaves_nothing_and_is_cleaned_by_the_next(sqlite_file):
    history = _query(sqlite_file, "SELECT COUNT(*) FROM data_historicaldatavalue")[0][0]
    done = _helper("kill", sqlite_file)
    assert done.returncode == -signal.SIGKILL, done.stderr
    run = json.loads(done.stdout.splitlines()[0])["run"]
    # the values it had written inside the swap's transaction are gone with the process
    assert _query(sqlite_file, "SELECT COUNT(*) FROM data_datavalue WHERE period LIKE '29%'")[0][0] == 0
    assert _query(sqlite_file, "SELECT COUNT(*) FROM data_historicaldatavalue")[0][0] == history
    assert _query(sqlite_file, "SELECT state FROM data_loadrun WHERE id = ?", run) == [("staging",)]
    assert _query(sqlite_file, "SELECT COUNT(*) FROM data_stagedvalue WHERE run_id = ?", run)[0][0] == 300
    # the next load (here: the next staged load of the same machine) cleans up after the dead one
    again = _helper("between", sqlite_file)
    assert again.returncode == 0, again.stderr
    assert _query(sqlite_file, "SELECT state FROM data_loadrun WHERE id = ?", run) == [("failed",)]
    assert _query(sqlite_file, "SELECT COUNT(*) FROM data_stagedvalue WHERE run_id = ?", run)[0][0] == 0


@pytest.mark.django_db
def test_a_swap_that_fails_half_way_leaves_nothing_visible(planner):
    first = load_stage(actor=planner, source="lon.csv", rows=_rows(100))
    load_swap(actor=planner, run=first)
    load_discard(first)
    before = {v.pk: (v.value, v.version) for v in DataValue.objects.filter(source="lon.csv")}
    history = DataValue.history.count()
    run = load_stage(actor=planner, source="lon.csv", rows=_rows(100, bump=1000) + _rows(50, period_base=2900)[:50])

    def wrapper(execute, sql, params, many, context):
        if sql.startswith("INSERT INTO") and "historicaldatavalue" in sql:
            raise RuntimeError("disk full")  # after the values were updated and inserted
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper), pytest.raises(RuntimeError):
        load_swap(actor=planner, run=run)
    after = {v.pk: (v.value, v.version) for v in DataValue.objects.filter(source="lon.csv")}
    assert after == before and DataValue.history.count() == history  # no value changed, none added
    run.refresh_from_db()
    assert run.state == LoadRun.State.STAGING
    load_discard(run, failed=True)
    run.refresh_from_db()
    assert run.state == LoadRun.State.FAILED and StagedValue.objects.filter(run=run).count() == 0


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
