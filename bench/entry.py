"""Benchmark of data entry: 50 simulated commune clerks log in and keep saving values
in the entry grid for 60 s against the app on 127.0.0.1 (locust, headless), on SQLite
and on a throwaway PostgreSQL. Prints requests/s, p50/p95 latency of the saves,
errors, and lost writes (each cell's value and version in the database checked
against the saves the server acknowledged).

    make bench BENCH=entry            (BENCH_ENTRY_SECONDS / BENCH_ENTRY_USERS to shorten)
"""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
USERS = int(os.environ.get("BENCH_ENTRY_USERS", 50))
SECONDS = int(os.environ.get("BENCH_ENTRY_SECONDS", 60))
PASSWORD = "bench-entry-password"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _prepare(workdir: Path) -> dict:
    """Migrate, load the demo, create one clerk per simulated user, each with a cell
    of their own (commune k % N, indicator k // N of the commune data set)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from ktxh.accounts.models import Role, RoleAssignment
    from ktxh.demo.load import demo_load
    from ktxh.entry.models import DataSet, ReportingRound

    call_command("migrate", verbosity=0, interactive=False)
    demo_load()
    round_ = ReportingRound.objects.get(period="2026-H1")
    sets = list(DataSet.objects.filter(agency__isnull=True, reporter_unit__parent__code="109")
                .order_by("reporter_unit__path"))
    User = get_user_model()
    users = []
    for k in range(USERS):
        data_set = sets[k % len(sets)]
        indicators = list(data_set.indicators.filter(measure_kind="rate_pct").order_by("code"))
        indicator = indicators[k // len(sets)]
        user = User.objects.create_user(f"bench-{k:02d}", password=PASSWORD)
        RoleAssignment.objects.create(user=user, org_unit=data_set.reporter_unit, role=Role.COMMUNE)
        base = f"/nhap-lieu/{round_.pk}/bo-bieu/{data_set.pk}/"
        users.append({"username": user.username, "session": _session_for(user), "grid_url": base, "save_url": f"{base}luu/{indicator.pk}/",
                      "data_set": data_set.pk, "indicator": indicator.pk})
    return {"password": PASSWORD, "users": users}


def _session_for(user) -> str:
    """A signed-in session, as the login page would create it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _lost_writes(plan: dict, acks: dict) -> tuple[int, int, int, int]:
    """(saves sent, acknowledged saves, saves found in the database, lost writes)."""
    from ktxh.engine.numbers import parse_number
    from ktxh.values.models import DataValue

    sent = acked = found = lost = 0
    for user in plan["users"]:
        ack = acks.get(user["username"], {"acked": 0, "last": None})
        row = DataValue.objects.filter(submission__data_set_id=user["data_set"], indicator_id=user["indicator"]).first()
        history = row.history.count() if row else 0
        acked += ack["acked"]
        sent += ack.get("sent", 0)
        found += history
        # Every acknowledged save is one version and one history row; the last one is the value.
        lost += max(0, ack["acked"] - history)
        if ack["last"] is not None and (row is None or row.value != parse_number(ack["last"])):
            lost += 1
    return sent, acked, found, lost


def inner(label: str) -> int:
    """One backend, in a process whose KTXH_DATABASE_URL points at a fresh database."""
    workdir = Path(tempfile.mkdtemp(prefix=f"ktxh-bench-entry-{label}-"))
    os.environ.setdefault("KTXH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "ktxh.settings"
    import django

    django.setup()
    plan = _prepare(workdir)
    plan_file, acks_file = workdir / "plan.json", workdir / "acks.json"
    plan_file.write_text(json.dumps(plan))
    port = _free_port()
    env = dict(os.environ, BENCH_ENTRY_PLAN=str(plan_file), BENCH_ENTRY_ACKS=str(acks_file))
    server = subprocess.Popen([sys.executable, "-m", "ktxh", "manage", "runserver", "--noreload", f"127.0.0.1:{port}"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "_entry_locustfile.py"),
                        "--headless", "-u", str(USERS), "-r", str(USERS), "-t", f"{SECONDS}s",
                        "--host", f"http://127.0.0.1:{port}", "--csv", str(workdir / "locust"),
                        "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10"],
                       env=env, cwd=workdir, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=20)
    stats = {row["Name"]: row for row in csv.DictReader(open(workdir / "locust_stats.csv"))}
    save, total = stats["save"], stats["Aggregated"]
    sent, acked, found, lost = _lost_writes(plan, json.loads(acks_file.read_text()))
    errors = int(total["Failure Count"])
    figures = [
        ("requests_per_s", Decimal(total["Requests/s"]).quantize(Decimal("0.1")), "req/s"),
        ("saves_per_s", Decimal(save["Requests/s"]).quantize(Decimal("0.1")), "req/s"),
        ("save_p50", save["50%"], "ms"),
        ("save_p95", save["95%"], "ms"),
        ("saves_sent", sent, "requests"),
        ("errors", errors, "requests"),
        ("acknowledged_writes", acked, "writes"),
        ("writes_in_database", found, "writes"),
        ("lost_writes", lost, "writes"),
        ("users", USERS, "users"),
        ("duration", f"{elapsed:.1f}", "s"),
    ]
    for name, value, unit in figures:
        print(f"bench: entry_{label}_{name} {value} {unit}", flush=True)
    return 0 if errors == 0 and lost == 0 else 1


def main() -> int:
    outputs, status = {}, 0
    runs = {"sqlite": [sys.executable, __file__, "--inner", "sqlite"],
            "postgresql": [str(ROOT / "scripts" / "with-postgres.sh"), sys.executable, __file__, "--inner", "postgresql"]}
    wanted = os.environ.get("BENCH_ENTRY_BACKENDS", "sqlite,postgresql").split(",")
    for label, command in runs.items():
        if label not in wanted:
            continue
        env = dict(os.environ)
        if label == "sqlite":
            env.pop("KTXH_DATABASE_URL", None)
        result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        lines = [line for line in result.stdout.splitlines() if line.startswith("bench: ")]
        print("\n".join(lines), flush=True)
        if result.returncode != 0 and not lines:
            print(result.stderr[-2000:], file=sys.stderr)
        status |= result.returncode
        outputs[label] = {line.split()[1]: line.split()[2] for line in lines}
    sqlite_rps = Decimal(outputs.get("sqlite", {}).get("entry_sqlite_saves_per_s", "0"))
    pg_rps = Decimal(outputs.get("postgresql", {}).get("entry_postgresql_saves_per_s", "0"))
    if sqlite_rps and pg_rps:
        print(f"bench: entry_postgresql_vs_sqlite_saves_ratio {(pg_rps / sqlite_rps).quantize(Decimal('0.01'))} x")
    return status


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--inner":
        sys.exit(inner(sys.argv[2]))
    sys.exit(main())
