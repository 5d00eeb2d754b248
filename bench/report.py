"""Benchmark: time to generate the official report (DOCX, XLSX, PDF).

1. The demo district (Phong Thổ, annual report 2023), as `make run` loads it; and its NTM
   report 2023 with the criteria matrix and the capital annex (docs/reports.md).
2. A synthetic district with 300 main indicators and 20 communes, each commune with a
   value and a target for every indicator (so the per-commune annex has 6.000 rows).

Both live in a throwaway SQLite file, or in the database of KTXH_DATABASE_URL when it is given
(scripts/with-postgres.sh: a throwaway PostgreSQL). Each figure is the median of several runs and
is printed as `bench: <name> <value> <unit>`; the ratio big/demo is measured in the same run.
`_cold` repeats the 300 x 20 DOCX with this process's evaluated tables and drawn charts
forgotten (new data: everything read, evaluated and drawn again).
"""

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="ktxh-bench-report-")
os.environ.setdefault("KTXH_DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "ktxh.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

RUNS = {"docx": 5, "xlsx": 5, "pdf": 3}
LARGE_PDF_RUNS = 1  # after the first: LibreOffice's layout of ~250 pages takes minutes on a loaded machine
INDICATORS, COMMUNES = 300, 20
PAGES: list[int] = []  # pages of each PDF made (LibreOffice's time follows them)
CPU: list[float] = []  # this process's CPU seconds of each document (the machine is shared: wall time
# counts other processes' load; a PDF's LibreOffice runs in another process and is not in it)


def _synthetic_district():
    """Bulk rows for a throwaway benchmark database (not the application's write path)."""
    from ktxh.catalog.models import Indicator, IndicatorGroup, Target
    from ktxh.orgunits.models import OrgUnit
    from ktxh.orgunits.services import orgunit_save
    from ktxh.values.models import DataValue

    province = OrgUnit.objects.get(code="12")
    district = orgunit_save(actor=None, unit=OrgUnit(code="999", name="Huyện Thử Nghiệm", kind="district",
                                                      parent=province))
    communes = [orgunit_save(actor=None, unit=OrgUnit(code=f"999-{k:02d}", name=f"Xã Thử Nghiệm {k}",
                                                       kind="commune", parent=district))
                for k in range(1, COMMUNES + 1)]
    groups = [IndicatorGroup.objects.create(code=f"B{g:02d}", name=f"Nhóm chỉ tiêu thử nghiệm {g}", order=100 + g)
              for g in range(30)]
    kinds = [("level", "tấn", "up"), ("rate_pct", "%", "up"), ("rate_pct", "%", "down"), ("count_units", "xã", "up")]
    indicators = []
    for k in range(INDICATORS):
        kind, unit, direction = kinds[k % len(kinds)]
        indicators.append(Indicator(code=f"B.{k:03d}", name=f"Chỉ tiêu thử nghiệm số {k} về sản xuất, đời sống",
                                    name_folded=f"chi tieu thu nghiem so {k}", group=groups[k % 30], unit=unit,
                                    measure_kind=kind, direction=direction, order=k))
    Indicator.objects.bulk_create(indicators)
    targets, values = [], []
    for k, ind in enumerate(indicators):
        base = Decimal(1000 + 37 * k) if ind.measure_kind == "level" else Decimal(40 + k % 50)
        for unit in [district, *communes]:
            scale = Decimal(COMMUNES) if unit is district else Decimal(1)
            plan = (base * scale) if ind.measure_kind == "level" else base
            for period, factor in (("2023", Decimal("1")), ("2024", Decimal("1.05"))):
                targets.append(Target(province=province, indicator=ind, org_unit=unit, period=period,
                                      comparator="<=" if ind.direction == "down" else ">=", value=plan * factor))
            values.append(DataValue(province=province, indicator=ind, org_unit=unit, period="2023", kind="estimate",
                                    value=(plan * Decimal("1.0123")).quantize(Decimal("0.01"))))
            if unit is district:
                values.append(DataValue(province=province, indicator=ind, org_unit=unit, period="2022",
                                        kind="official", value=(plan * Decimal("0.97")).quantize(Decimal("0.01"))))
    Target.objects.bulk_create(targets, batch_size=2000)
    DataValue.objects.bulk_create(values, batch_size=2000)
    return district


def _seconds(report, fmt: str, runs: int, cold: bool = False) -> list[float]:
    from ktxh.evaluation.cache import evaluation_cache_clear
    from ktxh.reports.charts import charts_cache_clear
    from ktxh.reports.content import build_content
    from ktxh.reports.services import build_document

    times = []
    for _ in range(runs):
        if cold:
            evaluation_cache_clear()
            charts_cache_clear()
        start, cpu = time.perf_counter(), time.process_time()
        data = build_document(build_content(report), fmt)
        if fmt == "pdf":
            PAGES.append(data.count(b"/Type/Page") - data.count(b"/Type/Pages"))
        times.append(time.perf_counter() - start)
        CPU.append(time.process_time() - cpu)
    return times


def _median_seconds(report, fmt: str) -> float:
    return statistics.median(_seconds(report, fmt, RUNS[fmt]))


def _programme_blocks_ms(unit) -> float:
    """Reading and wording the capital and NTM blocks of one NTM report (median of 5)."""
    from ktxh.engine.periods import Period
    from ktxh.reports.programme_content import capital_block, ntm_block

    times = []
    for _ in range(5):
        start = time.perf_counter()
        capital_block(unit, "ntm", Period.parse("2023"))
        ntm_block(unit, "ntm", 2023)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _worker_jobs(unit) -> None:
    """As a user gets the file: the web's job_start queues it and a `ktxh worker` (its own
    process, as `make run` starts it, with its warm LibreOffice) makes it; seconds from the
    click to the kept file, the worker's 1 s polling of the queue included. The first PDF
    also waits for the worker's LibreOffice to start."""
    from ktxh.reports.jobs import job_start
    from ktxh.reports.models import ReportJob
    from ktxh.reports.services import report_save

    report = report_save(actor=None, org_unit=unit, kind="annual", period="2023")
    worker = subprocess.Popen([sys.executable, "-m", "ktxh", "worker"], env=dict(os.environ), cwd=ROOT,
                              start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for fmt, suffix in (("pdf", "_first"), ("pdf", ""), ("docx", ""), ("docx", "_again")):
            start = time.perf_counter()
            job = job_start(actor=None, report=report, fmt=fmt)
            while time.perf_counter() - start < 900:
                job.refresh_from_db()
                if job.status in (ReportJob.Status.DONE, ReportJob.Status.FAILED):
                    break
                time.sleep(0.1)
            if job.status != ReportJob.Status.DONE:
                print(f"# worker {fmt}: {job.status} {job.message}", file=sys.stderr, flush=True)
                return
            data = job.file.data
            pages = data.count(b"/Type/Page") - data.count(b"/Type/Pages") if fmt == "pdf" else 0  # LibreOffice's
            print(f"bench: report_300ind_20communes_{fmt}_worker{suffix} {time.perf_counter() - start:.3f} s",
                  flush=True)
            if pages:
                print(f"bench: report_300ind_20communes_{fmt}_worker{suffix}_pages {pages} pages", flush=True)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)  # the worker ends its LibreOffice with it
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)


