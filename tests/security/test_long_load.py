"""Issue 13, finding 5: a long `ktxh load` must not lock the web out, and stays "the whole
file or nothing" even when killed.

The real thing on SQLite: the app migrated with the demo in a file database, served by
`ktxh serve` (gunicorn) as `make run` does, and `ktxh load` of a large long-format file in
another process. While the load runs, a login and a value saved through the API must
answer within a few seconds (before: the whole load held the only write lock, a login
waited 20 s and failed with "database is locked"). A load killed half-way leaves no value.
"""

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.webprobe import KTXH, login, long_file, served, value_save

pytestmark = pytest.mark.skipif(os.environ.get("KTXH_DATABASE_URL", "").startswith("postgres"),
                                reason="SQLite's single write lock is what this test is about")

ROWS = int(os.environ.get("KTXH_TEST_LONG_LOAD_ROWS", 15_000))
# Seconds a write may wait beyond its own time without the load: the target of issue 13. No
# transaction of a load is longer than one batch or chunk (10.000 rows: 0,1-0,6 s on the
# loaded 2-core machine; values/staging.py). Before, a write waited for the whole write
# phase (about 2 ms a row: 30 s here) and a login failed with "database is locked"; then
# for the one swap transaction.
EXTRA_WAIT_BOUND = 2.0


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("long-load")
    env = dict(os.environ, KTXH_DEMO="1", KTXH_VAR_DIR=str(folder),
               KTXH_DATABASE_URL=f"sqlite:///{folder}/app.sqlite3")
    subprocess.run([*KTXH, "manage", "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([*KTXH, "demo"], env=env, check=True, capture_output=True)
    return {"env": env, "db": folder / "app.sqlite3", "folder": folder}


def _query(db: Path, sql: str, *params):
    with sqlite3.connect(db, timeout=30) as con:
        return con.execute(sql, params).fetchall()


def _values_of(app, year: int, *, seen: bool = True) -> int:
    """Values of that year's months a reader sees (only new values here: no replaced row),
    or with seen=False every row, a running load's pending ones too."""
    seen_only = " AND (pending_run_id IS NULL OR pending_run_id IN (SELECT id FROM data_loadrun WHERE state = 'done'))"
    return _query(app["db"], "SELECT COUNT(*) FROM data_datavalue WHERE period LIKE ?" + (seen_only if seen else ""),
                  f"{year}-%")[0][0]


def _staged(app) -> int:
    return _query(app["db"], "SELECT COUNT(*) FROM data_stagedvalue")[0][0]


@pytest.fixture(scope="module")
def server(app):
    with served(app["env"]) as url:
        yield url


def test_a_login_and_a_value_save_during_a_long_load_answer_within_seconds(app, server):
    key = subprocess.run([*KTXH, "token", "create", "--user", "planner"], env=app["env"], check=True,
                         capture_output=True, text=True).stdout.split()[-1]
    path = long_file(app["db"], app["folder"] / "lon.csv", ROWS, 2006)
    alone = {"login": max(login(server)[1] for _ in range(3)),
             "save": max(value_save(server, key, n)[1] for n in range(3))}
    load = subprocess.Popen([*KTXH, "load", str(path)], env=app["env"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    waits = []
    try:
        while load.poll() is None and len(waits) < 40:
            status, seconds = login(server)
            assert status in (200, 302), f"login answered {status} during the load"
            waits.append(("login", seconds))
            status, seconds = value_save(server, key, len(waits))
            assert status in (200, 201), f"value save answered {status} during the load"
            waits.append(("save", seconds))
        out, err = load.communicate(timeout=1800)
    finally:
        if load.poll() is None:
            load.kill()
    assert load.returncode == 0, err
    assert len(waits) >= 4, "the load ended before the writes could overlap it; raise KTXH_TEST_LONG_LOAD_ROWS"
    extra = max(seconds - alone[what] for what, seconds in waits)
    print(f"\n{len(waits)} writes during a {ROWS}-row load; alone {alone}; longest extra wait {extra:.2f} s")
    assert extra < EXTRA_WAIT_BOUND, (alone, waits)
    assert _values_of(app, 2006) > 0 and _staged(app) == 0


def test_a_load_killed_half_way_leaves_no_value_and_its_staged_rows_are_cleaned(app):
    path = long_file(app["db"], app["folder"] / "bi-ngat.csv", ROWS, 2011)
    before = _values_of(app, 2011)
    load = subprocess.Popen([*KTXH, "load", str(path)], env=app["env"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 900
        while _staged(app) < ROWS // 3 and time.monotonic() < deadline and load.poll() is None:
            time.sleep(0.2)
        assert load.poll() is None, "the load finished before it could be killed"
        os.kill(load.pid, signal.SIGKILL)
        load.wait(timeout=30)
    finally:
        if load.poll() is None:
            load.kill()
    assert _staged(app) > 0  # killed while staging or writing: staged and pending rows, seen by no reader
    assert _values_of(app, 2011) == before == 0
    # the next load cleans up after the dead one
    small = long_file(app["db"], app["folder"] / "nho.csv", 10, 2016)
    subprocess.run([*KTXH, "load", str(small)], env=app["env"], check=True, capture_output=True)
    assert _staged(app) == 0 and _values_of(app, 2011, seen=False) == 0 and _values_of(app, 2016) == 10
    states = dict(_query(app["db"], "SELECT source, state FROM data_loadrun"))
    assert states["bi-ngat.csv"] == "failed" and states["nho.csv"] == "done"
