"""Loading the national units from the web page in the background.

A whole-country load writes 14.000 units and their lineage in one transaction (9–20 s on
the loaded 2-core machine, docs/units.md): too long for a request. The page creates a
UnitLoadJob and queues its task in the same transaction; a `ktxh worker` runs
national.national_load, recording each of its three steps on the row the page polls every
second (htmx). Steps 2 and 3 begin inside the load's transaction, so they are written from
a thread with its own connection (on PostgreSQL the page sees them at once; on SQLite, which
lets one writer in, they land when the load commits). A job whose worker died is run again
once, then failed with the reason (ktxh/core/jobs.py, as report and import jobs); the load
is idempotent, so running it again is safe. `ktxh units load` on the CLI runs the same load
in the foreground (a terminal shows its own progress and errors).
"""

import logging
import threading

from django.db import connection
from django.utils import timezone
from django_tasks import task

from ktxh.core import jobs
from ktxh.core.jobs import enqueue, heartbeat
from ktxh.core.writes import write_transaction
from ktxh.orgunits import national
from ktxh.orgunits.models import UnitLoadJob

log = logging.getLogger(__name__)
INTERRUPTED = "Việc nạp đơn vị bị dừng giữa chừng (máy xử lý nền bị tắt hoặc khởi động lại)"


@task()
def unit_load_task(job_pk: int, attempt: int) -> None:
    """The queued task: one attempt at one UnitLoadJob (see job_run)."""
    job_run(job_pk, attempt)


@write_transaction
def job_start(*, actor, province: str = "") -> UnitLoadJob:
    """The unfinished load of the same scope when there is one (a second click starts
    nothing new), else a new one, queued in the same transaction. The caller has checked
    the right (access.can_load_units)."""
    for job in UnitLoadJob.objects.filter(province=province,
                                          status__in=[UnitLoadJob.Status.QUEUED, UnitLoadJob.Status.RUNNING]):
        if not job_refresh(job).finished:
            return job
    job = UnitLoadJob.objects.create(province=province, steps=len(national.STEPS), step_label="Đang chờ",
                                     created_by=actor if getattr(actor, "pk", None) else None)
    UnitLoadJob.objects.filter(pk=job.pk).update(task_id=enqueue(unit_load_task, job.pk, 1))
    job.refresh_from_db()
    return job


@write_transaction
def _progress_write(job_pk: int, step: int) -> None:
    # only forward, and never over an ended job (a late write after the load committed)
    UnitLoadJob.objects.filter(pk=job_pk, status__in=[UnitLoadJob.Status.QUEUED, UnitLoadJob.Status.RUNNING],
                               step__lt=step).update(status=UnitLoadJob.Status.RUNNING, step=step,
                                                     step_label=national.STEPS[step - 1], updated_at=timezone.now())


class _Progress:
    """progress(step) for national_load: step 1 written here and now; later steps, which
    begin inside the load's transaction, from a thread with its own connection."""

    def __init__(self, job_pk: int):
        self.job_pk = job_pk
        self.threads: list[threading.Thread] = []
        # Run inside a transaction already (the immediate backend of the tests, inside the
        # request's): nobody else could see a write from another connection; write inline.
        self.inline = connection.in_atomic_block

    def __call__(self, step: int) -> None:
        if self.inline or not connection.in_atomic_block:
            _progress_write(self.job_pk, step)
            return

        def write():
            try:
                _progress_write(self.job_pk, step)
            except Exception:  # noqa: BLE001 — a missed step is only a display
                log.warning("progress of unit load %s failed", self.job_pk, exc_info=True)
            finally:
                connection.close()  # this thread's own connection

        thread = threading.Thread(target=write, daemon=True, name=f"ktxh-unit-load-{self.job_pk}-{step}")
        thread.start()
        self.threads.append(thread)

    def join(self) -> None:
        for thread in self.threads:
            thread.join(timeout=60)


def job_run(job_pk: int, attempt: int = 1) -> None:
    """One load, each step recorded; any failure recorded in Vietnamese (the load's
    transaction is rolled back whole). A task of an earlier attempt does nothing."""
    job = UnitLoadJob.objects.select_related("created_by").filter(pk=job_pk).first()
    if job is None or job.finished or job.attempts != attempt:
        return
    progress = _Progress(job.pk)
    with heartbeat(UnitLoadJob, job.pk):
        try:
            result = national.national_load(actor=job.created_by, province=job.province or None, progress=progress)
            progress.join()
            _finish(job, {"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
                          "adopted": result.adopted, "lineage_created": result.lineage_created,
                          "lineage_updated": result.lineage_updated, "lineage_kept": result.lineage_kept,
                          "counts": result.counts, "sources": national.source_label(result.sources)})
        except national.NationalDataError as error:
            progress.join()
            _fail(job, str(error))
        except Exception:  # noqa: BLE001 — the page must say it failed, whatever the cause
            progress.join()
            log.exception("unit load job %s failed", job_pk)
            _fail(job, "Không nạp được do lỗi của máy chủ; không đơn vị nào bị thay đổi. Hãy thử lại hoặc báo "
                       "quản trị hệ thống.")


@write_transaction
def _finish(job: UnitLoadJob, result: dict) -> None:
    UnitLoadJob.objects.filter(pk=job.pk).update(status=UnitLoadJob.Status.DONE, step=job.steps, result=result,
                                                 step_label="Đã xong", updated_at=timezone.now())


@write_transaction
def _fail(job: UnitLoadJob, message: str) -> None:
    UnitLoadJob.objects.filter(pk=job.pk).update(status=UnitLoadJob.Status.FAILED, message=message,
                                                 updated_at=timezone.now())


# a job whose worker is gone: run once more, or failed with the reason (core/jobs.py)
job_recover, jobs_recover, job_refresh = jobs.recovery(
    UnitLoadJob, task=unit_load_task, interrupted=INTERRUPTED, fail=_fail,
    again="hãy nạp lại, nếu vẫn lỗi hãy báo quản trị hệ thống.")
