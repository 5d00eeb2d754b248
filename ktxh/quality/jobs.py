"""Re-running the quality rules from the web page in the background.

A run is short today (after the national unit load the largest province subtree, 742 units,
takes 0,18 s on SQLite with the demo's 11 rules), but it grows with the rules and the values,
and a request should never hold the database for it. The page creates a QualityJob and queues
its task in the same transaction; a `ktxh worker` runs services.quality_run (the one rule),
recording each step (reading, each batch of units, storing) on the row the page polls
(htmx). A job whose worker died is run again once, then failed with the reason
(ktxh/core/jobs.py, as report and import jobs).
"""

import logging

from django.utils import timezone
from django_tasks import task

from ktxh.core import jobs
from ktxh.core.jobs import enqueue, heartbeat
from ktxh.core.writes import write_transaction
from ktxh.engine.periods import Period
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of
from ktxh.quality.models import QualityJob
from ktxh.quality.services import quality_run

log = logging.getLogger(__name__)
INTERRUPTED = "Việc kiểm tra bị dừng giữa chừng (máy xử lý nền bị tắt hoặc khởi động lại)"


@task()
def quality_job_task(job_pk: int, attempt: int) -> None:
    """The queued task: one attempt at one QualityJob (see job_run)."""
    job_run(job_pk, attempt)


@write_transaction
def job_start(*, actor, unit: OrgUnit, period: Period) -> QualityJob:
    """The unfinished run of this unit and period when there is one (a double click starts
    nothing new), else a new one, queued in the same transaction."""
    active = QualityJob.objects.filter(org_unit=unit, period=period.code,
                                       status__in=[QualityJob.Status.QUEUED, QualityJob.Status.RUNNING])
    for job in active:
        if not job_refresh(job).finished:
            return job
    job = QualityJob.objects.create(province=province_of(unit), org_unit=unit, period=period.code,
                                    step_label="Đang chờ", created_by=actor if getattr(actor, "pk", None) else None)
    QualityJob.objects.filter(pk=job.pk).update(task_id=enqueue(quality_job_task, job.pk, 1))
    job.refresh_from_db()
    return job


def job_run(job_pk: int, attempt: int = 1) -> None:
    """One run of the rules, each step recorded; any failure recorded in Vietnamese.
    A task of an earlier attempt (already retried or finished) does nothing."""
    job = QualityJob.objects.select_related("org_unit", "created_by").filter(pk=job_pk).first()
    if job is None or job.finished or job.attempts != attempt:
        return

    @write_transaction
    def progress(step: int, steps: int, label: str) -> None:
        QualityJob.objects.filter(pk=job.pk).update(status=QualityJob.Status.RUNNING, step=step, steps=steps,
                                                    step_label=label[:120], updated_at=timezone.now())

    with heartbeat(QualityJob, job.pk):
        try:
            result = quality_run(unit=job.org_unit, period=job.period, actor=job.created_by, progress=progress)
            _finish(job, {"rules": result.rules, "found": result.found, "new": result.new,
                          "resolved": result.resolved, "broken": result.broken})
        except Exception:  # noqa: BLE001 — the page must say it failed, whatever the cause
            log.exception("quality job %s failed", job_pk)
            _fail(job, "Không chạy được kiểm tra do lỗi của máy chủ; hãy thử lại hoặc báo quản trị hệ thống.")


@write_transaction
def _finish(job: QualityJob, result: dict) -> None:
    QualityJob.objects.filter(pk=job.pk).update(status=QualityJob.Status.DONE, result=result, step_label="Đã xong",
                                                updated_at=timezone.now())


@write_transaction
def _fail(job: QualityJob, message: str) -> None:
    QualityJob.objects.filter(pk=job.pk).update(status=QualityJob.Status.FAILED, message=message,
                                                updated_at=timezone.now())


# a job whose worker is gone: run once more, or failed with the reason (core/jobs.py)
job_recover, jobs_recover, job_refresh = jobs.recovery(
    QualityJob, task=quality_job_task, interrupted=INTERRUPTED, fail=_fail,
    again="hãy chạy lại, nếu vẫn lỗi hãy báo quản trị hệ thống.")
