"""A large staged load, written in chunks and published, with writers beside it: `make bench BENCH=load`.

A fresh var dir (KTXH_VAR_DIR) and database (SQLite there, or KTXH_DATABASE_URL under
scripts/with-postgres.sh) with the demo district; then N checked values
(KTXH_BENCH_LOAD_VALUES, 400.000 by default) go through values.staging as `ktxh load`
writes them:

  stage             the rows copied into StagedValue, BATCH rows per short transaction
  write             the staged rows written beside the live values, invisible, a chunk (CHUNKS) per
                    short transaction (load_write): first all new, then the same keys again
                    all changed (version + 1)
  publish           the one short transaction that makes the load visible (load_publish)
  settle            the clean-up after it, half a chunk per transaction: pending rows made
                    ordinary, a history row each, replaced rows deleted (load_end)
  save_wait         while the whole load runs (every phase), another thread (its own
                    connection) saves one value through value_set every 50 ms: its longest
                    and median time, as a cell save beside the load would see it (SQLite:
                    it waits for the write lock a batch or a chunk holds; PostgreSQL: only
                    for rows it shares with the load)
  login_wait        the same for a login every 50 ms: django.contrib.auth.login on a request
                    and the session saved (the writes of POST /dang-nhap/: a new session row,
                    last_login); the password hash is checked once before, outside the timing,
                    as it costs CPU and waits for nothing
  ..._during_<phase>: the waits that overlapped that phase; ..._wait_max_ms: the longest
                    of all phases (the target: at most 2 s on SQLite)

Then the same through the real server (KTXH_BENCH_LOAD_WEB: 1 by default, 0 to skip, "only"
for this part alone; SQLite only): a fresh file database with the demo, `ktxh serve` on it as
`make run` runs it (gunicorn, tests/webprobe.py), and `ktxh load` of a CSV of the same N values
as a separate process; this process meanwhile logs in (GET /dang-nhap/, then the form's POST
with its CSRF token, timed) and saves one value through POST /api/v1/values/, one after the
other, without pause, until the load ends:

  load_web_load_s           the `ktxh load` process, start to exit
  load_web_<kind>_idle_median_s
                            the median of 10 of each before the load
  load_web_<kind>_wait_max  the longest during the load minus that median: the wait the load
                            adds to a user's request, without the GIL of the load's process

The database and files are removed at the end.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="ktxh-bench-load-"))
os.environ["KTXH_VAR_DIR"] = str(WORKDIR / "var")
os.environ.setdefault("KTXH_DATABASE_URL", f"sqlite:///{WORKDIR}/var/ktxh.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "ktxh.settings"

VALUES = int(os.environ.get("KTXH_BENCH_LOAD_VALUES", 400_000))
WEB = os.environ.get("KTXH_BENCH_LOAD_WEB", "1")


def _rows(indicators, units, bump: int):
    from ktxh.values.staging import StagedRow

    out, year, month = [], 1900, 1
    while len(out) < VALUES:
        period = f"{year}-{month:02d}"
        for unit in units:
            for indicator in indicators:
                n = len(out)
                out.append(StagedRow(row=n + 2, indicator=indicator, org_unit=unit, period=period, kind="official",
                                     value=Decimal(n % 90 + bump) + Decimal("0.5"), raw_text=f"{n % 90 + bump},5",
                                     source="bench.csv"))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out[:VALUES]


class _Writer(threading.Thread):
    """One write every 50 ms on its own connection, timed: (start, seconds) samples."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[tuple[float, float]] = []
        self.errors: list[str] = []
        self.stop = threading.Event()

    def write(self, n: int) -> None:
        raise NotImplementedError

    def run(self):
        from django.db import connection

        n = 0
        try:
            while not self.stop.is_set():
                n += 1
                start = time.perf_counter()
                try:
                    self.write(n)
                except Exception as error:  # noqa: BLE001 — reported, not hidden
                    self.errors.append(f"{type(error).__name__}: {error}")
                self.samples.append((start, time.perf_counter() - start))
                time.sleep(0.05)
        finally:
            connection.close()

    def during(self, begin: float, end: float) -> list[float]:
        """The waits that overlapped [begin, end]."""
        return [s for t, s in self.samples if t <= end and t + s >= begin]


