"""Server time of one entry-grid cell save (a 2026 commune clerk of Tỉnh Lai Châu), in process (Django's test client: no network,
no other users), and where it goes: median over 200 saves (wall time, and the CPU time of
the Django process alone), the SQL queries of one save (BENCH_SAVE_SQL=1 prints them), and
a pyinstrument profile of 50 saves written beside the database.

    make bench BENCH=save_profile        (KTXH_DATABASE_URL=postgres://... for PostgreSQL)
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAVES = 200


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="ktxh-bench-save-"))
    os.environ.setdefault("KTXH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "ktxh.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ktxh.accounts.models import Role, RoleAssignment
    from ktxh.demo.load import demo_load
    from ktxh.entry.models import DataSet, ReportingRound
    from ktxh.orgunits.selectors import unit_resolve

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0, interactive=False)
    demo_load()
    # What a 2026 clerk does (docs/units.md): the new Xã Khổng Lào's commune report in Lai
    # Châu's round "6 tháng đầu năm 2026" (ktxh/demo/two_level.py).
    commune = unit_resolve("03583@2025")
    round_ = ReportingRound.objects.get(province=commune.parent, period="2026-H1")
    data_set = DataSet.objects.get(agency__isnull=True, reporter_unit=commune, period_kind="half")
    indicator = data_set.indicators.filter(measure_kind="rate_pct").order_by("code").first()
    user = get_user_model().objects.create_user("bench-save", password="x")
    RoleAssignment.objects.create(user=user, org_unit=data_set.reporter_unit, role=Role.COMMUNE)
    client = Client(HTTP_HX_REQUEST="true")
    client.force_login(user)
    url = f"/nhap-lieu/{round_.pk}/bo-bieu/{data_set.pk}/luu/{indicator.pk}/"
    state = {"version": 0, "n": 0}

    def save():
        state["n"] += 1
        response = client.post(url, {"value": f"{10 + state['n'] % 80},{state['n']:06d}", "kind": "estimate",
                                     "comment": "", "version": str(state["version"])})
        assert response.headers.get("X-Entry-Result") == "saved", response.headers.get("X-Entry-Result")
        state["version"] = int(response.headers["X-Entry-Version"])

    for _ in range(10):
        save()  # warm: templates compiled, caches filled
    times, cpu = [], []
    for _ in range(SAVES):
        start, start_cpu = time.perf_counter(), time.process_time()
        save()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        save()
    label = connection.vendor
    if os.environ.get("BENCH_SAVE_SQL"):  # the queries of one save, to see what a save reads
        for q in queries.captured_queries:
            print("#", q["sql"][:300], file=sys.stderr)
    print(f"bench: save_profile_{label}_median {statistics.median(times):.1f} ms")
    print(f"bench: save_profile_{label}_p95 {sorted(times)[int(len(times) * 0.95)]:.1f} ms")
    # The Python side's CPU alone: on a loaded machine the wall time also counts the wait for a core.
    print(f"bench: save_profile_{label}_cpu_median {statistics.median(cpu):.1f} ms")
    print(f"bench: save_profile_{label}_queries {len(queries.captured_queries)} queries")
    try:
        from pyinstrument import Profiler
    except ImportError:
        return 0
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(50):
        save()
    profiler.stop()
    out = workdir / "save-profile.txt"
    out.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    print(f"bench: save_profile_{label}_profile_file {out} path")
    return 0


if __name__ == "__main__":
    sys.exit(main())