def main() -> int:
    call_command("migrate", verbosity=0)
    from django.db import connection

    from ktxh.demo.load import demo_load
    from ktxh.orgunits.models import OrgUnit
    from ktxh.reports.models import Report
    from ktxh.reports.pdf import soffice_path, warm_start, warm_stop

    print(f"# database: {connection.vendor}; load: {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} "
          f"{os.getloadavg()[2]:.1f} on {os.cpu_count()} cores", flush=True)
    demo_load()
    big = _synthetic_district()
    demo = Report(org_unit=OrgUnit.objects.get(code="109"), kind="annual", period="2023")
    large = Report(org_unit=big, kind="annual", period="2023")
    formats = ["docx", "xlsx"] + (["pdf"] if soffice_path() else [])
    if "pdf" not in formats:
        print("# LibreOffice missing: PDF not measured", file=sys.stderr)
    elif not warm_start():  # as `ktxh worker` does: one LibreOffice kept warm (pdf.py)
        print("# no warm converter (unoserver / python3-uno missing): one soffice per PDF", file=sys.stderr)
    # first = the first document of its kind in this process (PDF: the converter still starting),
    # then the median of the next ones (warm converter, templates and fonts loaded)
    for fmt in formats:
        for name, report in (("demo_annual", demo), ("300ind_20communes", large)):
            runs = LARGE_PDF_RUNS if fmt == "pdf" and report is large else RUNS[fmt]
            CPU.clear()
            first, *rest = _seconds(report, fmt, 1 + runs)
            if fmt == "docx" and report is large:
                print(f"bench: report_{name}_{fmt}_cpu {statistics.median(CPU[1:]):.3f} s", flush=True)
            print(f"bench: report_{name}_{fmt}_first {first:.3f} s", flush=True)
            print(f"bench: report_{name}_{fmt} {statistics.median(rest):.3f} s", flush=True)
            if fmt == "pdf":
                print(f"bench: report_{name}_pdf_pages {PAGES[-1]} pages", flush=True)
            if name == "demo_annual":
                small_s = statistics.median(rest)
        print(f"bench: report_{fmt}_large_to_demo_ratio {statistics.median(rest) / small_s:.1f} x", flush=True)
        if fmt == "docx":
            CPU.clear()
            cold = statistics.median(_seconds(large, "docx", 3, cold=True))
            print(f"bench: report_300ind_20communes_docx_cold {cold:.3f} s", flush=True)
            print(f"bench: report_300ind_20communes_docx_cold_cpu {statistics.median(CPU):.3f} s", flush=True)
    if "pdf" in formats:
        warm_stop()  # the fallback: one LibreOffice started for the document
        print(f"bench: report_demo_annual_pdf_per_document {_seconds(demo, 'pdf', 1)[0]:.3f} s", flush=True)
        _worker_jobs(big)
    ntm = Report(org_unit=OrgUnit.objects.get(code="109"), kind="ntm", period="2023")
    print(f"bench: report_programme_blocks_demo {_programme_blocks_ms(demo.org_unit):.1f} ms", flush=True)
    for fmt in ("docx", "xlsx"):
        # the NTM report carries the criteria matrix (Biểu 03) and the capital annex (Phụ biểu 04-05)
        print(f"bench: report_demo_ntm_{fmt} {_median_seconds(ntm, fmt):.3f} s", flush=True)
    print(f"# load at the end: {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