class _Saver(_Writer):
    """value_set of one value, as a cell save."""

    def __init__(self, indicator, unit, actor):
        super().__init__()
        self.indicator, self.unit, self.actor = indicator, unit, actor

    def write(self, n: int) -> None:
        from ktxh.values.services import value_set

        value_set(actor=self.actor, indicator=self.indicator, org_unit=self.unit, period="2099",
                  kind="estimate", value=Decimal(1000 + n))


class _Login(_Writer):
    """The writes of a login: auth.login on a request, then its session saved."""

    def __init__(self, user):
        super().__init__()
        self.user = user

    def write(self, n: int) -> None:
        from django.contrib.auth import login
        from django.contrib.sessions.backends.db import SessionStore
        from django.test import RequestFactory

        request = RequestFactory().post("/dang-nhap/")
        request.session = SessionStore()
        login(request, self.user, backend="django.contrib.auth.backends.ModelBackend")
        request.session.save()


def _report(kind: str, name: str, phase: str, waits: list[float]) -> None:
    prefix = f"bench: load_{VALUES // 1000}k_{kind}_wait_during_{phase}_{name}"
    if not waits:
        print(f"# {kind} {phase} {name}: no sample")
        return
    print(f"{prefix}_max_ms {max(waits) * 1000:.0f} ms")
    print(f"{prefix}_median_ms {statistics.median(waits) * 1000:.1f} ms")


def _timed_load(name, rows, actor, indicator, unit):
    """Stage, write, publish and settle `rows` with a saver and a login beside them; the figures."""
    from django.contrib.auth import get_user_model

    from ktxh.core.writes import write_transaction
    from ktxh.values.staging import load_end, load_publish, load_stage, load_write

    user = get_user_model().objects.get(username="viewer")
    assert user.check_password("ktxh-demo")  # noqa: S105 — the demo password, as a login checks it
    writers = [_Saver(indicator, unit, actor), _Login(user)]
    for writer in writers:
        writer.start()
    time.sleep(1.0)  # a few writes alone first (the first of each is cold: imports, connection)
    marks = [time.perf_counter()]
    run = load_stage(actor=actor, source="bench.csv", rows=rows)
    marks.append(time.perf_counter())
    counts = load_write(actor=actor, run=run)
    marks.append(time.perf_counter())
    with write_transaction():
        load_publish(run)
    marks.append(time.perf_counter())
    load_end(run)
    marks.append(time.perf_counter())
    time.sleep(0.3)
    for writer in writers:
        writer.stop.set()
        writer.join()
    print(f"# {name}: {counts}")
    k = VALUES // 1000
    phases = list(zip(("stage", "write", "publish", "settle"), marks, marks[1:], strict=False))
    for phase, begin, end in phases:
        print(f"bench: load_{k}k_{phase}_{name}_s {end - begin:.2f} s")
    print(f"bench: load_{k}k_total_{name}_s {marks[-1] - marks[0]:.2f} s")
    for kind, writer in zip(("save", "login"), writers, strict=True):
        for phase, begin, end in phases:
            _report(kind, name, phase, writer.during(begin, end))
        if every := writer.during(marks[0], marks[-1]):
            print(f"bench: load_{k}k_{kind}_wait_{name}_max_ms {max(every) * 1000:.0f} ms")
        if writer.errors:
            print(f"bench: load_{k}k_{kind}_errors_{name} {len(writer.errors)} errors ({writer.errors[0]})")
        else:
            print(f"bench: load_{k}k_{kind}_errors_{name} 0 errors")


