"""Run by test_staged_load.py in its own process, on a fresh SQLite file database (the
in-memory test database cannot show SQLite's one write lock between two connections):

  python -m ktxh.values.tests.concurrent_load between|kill DB_PATH

between  stage and write a load whose loader, after its first staging batch and again after
         its first written chunk, waits until a value_set in another thread (its own
         connection) has committed; prints what it saw as JSON
kill     stage a load and start writing it, then SIGKILL this process inside its second
         chunk: the first chunk's rows are committed, pending, the run never published
"""

import json
import os
import signal
import sys
import threading
from decimal import Decimal


def _setup(db: str) -> None:
    os.environ["KTXH_DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["KTXH_VAR_DIR"] = os.path.dirname(db)
    os.environ["DJANGO_SETTINGS_MODULE"] = "ktxh.settings"
    import django

    django.setup()


def _rows(n: int, base: int):
    from ktxh.catalog.models import Indicator
    from ktxh.orgunits.models import OrgUnit
    from ktxh.values.staging import StagedRow

    indicators = list(Indicator.objects.exclude(measure_kind="rate_permille").order_by("code")[:10])
    unit = OrgUnit.objects.get(code="109")
    return [StagedRow(row=k + 2, indicator=indicators[k % 10], org_unit=unit, period=str(base + k // 10),
                      kind="official", value=Decimal(k + 1), raw_text=f"{k + 1}", source="lon.csv")
            for k in range(n)]


def between() -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from ktxh.catalog.models import Indicator
    from ktxh.orgunits.models import OrgUnit
    from ktxh.values import staging
    from ktxh.values.models import DataValue
    from ktxh.values.services import value_set

    planner = get_user_model().objects.get(username="planner")
    indicator, unit = Indicator.objects.get(code="02.01"), OrgUnit.objects.get(code="109")
    staging.BATCH = 40
    saved, seen = threading.Event(), {"batches": 0, "in_transaction": [], "save_error": "", "got_in": False}
    real = staging._batch_write

    def save(period="2099"):
        try:
            value_set(actor=planner, indicator=indicator, org_unit=unit, period=period, kind="estimate",
                      value=Decimal("36595.83"))
        except Exception as error:  # noqa: BLE001 — reported to the test
            seen["save_error"] = f"{type(error).__name__}: {error}"
        finally:
            connection.close()
            saved.set()

    def batch(rows):
        real(rows)
        seen["batches"] += 1
        seen["in_transaction"].append(connection.in_atomic_block)
        if seen["batches"] == 1:
            threading.Thread(target=save, daemon=True).start()
            # 45 s: past the 30 s busy timeout a blocked save would have failed
            seen["got_in"] = saved.wait(timeout=45)

    staging._batch_write = batch
    run = staging.load_stage(actor=planner, source="lon.csv", rows=_rows(200, 1900))
    seen["visible_before_swap"] = DataValue.objects.filter(source="lon.csv").count()
    seen["saved_value"] = str(DataValue.objects.get(indicator=indicator, org_unit=unit, period="2099",
                                                    kind="estimate").value)
    # The write phase likewise: had it returned to one transaction for all chunks (the
    # single swap), the save would wait for it and it for the save.
    staging.CHUNKS, real_chunk, chunks = dict.fromkeys(staging.CHUNKS, 40), staging._chunk_write, []

    def chunk(*args):
        real_chunk(*args)
        chunks.append(connection.in_atomic_block)
        if len(chunks) == 1:
            saved.clear()
            threading.Thread(target=save, args=("2098",), daemon=True).start()
            seen["got_in_write"] = saved.wait(timeout=45)

    staging._chunk_write = chunk
    staging.load_swap(actor=planner, run=run)
    seen["chunks_in_transaction"] = chunks
    seen["visible_after_swap"] = DataValue.objects.filter(source="lon.csv").count()
    staging.load_end(run)
    return seen


def kill() -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from ktxh.values import staging

    planner = get_user_model().objects.get(username="planner")
    staging.CHUNKS = dict.fromkeys(staging.CHUNKS, 100)
    run = staging.load_stage(actor=planner, source="lon.csv", rows=_rows(300, 2900))
    print(json.dumps({"run": run.pk}), flush=True)
    chunks = []

    def wrapper(execute, sql, params, many, context):
        if sql.startswith("INSERT INTO") and "pending_run_id" in sql:
            chunks.append(sql)
            if len(chunks) == 2:
                os.kill(os.getpid(), signal.SIGKILL)  # chunk 1 committed, chunk 2's transaction open
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        staging.load_swap(actor=planner, run=run)


if __name__ == "__main__":
    what, path = sys.argv[1], sys.argv[2]
    _setup(path)
    if what == "between":
        print(json.dumps(between()))
    else:
        kill()
