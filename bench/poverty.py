"""Poverty review at province scale, on SQLite and on a throwaway PostgreSQL.

A synthetic province of 30 communes x 5.000 households = 150.000 households (setup, not
timed), each commune with an open review of 2026. Then, timed:

  import        one commune's review list of 5.000 rows (CSV) through review_list_import
                (read, whole-file validation, classification, write) into a fresh review
  classify      province_reclassify: every open review of the province computed again by
                the year's standard and written (150.000 households)
  summary page  the commune summary page (/ho-ngheo/ra-soat/<id>/) served as `make run`
                serves it (`ktxh serve`: gunicorn) on 127.0.0.1, a logged-in user's GET,
                median and worst of 15 after one warm-up request
  web import    a 10.000-row list uploaded through the page's form to the same server, its
                proposed column mapping accepted, the background job (one `ktxh worker`)
                followed on its progress page until it sends the clerk back to the review
                (upload until then; `_job`: the job's own time, queued to ended), after the
                same list with one bad row near its end was refused with nothing written;
                then a commune's own Excel list of 10.000 households (merged two-row header,
                village title rows, signatures: poverty.demo.commune_list_xlsx)

    make bench BENCH=poverty     (BENCH_POVERTY_BACKENDS=sqlite shortens it)

Prints `bench: <name> <value> <unit>` lines. The machine may be shared: the figures are
what this run measured, nothing more.
"""

from __future__ import annotations

import http.cookiejar
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COMMUNES = int(os.environ.get("BENCH_POVERTY_COMMUNES", 30))
PER_COMMUNE = 5_000
PASSWORD = "bench-poverty-password"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _build(workdir: Path):
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    from ktxh.accounts.models import Role, RoleAssignment
    from ktxh.catalog.models import Agency
    from ktxh.engine.poverty import INDICATOR_CODES, PLAIN_COLUMNS
    from ktxh.orgunits.models import OrgUnit
    from ktxh.orgunits.services import orgunit_save
    from ktxh.poverty.models import Household, HouseholdYear, Review

    call_command("migrate", verbosity=0)
    rng = random.Random(17)
    province = orgunit_save(actor=None, unit=OrgUnit(code="91", name="Tỉnh giả định", kind=OrgUnit.Kind.PROVINCE,
                                                     valid_from=date(2025, 7, 1)))
    communes = [orgunit_save(actor=None, unit=OrgUnit(code=f"91{i:03d}", name=f"Xã giả định {i}",
                                                      kind=OrgUnit.Kind.COMMUNE, parent=province,
                                                      valid_from=date(2025, 7, 1)))
                for i in range(COMMUNES + 1)]
    target, others = communes[0], communes[1:]
    with transaction.atomic():
        for n, commune in enumerate(others):
            review = Review.objects.create(province=province, commune=commune, year=2026, standard="2022-2025")
            households = Household.objects.bulk_create(
                [Household(province=province, commune=commune, code=f"G{n:03d}-{k:05d}", village=f"Bản {k % 12}",
                           head_name=f"Hộ giả định {n}-{k}", ethnicity="Mông" if k % 3 else "Kinh", area="nong_thon")
                 for k in range(PER_COMMUNE)], batch_size=2000)
            HouseholdYear.objects.bulk_create(
                [HouseholdYear(province=province, review=review, household=h, members=4,
                               income=rng.randrange(600, 3600) * 1000, deprivation_mask=rng.randrange(0, 4096),
                               klass="other", reason="chưa phân loại", movement="new") for h in households],
                batch_size=2000)
    lines = [",".join([*PLAIN_COLUMNS, "thon", "chu_ho", "dan_toc"])]
    for k in range(PER_COMMUNE):
        flags = ["1" if rng.random() < 0.2 else "0" for _ in INDICATOR_CODES]
        income = f"{rng.randrange(600, 3600) * 1000:,}".replace(",", ".")
        lines.append(",".join([f"N-{k:05d}", target.code, "nong_thon", "4", f'"{income}"', *flags, f"Bản {k % 12}",
                               f"Hộ giả định N-{k}", "Dao"]))
    path = workdir / "danh_sach_5000.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    user = get_user_model().objects.create_user("bench_poverty", password=PASSWORD)
    agency, _ = Agency.objects.get_or_create(code="LDTBXH", defaults={"name": "Lao động - Thương binh và Xã hội"})
    RoleAssignment.objects.create(user=user, org_unit=target, role=Role.COMMUNE)
    return province, target, path, user


