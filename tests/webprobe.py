"""The app served as `make run` serves it, and the two writes a user makes through it, timed.

Shared by tests/security/test_long_load.py and bench/load.py (bench imports this; the tests
never import bench). Standard library only: no Django in the calling process.
"""

import contextlib
import csv
import http.cookiejar
import json
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

KTXH = [sys.executable, "-m", "ktxh"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def long_file(db: Path, path: Path, rows: int, first_year: int, kinds: tuple[str, ...] = ("official",)) -> Path:
    """A long-format file for `ktxh load` of up to `rows` values of the demo's old units (valid
    until mid-2025), every indicator, monthly periods over 20 years from `first_year`, each kind."""
    with sqlite3.connect(db, timeout=30) as con:
        indicators = [c for (c,) in con.execute("SELECT code FROM catalog_indicator ORDER BY code")]
        units = [c for (c,) in con.execute("SELECT code FROM orgunits_orgunit WHERE code LIKE '109-%' ORDER BY code")]
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["indicator", "org_unit", "period", "kind", "value", "comparator"])
        written = 0
        for kind in kinds:
            for month in range(240):
                period = f"{first_year + month // 12}-{month % 12 + 1:02d}"
                for unit in units:
                    for code in indicators:
                        if written == rows:
                            return path
                        out.writerow([code, unit, period, kind, f"{written % 90 + 1},5", ""])
                        written += 1
    return path


def wait_up(url: str, tries: int = 100) -> bool:
    """Whether the server at `url` answers its login page within `tries` × 0,2 s."""
    for _ in range(tries):
        try:
            urllib.request.urlopen(url + "/dang-nhap/", timeout=1)
            return True
        except OSError:
            time.sleep(0.2)
    return False


@contextlib.contextmanager
def served(env: dict):
    """`ktxh serve` (gunicorn, 2 workers × 2 threads, no job worker) on a free port: its URL."""
    port = free_port()
    proc = subprocess.Popen([*KTXH, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "2",
                             "--job-workers", "0"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_up(url, tries=150):
            raise RuntimeError("the app did not start")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()


def login(url: str) -> tuple[int, float]:
    """GET /dang-nhap/ for the CSRF token, then the POST of the form: its status and seconds."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(url + "/dang-nhap/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": "planner", "password": "ktxh-demo",
                                   "csrfmiddlewaretoken": token}).encode()
    started = time.monotonic()
    request = urllib.request.Request(url + "/dang-nhap/", data=data, headers={"Referer": url + "/dang-nhap/"})
    try:
        status = opener.open(request, timeout=60).status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


def value_save(url: str, key: str, n: int) -> tuple[int, float]:
    """One value saved through POST /api/v1/values/ with an API token: its status and seconds."""
    body = json.dumps({"indicator": "02.01", "org_unit": "109", "period": "2024", "kind": "estimate",
                       "value": f"{36000 + n}"}).encode()
    request = urllib.request.Request(url + "/api/v1/values/", data=body, method="POST", headers={
        "Authorization": f"Token {key}", "Content-Type": "application/json"})
    started = time.monotonic()
    try:
        status = urllib.request.urlopen(request, timeout=60).status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started
