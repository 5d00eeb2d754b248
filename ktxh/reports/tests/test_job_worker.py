"""The real job worker (`ktxh worker`, as `make run` starts it) killed in the middle of a
report job, then started again: the job ends retried with its file, never "running" for
ever. Runs against its own SQLite file, like a real installation."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.slow

SLOW_WORKER = """
import os, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
import django
django.setup()
import ktxh.reports.jobs as jobs
real = jobs.build_content
def slow(report, **kwargs):
    time.sleep(120)  # killed long before this ends
    return real(report, **kwargs)
jobs.build_content = slow
from ktxh.cli import main
main(["worker"])
"""

START_JOB = """
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
import django
django.setup()
from django.contrib.auth import get_user_model
from ktxh.orgunits.models import OrgUnit
from ktxh.reports.jobs import job_start
from ktxh.reports.services import report_save
planner = get_user_model().objects.get(username="planner")
report = report_save(actor=planner, org_unit=OrgUnit.objects.get(code="109"), kind="annual", period="2023")
print(job_start(actor=planner, report=report, fmt="xlsx").pk)
"""


def _job(db: str, pk: int) -> dict:
    with sqlite3.connect(db) as con:
        con.row_factory = sqlite3.Row
        job = dict(con.execute("SELECT * FROM reports_reportjob WHERE id = ?", (pk,)).fetchone())
        job["tasks"] = [dict(r) for r in con.execute(
            "SELECT id, status FROM django_tasks_database_dbtaskresult ORDER BY enqueued_at")]
    return job


def _wait(db, pk, test, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = _job(db, pk)
        if test(job):
            return job
        time.sleep(0.3)
    pytest.fail(f"the job did not get there in {seconds} s: {_job(db, pk)}")


def test_a_report_job_whose_worker_is_killed_is_run_again_by_the_next_worker(tmp_path):
    db = str(tmp_path / "app.sqlite3")
    env = dict(os.environ, KTXH_DATABASE_URL=f"sqlite:///{db}", KTXH_VAR_DIR=str(tmp_path),
               KTXH_JOB_HEARTBEAT_SECONDS="0.5", KTXH_JOB_STALE_SECONDS="3")
    ktxh = [sys.executable, "-m", "ktxh"]
    subprocess.run([*ktxh, "manage", "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([*ktxh, "demo"], env=env, check=True, capture_output=True)
    pk = int(subprocess.run([sys.executable, "-c", START_JOB], env=env, check=True, capture_output=True,
                            text=True).stdout.split()[-1])
    assert _job(db, pk)["status"] == "queued"

    worker = subprocess.Popen([sys.executable, "-c", SLOW_WORKER], env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        running = _wait(db, pk, lambda j: j["status"] == "running" and j["step"] == 1, 60)
        assert [t["status"] for t in running["tasks"]] == ["RUNNING"]
    finally:
        os.killpg(worker.pid, signal.SIGKILL)  # as a power cut or `kill -9` would
        worker.wait()
    time.sleep(1)
    assert _job(db, pk)["status"] == "running"  # nobody left to say otherwise

    worker = subprocess.Popen([*ktxh, "worker"], env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        done = _wait(db, pk, lambda j: j["status"] in ("done", "failed"), 90)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
    assert done["status"] == "done" and done["attempts"] == 2 and done["file_id"] is not None
    assert [t["status"] for t in done["tasks"]] == ["FAILED", "SUCCESSFUL"]  # the lost run is not left "running"