def _list_10000(workdir: Path, commune_code: str, bad_line: int | None = None) -> bytes:
    from ktxh.engine.poverty import INDICATOR_CODES, PLAIN_COLUMNS

    rng = random.Random(10_000)
    lines = [",".join([*PLAIN_COLUMNS, "thon", "chu_ho", "dan_toc"])]
    for k in range(10_000):
        flags = ["1" if rng.random() < 0.2 else "0" for _ in INDICATOR_CODES]
        income = "abc" if k + 2 == bad_line else f'"{rng.randrange(600, 3600) * 1000:,}"'.replace(",", ".")
        lines.append(",".join([f"N-{k:05d}", commune_code, "nong_thon", "4", income, *flags, f"Bản {k % 12}",
                               f"Hộ giả định N-{k}", "Dao"]))
    return ("\n".join(lines) + "\n").encode()


def _multipart(fields: dict, name: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = "ktxhbench" + "".join(random.choice("0123456789abcdef") for _ in range(16))
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                 "Content-Type: text/csv\r\n\r\n".encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _form_choices(page: str) -> dict[str, str]:
    """The mapping page's proposed choices and header rows, as the browser sends them."""
    form = {}
    for code, body in re.findall(r'<select id="cot_(\w+)" name="cot_\w+">(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        form[f"cot_{code}"] = chosen.group(1) if chosen else ""
    rows = re.search(r'name="hang_dau" value="(\d+)"><input type="hidden" name="hang_cuoi" value="(\d+)"', page)
    form.update(hang_dau=rows.group(1), hang_cuoi=rows.group(2), action="nhap")
    return form


def _web_import(opener, base: str, review_id: int, content: bytes, filename: str = "danh_sach_10000.csv",
                ) -> tuple[int, float, float, str]:
    """Upload, accept the proposed mapping, follow the job's progress page (a GET a second, as htmx
    polls) until it sends the clerk back to the review or lists the problems. Returns the last
    status, the seconds from the upload until then, the seconds the job took (queued -> ended, from
    the row), and the last page."""
    url = f"{base}/ho-ngheo/ra-soat/{review_id}/"
    page = opener.open(url, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body, kind = _multipart({"csrfmiddlewaretoken": token}, "file", filename, content)
    request = urllib.request.Request(url + "nhap/", data=body, headers={"Content-Type": kind, "Referer": url})
    start = time.perf_counter()
    try:
        response = opener.open(request, timeout=300)  # followed to the mapping page
        mapping_url, page = response.geturl(), response.read().decode()
        form = _form_choices(page) | {"csrfmiddlewaretoken": token}
        response = opener.open(urllib.request.Request(mapping_url, data=urllib.parse.urlencode(form).encode(),
                                                      headers={"Referer": mapping_url}), timeout=300)
        while True:
            status, text, where = response.status, response.read().decode(), response.geturl()
            if "/tien-do/" not in where or "Chưa nhập được" in text:
                break
            time.sleep(1)
            response = opener.open(where, timeout=300)
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    elapsed = time.perf_counter() - start
    from ktxh.poverty.models import ListImport

    job = ListImport.objects.filter(review_id=review_id).order_by("-pk").first()
    return status, elapsed, (job.updated_at - job.queued_at).total_seconds(), text


def _serve(port: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "ktxh", "serve", "--bind", f"127.0.0.1:{port}",
                               "--job-workers", "1"], env=dict(os.environ), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, cwd=ROOT)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the server did not start")


def _login(port: int):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    login = opener.open(f"{base}/dang-nhap/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
    data = urllib.parse.urlencode({"username": "bench_poverty", "password": PASSWORD,
                                   "csrfmiddlewaretoken": token}).encode()
    opener.open(urllib.request.Request(f"{base}/dang-nhap/", data=data, headers={"Referer": f"{base}/dang-nhap/"}),
                timeout=30).read()
    return opener, base


def _page_times(port: int, review_id: int) -> list[float]:
    opener, base = _login(port)
    url = f"{base}/ho-ngheo/ra-soat/{review_id}/"
    page = opener.open(url, timeout=60).read().decode()  # warm-up
    if "Theo phân loại" not in page:
        raise RuntimeError("the summary page did not render")
    times = []
    for _ in range(15):
        start = time.perf_counter()
        opener.open(url, timeout=60).read()
        times.append(time.perf_counter() - start)
    return times


def inner(label: str) -> int:
    workdir = Path(tempfile.mkdtemp(prefix=f"ktxh-bench-poverty-{label}-"))
    try:
        os.environ.setdefault("KTXH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
        os.environ["DJANGO_SETTINGS_MODULE"] = "ktxh.settings"
        import django

        django.setup()
        from ktxh.poverty.models import HouseholdYear
        from ktxh.poverty.services import province_reclassify, review_list_import, review_open

        province, target, path, user = _build(workdir)
        review = review_open(actor=user, commune=target, year=2026)
        start = time.perf_counter()
        result = review_list_import(actor=user, review=review, path=path)
        t_import = time.perf_counter() - start
        assert result.entries == PER_COMMUNE
        total = HouseholdYear.objects.filter(province=province).count()
        start = time.perf_counter()
        counts = province_reclassify(actor=user, province=province, year=2026)
        t_classify = time.perf_counter() - start
        assert sum(counts.values()) == total
        port = _free_port()
        server = _serve(port)
        try:
            times = _page_times(port, review.pk)
            opener, base = _login(port)
            status, _, _, text = _web_import(opener, base, review.pk,
                                             _list_10000(workdir, target.code, bad_line=9_999))
            if "Chưa nhập được" not in text or "Dòng 9999" not in text:
                raise RuntimeError(f"the bad 10.000-row list was not refused ({status}): {text[:500]}")
            if HouseholdYear.objects.filter(review=review).count() != PER_COMMUNE:
                raise RuntimeError("the refused list wrote households")
            status, t_web, t_job, text = _web_import(opener, base, review.pk, _list_10000(workdir, target.code))
            if "Đã nhập 10.000 hộ" not in text:
                raise RuntimeError(f"the 10.000-row list was not imported ({status}): {text[:500]}")
            if HouseholdYear.objects.filter(review=review).count() != 10_000:
                raise RuntimeError("the 10.000-row list was not written whole")
            # a commune's own Excel list: title, merged two-row header, villages, signatures
            from ktxh.poverty.demo import commune_list_xlsx

            own = commune_list_xlsx(workdir / "Danh sach xa 10000.xlsx", size=10_000, year=2026, prefix="X")
            status, t_xlsx, t_xlsx_job, text = _web_import(opener, base, review.pk, own.read_bytes(),
                                                           "Danh sach xa 10000.xlsx")
            if "Đã nhập 10.000 hộ" not in text:
                raise RuntimeError(f"the commune's 10.000-row Excel list was not imported ({status}): {text[:500]}")
        finally:
            server.terminate()
            server.wait(timeout=40)
        p = f"poverty_{label}"
        print(f"bench: {p}_households {total} households", flush=True)
        print(f"bench: {p}_import_5000_rows {t_import:.2f} s", flush=True)
        print(f"bench: {p}_classify_province {t_classify:.2f} s", flush=True)
        print(f"bench: {p}_summary_page_median {statistics.median(times) * 1000:.0f} ms", flush=True)
        print(f"bench: {p}_summary_page_max {max(times) * 1000:.0f} ms", flush=True)
        print(f"bench: {p}_web_import_10000_rows {t_web:.2f} s", flush=True)
        print(f"bench: {p}_web_import_10000_rows_job {t_job:.2f} s", flush=True)
        print(f"bench: {p}_web_import_commune_xlsx_10000_rows {t_xlsx:.2f} s", flush=True)
        print(f"bench: {p}_web_import_commune_xlsx_10000_rows_job {t_xlsx_job:.2f} s", flush=True)
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    runs = {"sqlite": [sys.executable, __file__, "--inner", "sqlite"],
            "postgresql": [str(ROOT / "scripts" / "with-postgres.sh"), sys.executable, __file__, "--inner",
                           "postgresql"]}
    wanted = os.environ.get("BENCH_POVERTY_BACKENDS", "sqlite,postgresql").split(",")
    status = 0
    for label, command in runs.items():
        if label not in wanted:
            continue
        env = dict(os.environ)
        if label == "sqlite":
            env.pop("KTXH_DATABASE_URL", None)
        result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        lines = [line for line in result.stdout.splitlines() if line.startswith("bench: ")]
        print("\n".join(lines), flush=True)
        if result.returncode != 0:
            print(result.stderr[-3000:], file=sys.stderr)
        status |= result.returncode
    return status


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--inner":
        sys.exit(inner(sys.argv[2]))
    sys.exit(main())
