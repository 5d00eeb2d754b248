"""The machine interfaces against the app served as `make run` serves it: `make bench BENCH=api`.

A fresh var dir (KTXH_VAR_DIR) and database (SQLite there, or KTXH_DATABASE_URL under
scripts/with-postgres.sh) with the demo district; `ktxh serve` (gunicorn, its default
workers, no job worker) on a free 127.0.0.1 port; then, in one run:

  dhis2_import      N values as ONE DHIS2 dataValueSets JSON payload, POST
                    /dhis2/api/dataValueSets over HTTP Basic (a token as the password),
                    timed at the client: upload, parse, check every row, the staged write (values.staging), summary
  load_reference    the same N values as a long-format CSV through `ktxh load` (the
                    command, its own process); the ratio is import / load (target <= 1,5x)
  dhis2_export      GET /dhis2/api/dataValueSets of those values (JSON, orgUnit=109 with
                    children=true and every period), against a plain ORM dump of the rows
  single_write      one POST /api/v1/values/ (version 0), then 200 sequential
                    PUT /api/v1/values/{id}/ with If-Match (the ETag of the previous
                    answer) on one keep-alive connection, no other load: p95 (target < 50 ms)

N = KTXH_BENCH_API_VALUES (100.000 by default). The payload stays under the documented
KTXH_API_MAX_BYTES (50 MB; its size is printed); if it did not, the bench stops and says
so rather than raise the limit. gunicorn's --timeout does not cut a long request with
the gthread workers `ktxh serve` uses (it only watches the worker's heartbeat), so the
one-request import needs no longer timeout; the client waits at most
KTXH_BENCH_API_TIMEOUT seconds (3600) per request. The server and the files are removed
at the end, also on failure.
"""

