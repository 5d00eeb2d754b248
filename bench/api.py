"""The machine interfaces under load: `make bench BENCH=api`.

In a throwaway database (SQLite, or KTXH_DATABASE_URL under scripts/with-postgres.sh)
with the demo district, times in one run:

  dhis2_import      100.000 values as ONE DHIS2 dataValueSets JSON payload (POST through
                    Django's test client, server side: parse, check, value_set each)
  load_reference    the same 100.000 values as a long-format CSV through `ktxh load`
                    (imports.loader), the reference; the ratio is import / load
  dhis2_export      GET dataValueSets of those values (JSON), against a plain ORM dump
                    of the same rows to CSV as the reference
  single_write_p95  POST /api/v1/values/ of one value, 200 times, no other load
"""

import atexit
import csv
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB_DIR = tempfile.mkdtemp(prefix="ktxh-bench-api-")
atexit.register(shutil.rmtree, DB_DIR, ignore_errors=True)
os.environ.setdefault("KTXH_DATABASE_URL", f"sqlite:///{DB_DIR}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
os.environ.setdefault("KTXH_API_MAX_BYTES", str(200 * 1024 * 1024))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

VALUES = int(os.environ.get("KTXH_BENCH_API_VALUES", 100_000))


def facts(indicators, units) -> list[tuple]:
    """VALUES distinct (indicator, unit, month) triples with plausible values."""
    rng = random.Random(16)
    out, year, month = [], 1990, 1
    while len(out) < VALUES:
        period = f"{year}-{month:02d}"
        for unit in units:
            for indicator in indicators:
                out.append((indicator, unit, period, f"{rng.randint(1, 9999) / 100:.2f}"))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out[:VALUES]


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    call_command("migrate", verbosity=0)
    from ktxh.api.tokens import token_create
    from ktxh.catalog.models import Indicator
    from ktxh.demo.load import demo_load
    from ktxh.imports.loader import load_file
    from ktxh.orgunits.models import OrgUnit
    from ktxh.values.models import DataValue

    demo_load()
    from django.contrib.auth import get_user_model

    planner = get_user_model().objects.get(username="planner")
    key = token_create(actor=None, user=planner)[1]
    indicators = list(Indicator.objects.exclude(measure_kind="rate_permille").values_list("code", flat=True))
    units = list(OrgUnit.objects.filter(path__startswith="/12/109/").values_list("code", flat=True))
    rows = facts(indicators, units)
    print(f"# database: {connection.vendor}; {len(rows)} values over {len(indicators)} indicators, "
          f"{len(units)} units")

    path = Path(DB_DIR) / "reference.csv"
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["indicator", "org_unit", "period", "kind", "value", "comparator"])
        writer.writerows((i, u, p, "official", v.replace(".", ","), "") for i, u, p, v in rows)  # vi notation
    def load():
        try:
            load_file(path)
        except Exception as error:
            raise SystemExit(f"{error}: {error.problems[:3]}") from None

    t_load = timed(load)

    payload = json.dumps({"dataValues": [
        {"dataElement": i, "orgUnit": u, "period": p.replace("-", ""), "categoryOptionCombo": "estimate", "value": v}
        for i, u, p, v in rows]})
    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {key}")
    result = {}

    def push():
        response = client.post("/dhis2/api/dataValueSets?idScheme=code", payload, content_type="application/json")
        result["summary"] = response.json()["response"]

    t_import = timed(push)
    count = result["summary"]["importCount"]
    assert count["imported"] == len(rows), (count, result["summary"]["conflicts"][:3])

    periods = sorted({p.replace("-", "") for _, _, p, _ in rows})
    query = "&".join([f"orgUnit={u}" for u in units] + [f"period={p}" for p in periods]) + "&idScheme=code"

    def export():
        response = client.get(f"/dhis2/api/dataValueSets?{query}")
        result["exported"] = len(response.json()["dataValues"])

    t_export = timed(export)

    def reference_dump():
        out = []
        qs = DataValue.objects.filter(org_unit__code__in=units, period__in={p for _, _, p, _ in rows}).values_list(
            "indicator__code", "org_unit__code", "period", "kind", "value")
        writer = csv.writer(_Sink())
        for row in qs.iterator(chunk_size=5000):
            writer.writerow(row)
            out.append(row)
        result["dumped"] = len(out)

    t_dump = timed(reference_dump)

    samples = []
    for n in range(200):
        body = json.dumps({"indicator": indicators[0], "org_unit": units[0], "period": "2030", "kind": "official",
                           "value": f"{100 + n % 7}.5", "source": "bench"})
        start = time.perf_counter()
        response = client.post("/api/v1/values/", body, content_type="application/json")
        samples.append(time.perf_counter() - start)
        assert response.status_code in (200, 201), response.content
    p95 = statistics.quantiles(samples, n=20)[-1]

    print(f"# export: {result['exported']} values in the DHIS2 answer, {result['dumped']} rows in the ORM dump")
    print(f"bench: api_dhis2_import_{len(rows)}_values_s {t_import:.2f} s")
    print(f"bench: api_load_reference_{len(rows)}_values_s {t_load:.2f} s")
    print(f"bench: api_dhis2_import_vs_load_ratio {t_import / t_load:.2f} x")
    print(f"bench: api_dhis2_export_{len(rows)}_values_s {t_export:.2f} s")
    print(f"bench: api_orm_dump_reference_s {t_dump:.2f} s")
    print(f"bench: api_dhis2_export_vs_orm_dump_ratio {t_export / t_dump:.2f} x")
    print(f"bench: api_single_value_write_p95_ms {p95 * 1000:.1f} ms")
    print(f"bench: api_single_value_write_median_ms {statistics.median(samples) * 1000:.1f} ms")


class _Sink:
    def write(self, text):
        return len(text)


if __name__ == "__main__":
    main()
