"""Benchmark of data entry against the app served as `make run` serves it (`ktxh serve`:
gunicorn, several processes) on 127.0.0.1, with locust (headless), on SQLite and on a
throwaway PostgreSQL.

Profile A (realistic): 200 commune clerks of the two-level world (the new communes of
Tỉnh Lai Châu, 2026 rounds), each typing a value into a cell of their own every 2-5 s for
60 s, plus 10 readers opening a new commune's 2026 overview (evaluation table). Prints
p50/p95/p99 of saves and pages, errors, acknowledged vs stored writes, lost writes.
Profile B (saturation): saves with no think time, 10 / 20 / 40 users for 15 s each;
prints the highest saves/s whose p95 stays under 300 ms.

    make bench BENCH=entry   (BENCH_ENTRY_SECONDS, BENCH_ENTRY_USERS, BENCH_ENTRY_BACKENDS=sqlite,
                              BENCH_ENTRY_PROFILES=a,b shorten it)
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
USERS = int(os.environ.get("BENCH_ENTRY_USERS", 200))
READERS = 10
SECONDS = int(os.environ.get("BENCH_ENTRY_SECONDS", 60))
SATURATION_STEPS = [10, 20, 40]
SATURATION_SECONDS = 15
# The two-level world (docs/units.md): the 38 new communes and wards of Tỉnh Lai Châu, each
# with the demo's commune data set (4 indicators), in the two half-year rounds of 2026:
# 2 x 38 x 4 = 304 cells, one of their own for the 200 clerks of profile A and, apart from
# theirs, for the 10 + 20 + 40 of profile B.
PROVINCE = "12"
ROUNDS = ["2026-H1", "2026-H2"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _prepare(workdir: Path) -> dict:
    """Migrate, load the demo, give every new commune of Lai Châu the demo's commune data
    set (the demo has it for two of them), create one clerk per simulated user, each with a
    cell of their own (round, then indicator, then commune: the first 152 are 2026-H1)."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from ktxh.accounts.models import Role, RoleAssignment
    from ktxh.catalog.models import Indicator
    from ktxh.demo.load import demo_load
    from ktxh.entry.demo import COMMUNE_INDICATORS
    from ktxh.entry.services import data_set_save, round_save
    from ktxh.orgunits.models import OrgUnit

    call_command("migrate", verbosity=0, interactive=False)
    demo_load()
    today = timezone.localdate()
    province = OrgUnit.objects.get(code=PROVINCE, kind=OrgUnit.Kind.PROVINCE)
    # 2026-H1 is the demo's open round (round_save returns it); 2026-H2 is opened like it.
    rounds = [round_save(actor=None, province=province, period=p, opens_on=today - timedelta(days=1),
                         due_on=today + timedelta(days=14), closes_on=today + timedelta(days=45)) for p in ROUNDS]
    indicators = list(Indicator.objects.filter(code__in=COMMUNE_INDICATORS).order_by("code"))
    communes = OrgUnit.objects.filter(parent=province, vintage="2025").order_by("path")
    sets = [data_set_save(actor=None, name="Biểu 6 tháng cấp xã", reporter_unit=unit, period_kind="half",
                          indicators=indicators) for unit in communes]
    cells = [(r, d, i) for r in rounds for i in indicators for d in sets]
    User = get_user_model()
    users = []
    for k in range(USERS + sum(SATURATION_STEPS)):
        round_, data_set, indicator = cells[k]
        # no password: each clerk is signed in by a session made here (hashing 270 passwords took
        # most of the set-up's time on a loaded machine)
        user = User.objects.create_user(f"bench-{k:03d}")
        RoleAssignment.objects.create(user=user, org_unit=data_set.reporter_unit, role=Role.COMMUNE)
        base = f"/nhap-lieu/{round_.pk}/bo-bieu/{data_set.pk}/"
        users.append({"username": user.username, "session": _session_for(user), "grid_url": base,
                      "save_url": f"{base}luu/{indicator.pk}/",
                      "data_set": data_set.pk, "indicator": indicator.pk, "round": round_.pk})
    # The province's planner and a new commune's leader read the new Xã Khổng Lào's 2026-H1
    # overview (its 2025 history carried from the three old communes, evaluation/carried.py).
    readers = [_session_for(User.objects.get(username=name)) for name in ("so_tai_chinh", "lanh_dao_khong_lao")]
    return {"users": users, "readers": readers,
            "overview_url": "/danh-gia/?unit=03583@2025&period=2026-H1"}


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
        row = DataValue.objects.filter(submission__data_set_id=user["data_set"], submission__round_id=user["round"],
                                       indicator_id=user["indicator"]).first()
        history = row.history.count() if row else 0
        acked += ack["acked"]
        sent += ack.get("sent", 0)
        found += history
        # Every acknowledged save is one version and one history row; the last one is the value.
        lost += max(0, ack["acked"] - history)
        # The stored value is the last acknowledged one, or the one sent after it whose answer
        # the stop of the run cut off (each clerk has one save in flight at most).
        stored_ok = row is not None and row.value in {parse_number(t) for t in (ack["last"], ack.get("in_flight")) if t}
        if ack["last"] is not None and not stored_ok:
            lost += 1
    return sent, acked, found, lost