import base64
import csv
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="ktxh-bench-api-"))
os.environ["KTXH_VAR_DIR"] = str(WORKDIR / "var")  # a fresh var dir: key, database, files
os.environ.setdefault("KTXH_DATABASE_URL", f"sqlite:///{WORKDIR}/var/ktxh.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "ktxh.settings"

VALUES = int(os.environ.get("KTXH_BENCH_API_VALUES", 100_000))
TIMEOUT = int(os.environ.get("KTXH_BENCH_API_TIMEOUT", 3600))
WRITES = 200


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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(port: int, log) -> subprocess.Popen:
    """The server as `make run` starts it (ktxh serve); no job worker: no job is measured."""
    server = subprocess.Popen([sys.executable, "-m", "ktxh", "serve", "--bind", f"127.0.0.1:{port}",
                               "--job-workers", "0"], env=dict(os.environ), stdout=log, stderr=log, cwd=ROOT)
    for _ in range(600):
        if server.poll() is not None:
            break
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the server did not start")


def _prepare():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from ktxh.api.tokens import token_create
    from ktxh.catalog.models import Indicator
    from ktxh.demo.load import demo_load
    from ktxh.orgunits.models import OrgUnit

    call_command("migrate", verbosity=0, interactive=False)
    demo_load()
    planner = get_user_model().objects.get(username="planner")
    key = token_create(actor=None, user=planner)[1]
    indicators = list(Indicator.objects.exclude(measure_kind="rate_permille").values_list("code", flat=True))
    units = list(OrgUnit.objects.filter(path__startswith="/12/109/").values_list("code", flat=True))
    return key, indicators, units


def _request(port, method, path, body=None, headers=None) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def run(port: int, key: str, indicators: list, units: list) -> None:
    from django.db import connection

    from ktxh.values.models import DataValue

    rows = facts(indicators, units)
    print(f"# database: {connection.vendor}; {len(rows)} values over {len(indicators)} indicators, "
          f"{len(units)} units; server: ktxh serve on 127.0.0.1:{port}", flush=True)

    # (b) the reference: `ktxh load` of the same values (kind official; the import below sends estimates)
    path = WORKDIR / "reference.csv"
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["indicator", "org_unit", "period", "kind", "value", "comparator"])
        writer.writerows((i, u, p, "official", v.replace(".", ","), "") for i, u, p, v in rows)  # vi notation
    start = time.perf_counter()
    loaded = subprocess.run([sys.executable, "-m", "ktxh", "load", str(path)], cwd=ROOT, env=dict(os.environ),
                            capture_output=True, text=True, timeout=TIMEOUT)
    t_load = time.perf_counter() - start
    if loaded.returncode != 0:
        raise SystemExit(f"ktxh load failed: {loaded.stderr[-2000:]}")

    # (a) the import: one payload, HTTP Basic with the token as the password (as DHIS2 clients can)
    payload = json.dumps({"dataValues": [
        {"dataElement": i, "orgUnit": u, "period": p.replace("-", ""), "categoryOptionCombo": "estimate", "value": v}
        for i, u, p, v in rows]}).encode()
    limit = int(os.environ.get("KTXH_API_MAX_BYTES", 50 * 1024 * 1024))
    print(f"# payload: {len(payload)} bytes (limit KTXH_API_MAX_BYTES {limit})", flush=True)
    if len(payload) > limit:
        raise SystemExit("the payload is over KTXH_API_MAX_BYTES: a real client would split it; "
                         "the issue asks for one request, so this bench stops here")
    basic = "Basic " + base64.b64encode(f"bench:{key}".encode()).decode()
    start = time.perf_counter()
    status, _, body = _request(port, "POST", "/dhis2/api/dataValueSets?idScheme=code", payload,
                               {"Authorization": basic, "Content-Type": "application/json"})
    t_import = time.perf_counter() - start
    if status != 200:
        raise SystemExit(f"import answered {status}: {body[:2000]!r}")
    summary = json.loads(body)["response"]
    count = summary["importCount"]
    if count["imported"] != len(rows):
        raise SystemExit(f"import: {count}, {summary['conflicts'][:3]}")

    # (a) the export: both kinds of those values come back (2N)
    periods = sorted({p.replace("-", "") for _, _, p, _ in rows})
    query = "orgUnit=109&children=true&idScheme=code&" + "&".join(f"period={p}" for p in periods)
    start = time.perf_counter()
    status, _, body = _request(port, "GET", f"/dhis2/api/dataValueSets?{query}", headers={"Authorization": basic})
    t_export = time.perf_counter() - start
    if status != 200:
        raise SystemExit(f"export answered {status}: {body[:500]!r}")
    exported, export_bytes = len(json.loads(body)["dataValues"]), len(body)

    start = time.perf_counter()
    dumped = 0
    qs = DataValue.objects.filter(org_unit__code__in=units, period__in={p for _, _, p, _ in rows}).values_list(
        "indicator__code", "org_unit__code", "period", "kind", "value")
    sink = csv.writer(_Sink())
    for row in qs.iterator(chunk_size=5000):
        sink.writerow(row)
        dumped += 1
    t_dump = time.perf_counter() - start

    # (c) single-value writes, as docs/api.md says: create with version 0, then PUT with If-Match
    token = {"Authorization": f"Token {key}", "Content-Type": "application/json"}
    status, headers, body = _request(port, "POST", "/api/v1/values/", json.dumps(
        {"indicator": indicators[0], "org_unit": units[0], "period": "2030", "kind": "official",
         "value": "100.5", "version": 0, "source": "bench"}), token)
    if status not in (200, 201):
        raise SystemExit(f"POST /api/v1/values/ answered {status}: {body[:500]!r}")
    value_id, etag = json.loads(body)["id"], headers["ETag"]
    samples = []
    keep_alive = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        for n in range(WRITES):
            start = time.perf_counter()
            keep_alive.request("PUT", f"/api/v1/values/{value_id}/", json.dumps({"value": f"{101 + n % 7}.5"}),
                               dict(token, **{"If-Match": etag}))
            response = keep_alive.getresponse()
            body = response.read()
            samples.append(time.perf_counter() - start)
            if response.status != 200:
                raise SystemExit(f"PUT answered {response.status}: {body[:500]!r}")
            etag = response.getheader("ETag")
    finally:
        keep_alive.close()
    p95 = statistics.quantiles(samples, n=20)[-1]

    print(f"# export: {exported} values in the DHIS2 answer ({export_bytes} bytes), {dumped} rows in the ORM dump")
    print(f"bench: api_dhis2_import_{len(rows)}_values_s {t_import:.2f} s")
    print(f"bench: api_load_reference_{len(rows)}_values_s {t_load:.2f} s")
    print(f"bench: api_dhis2_import_vs_load_ratio {t_import / t_load:.2f} x")
    print(f"bench: api_dhis2_export_{len(rows)}_values_s {t_export:.2f} s")
    print(f"bench: api_orm_dump_reference_s {t_dump:.2f} s")
    print(f"bench: api_dhis2_export_vs_orm_dump_ratio {t_export / t_dump:.2f} x")
    print(f"bench: api_single_value_write_p95_ms {p95 * 1000:.1f} ms")
    print(f"bench: api_single_value_write_median_ms {statistics.median(samples) * 1000:.1f} ms")
    print(f"bench: api_single_value_writes {len(samples)} requests")


class _Sink:
    def write(self, text):
        return len(text)


def main() -> int:
    import django

    django.setup()
    started = time.perf_counter()
    key, indicators, units = _prepare()
    port = _free_port()
    log = (WORKDIR / "server.log").open("wb")
    server = None
    try:
        server = _serve(port, log)
        run(port, key, indicators, units)
    except BaseException:
        log.flush()
        print((WORKDIR / "server.log").read_text(errors="replace")[-3000:], file=sys.stderr)
        raise
    finally:
        if server is not None:
            server.terminate()  # ktxh serve stops gunicorn cleanly
            try:
                server.wait(timeout=40)
            except subprocess.TimeoutExpired:
                server.kill()
        log.close()
        shutil.rmtree(WORKDIR, ignore_errors=True)
    print(f"bench: api_bench_duration_s {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