def _web() -> None:
    """A login and a value save through `ktxh serve` while `ktxh load` runs in its own process."""
    from tests.webprobe import KTXH, login, long_file, served, value_save

    folder = WORKDIR / "web"
    folder.mkdir(parents=True)
    env = dict(os.environ, KTXH_DEMO="1", KTXH_VAR_DIR=str(folder),
               KTXH_DATABASE_URL=f"sqlite:///{folder}/app.sqlite3")
    subprocess.run([*KTXH, "manage", "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([*KTXH, "demo"], env=env, check=True, capture_output=True)
    key = subprocess.run([*KTXH, "token", "create", "--user", "planner"], env=env, check=True,
                         capture_output=True, text=True).stdout.split()[-1]
    # 20 years of months of the old units for each kind: enough for 400.000 with all three
    path = long_file(folder / "app.sqlite3", folder / "lon.csv", VALUES, 2004, kinds=("official", "estimate", "revised"))
    with path.open(encoding="utf-8") as fh:
        rows = sum(1 for _ in fh) - 1
    with served(env) as url:
        idle = {"login": [], "save": []}
        for n in range(10):
            idle["login"].append(login(url)[1])
            idle["save"].append(value_save(url, key, n)[1])
        during: dict[str, list[float]] = {"login": [], "save": []}
        errors: list[str] = []
        n = 0
        started = time.monotonic()
        load = subprocess.Popen([*KTXH, "load", str(path)], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            while load.poll() is None:
                n += 1
                for kind, (status, seconds) in (("login", login(url)), ("save", value_save(url, key, 100 + n))):
                    during[kind].append(seconds)
                    if status not in (200, 201, 302):
                        errors.append(f"{kind} {status}")
            load_s = time.monotonic() - started
            out, err = load.communicate(timeout=60)
        finally:
            if load.poll() is None:
                load.kill()
    assert load.returncode == 0, err
    print(f"# web: {rows} values in {path.name}; {len(during['login'])} logins and {len(during['save'])} saves "
          f"during the load; {out.strip().splitlines()[-1] if out.strip() else ''}")
    print(f"bench: load_web_load_s {load_s:.2f} s")
    for kind in ("login", "save"):
        median = statistics.median(idle[kind])
        print(f"bench: load_web_{kind}_idle_median_s {median:.3f} s")
        if during[kind]:
            print(f"bench: load_web_{kind}_wait_max {max(during[kind]) - median:.2f} s")
        else:
            print(f"# web {kind}: no sample during the load")
    print(f"bench: load_web_errors {len(errors)} errors{f' ({errors[0]})' if errors else ''}")


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    try:
        if WEB != "only":
            _in_process(call_command, connection)
        if WEB != "0":
            if connection.vendor == "sqlite":
                _web()
            else:
                print("# web: SQLite only (its single write lock is what it measures); skipped", flush=True)
    finally:
        connection.close()
        shutil.rmtree(WORKDIR, ignore_errors=True)
    print(f"bench: load_bench_duration_s {time.perf_counter() - started:.1f} s")
    return 0


def _in_process(call_command, connection) -> None:
    """The load in this process with the writer threads beside it (the figures above)."""
    from django.contrib.auth import get_user_model

    from ktxh.catalog.models import Indicator
    from ktxh.demo.load import demo_load
    from ktxh.orgunits.models import OrgUnit
    from ktxh.values.models import DataValue

    call_command("migrate", verbosity=0, interactive=False)
    demo_load()
    actor = get_user_model().objects.get(username="planner")
    indicators = list(Indicator.objects.exclude(measure_kind="rate_permille").order_by("code"))
    units = list(OrgUnit.objects.filter(path__startswith="/12/109/").order_by("code"))
    print(f"# database: {connection.vendor}; {VALUES} values over {len(indicators)} indicators, "
          f"{len(units)} units", flush=True)
    before = DataValue.objects.count()
    for name, bump in (("new", 1), ("changed", 2)):
        _timed_load(name, _rows(indicators, units, bump), actor, indicators[0], units[0])
        sys.stdout.flush()
    assert DataValue.objects.count() - before == VALUES + 1, "the load lost or added rows"
    assert DataValue.all_rows.count() == DataValue.objects.count(), "rows left pending or replaced"


if __name__ == "__main__":
    sys.exit(main())