def _locust(port: int, workdir: Path, env: dict, name: str, users: int, seconds: int) -> dict:
    subprocess.run([sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "_entry_locustfile.py"),
                    "--headless", "-u", str(users), "-r", str(min(users, 50)), "-t", f"{seconds}s",
                    "--host", f"http://127.0.0.1:{port}", "--csv", str(workdir / name),
                    "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10"],
                   env=env, cwd=workdir, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=seconds + 180)  # bounded even if locust hangs (its own stop timeout is 10 s)
    return {row["Name"]: row for row in csv.DictReader(open(workdir / f"{name}_stats.csv"))}


def _serve(port: int, env: dict) -> subprocess.Popen:
    """The server as `make run` starts it (ktxh serve: gunicorn with its default workers);
    no job worker: no job is measured here."""
    server = subprocess.Popen([sys.executable, "-m", "ktxh", "serve", "--bind", f"127.0.0.1:{port}",
                               "--job-workers", "0"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, cwd=ROOT)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the server did not start")


def inner(label: str) -> int:
    """One backend, in a process whose KTXH_DATABASE_URL points at a fresh database."""
    workdir = Path(tempfile.mkdtemp(prefix=f"ktxh-bench-entry-{label}-"))
    os.environ.setdefault("KTXH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "ktxh.settings"
    import django

    django.setup()
    plan = _prepare(workdir)
    profiles = os.environ.get("BENCH_ENTRY_PROFILES", "a,b").split(",")
    port = _free_port()
    server = _serve(port, dict(os.environ))
    status = 0
    try:
        if "a" in profiles:
            status |= _profile_a(label, plan, workdir, port)
        if "b" in profiles:
            status |= _profile_b(label, plan, workdir, port)
    finally:
        server.terminate()  # ktxh serve stops gunicorn cleanly
        server.wait(timeout=40)
    return status


def _plan_env(workdir: Path, plan: dict, name: str, **extra) -> tuple[dict, Path]:
    plan_file, acks_file = workdir / f"{name}-plan.json", workdir / f"{name}-acks.json"
    plan_file.write_text(json.dumps(plan))
    return dict(os.environ, BENCH_ENTRY_PLAN=str(plan_file), BENCH_ENTRY_ACKS=str(acks_file), **extra), acks_file


def _profile_a(label: str, plan: dict, workdir: Path, port: int) -> int:
    mine = dict(plan, users=plan["users"][:USERS])
    env, acks_file = _plan_env(workdir, mine, "a", BENCH_ENTRY_THINK="2-5", BENCH_ENTRY_READERS=str(READERS))
    started = time.monotonic()
    stats = _locust(port, workdir, env, "a", USERS + READERS, SECONDS)
    elapsed = time.monotonic() - started
    save, page, total = stats["save"], stats.get("overview", {}), stats["Aggregated"]
    sent, acked, found, lost = _lost_writes(mine, json.loads(acks_file.read_text()))
    errors = int(total["Failure Count"])
    prefix = f"entry_{label}_a"
    figures = [
        ("saves_per_s", Decimal(save["Requests/s"]).quantize(Decimal("0.1")), "req/s"),
        ("save_p50", save["50%"], "ms"), ("save_p95", save["95%"], "ms"), ("save_p99", save["99%"], "ms"),
        ("overview_p50", page.get("50%", "-"), "ms"), ("overview_p95", page.get("95%", "-"), "ms"),
        ("overview_p99", page.get("99%", "-"), "ms"), ("overview_requests", page.get("Request Count", 0), "requests"),
        ("saves_sent", sent, "requests"), ("errors", errors, "requests"),
        ("acknowledged_writes", acked, "writes"), ("writes_in_database", found, "writes"),
        ("lost_writes", lost, "writes"), ("clerks", USERS, "users"), ("readers", READERS, "users"),
        ("duration", f"{elapsed:.1f}", "s"),
    ]
    for name, value, unit in figures:
        print(f"bench: {prefix}_{name} {value} {unit}", flush=True)
    return 0 if errors == 0 and lost == 0 else 1


def _profile_b(label: str, plan: dict, workdir: Path, port: int) -> int:
    best, status = Decimal(0), 0
    first = USERS
    for step, users in enumerate(SATURATION_STEPS):
        mine = dict(plan, users=plan["users"][first:first + users])  # cells nobody saved yet
        first += users
        env, acks_file = _plan_env(workdir, mine, f"b{step}", BENCH_ENTRY_THINK="0")
        stats = _locust(port, workdir, env, f"b{step}", users, SATURATION_SECONDS)
        save = stats["save"]
        rate, p95 = Decimal(save["Requests/s"]).quantize(Decimal("0.1")), int(float(save["95%"]))
        errors = int(stats["Aggregated"]["Failure Count"])
        print(f"bench: entry_{label}_b_{users}users_saves_per_s {rate} req/s", flush=True)
        print(f"bench: entry_{label}_b_{users}users_save_p95 {p95} ms", flush=True)
        print(f"bench: entry_{label}_b_{users}users_errors {errors} requests", flush=True)
        status |= 1 if errors else 0
        if p95 < 300 and rate > best:
            best = rate
    print(f"bench: entry_{label}_b_max_saves_per_s_p95_under_300ms {best} req/s", flush=True)
    return status


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
        try:  # one backend: set-up, profile A, profile B; bounded however the server behaves
            result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=1800)
        except subprocess.TimeoutExpired:
            print(f"# {label}: did not finish within 30 minutes", file=sys.stderr)
            status = 1
            continue
        lines = [line for line in result.stdout.splitlines() if line.startswith("bench: ")]
        print("\n".join(lines), flush=True)
        if result.returncode != 0 and not lines:
            print(result.stderr[-2000:], file=sys.stderr)
        status |= result.returncode
        outputs[label] = {line.split()[1]: line.split()[2] for line in lines}
    sqlite_rps = Decimal(outputs.get("sqlite", {}).get("entry_sqlite_b_max_saves_per_s_p95_under_300ms", "0"))
    pg_rps = Decimal(outputs.get("postgresql", {}).get("entry_postgresql_b_max_saves_per_s_p95_under_300ms", "0"))
    if sqlite_rps and pg_rps:
        print(f"bench: entry_postgresql_vs_sqlite_saves_ratio {(pg_rps / sqlite_rps).quantize(Decimal('0.01'))} x")
    return status


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--inner":
        sys.exit(inner(sys.argv[2]))
    sys.exit(main())
