"""A large staged load and its swap, with writers beside it: `make bench BENCH=load`.

A fresh var dir (KTXH_VAR_DIR) and database (SQLite there, or KTXH_DATABASE_URL under
scripts/with-postgres.sh) with the demo district; then N checked values
(KTXH_BENCH_LOAD_VALUES, 400.000 by default) go through values.staging as `ktxh load`
writes them:

  load_stage        the rows copied into StagedValue, BATCH rows per short transaction
  load_swap         the staged rows swapped into the live values (one transaction):
                    first all new, then the same keys again all changed (version + 1,
                    a history row each)
  writer_wait       while each swap runs, another thread (its own connection) saves one
                    value through value_set every 50 ms: its longest and median time, as a
                    web write beside the load would see it (SQLite: it waits for the write
                    lock the swap holds; PostgreSQL: only for rows it shares with the load)

The database and files are removed at the end.
"""

import os
import shutil
import statistics
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
    """value_set of one value every 50 ms on its own connection, timed."""

    def __init__(self, indicator, unit, actor):
        super().__init__(daemon=True)
        self.indicator, self.unit, self.actor = indicator, unit, actor
        self.samples: list[float] = []
        self.errors: list[str] = []
        self.stop = threading.Event()

    def run(self):
        from django.db import connection

        from ktxh.values.services import value_set

        n = 0
        try:
            while not self.stop.is_set():
                n += 1
                start = time.perf_counter()
                try:
                    value_set(actor=self.actor, indicator=self.indicator, org_unit=self.unit, period="2099",
                              kind="estimate", value=Decimal(1000 + n))
                except Exception as error:  # noqa: BLE001 — reported, not hidden
                    self.errors.append(f"{type(error).__name__}: {error}")
                self.samples.append(time.perf_counter() - start)
                time.sleep(0.05)
        finally:
            connection.close()


def _timed_swap(name, run, actor, indicator, unit):
    from ktxh.values.staging import load_swap

    writer = _Writer(indicator, unit, actor)
    writer.start()
    time.sleep(0.3)  # a few writes alone first
    start = time.perf_counter()
    counts = load_swap(actor=actor, run=run)
    seconds = time.perf_counter() - start
    time.sleep(0.3)
    writer.stop.set()
    writer.join()
    print(f"# {name}: {counts}")
    print(f"bench: load_{VALUES // 1000}k_swap_{name}_s {seconds:.2f} s")
    print(f"bench: load_{VALUES // 1000}k_writer_wait_during_swap_{name}_max_ms {max(writer.samples) * 1000:.0f} ms")
    print(f"bench: load_{VALUES // 1000}k_writer_wait_during_swap_{name}_median_ms "
          f"{statistics.median(writer.samples) * 1000:.1f} ms")
    if writer.errors:
        print(f"bench: load_{VALUES // 1000}k_writer_errors_{name} {len(writer.errors)} errors ({writer.errors[0]})")
    return seconds


def main() -> int:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from ktxh.catalog.models import Indicator
    from ktxh.demo.load import demo_load
    from ktxh.orgunits.models import OrgUnit
    from ktxh.values.models import DataValue
    from ktxh.values.staging import load_discard, load_stage

    started = time.perf_counter()
    try:
        call_command("migrate", verbosity=0, interactive=False)
        demo_load()
        actor = get_user_model().objects.get(username="planner")
        indicators = list(Indicator.objects.exclude(measure_kind="rate_permille").order_by("code"))
        units = list(OrgUnit.objects.filter(path__startswith="/12/109/").order_by("code"))
        print(f"# database: {connection.vendor}; {VALUES} values over {len(indicators)} indicators, "
              f"{len(units)} units", flush=True)
        before = DataValue.objects.count()
        for name, bump in (("new", 1), ("changed", 2)):
            rows = _rows(indicators, units, bump)
            start = time.perf_counter()
            run = load_stage(actor=actor, source="bench.csv", rows=rows)
            print(f"bench: load_{VALUES // 1000}k_stage_{name}_s {time.perf_counter() - start:.2f} s", flush=True)
            try:
                _timed_swap(name, run, actor, indicators[0], units[0])
            finally:
                load_discard(run)
        assert DataValue.objects.count() - before == VALUES + 1, "the swap lost or added rows"
    finally:
        connection.close()
        shutil.rmtree(WORKDIR, ignore_errors=True)
    print(f"bench: load_bench_duration_s {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
