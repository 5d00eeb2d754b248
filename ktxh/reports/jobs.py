"""Generating a report file in the background so the web page shows progress.

A PDF of a large district takes a while (LibreOffice, bench/report.py), and so can the
DOCX of a very large unit. The web view creates a ReportJob row and puts a task in the
django-tasks queue in the same transaction; a `ktxh worker` process runs it, recording
each step on the row, which the page polls every second (htmx). A job whose worker died
(killed, restarted: its heartbeat stops, ktxh/core/jobs.py) is run again once, then
failed with the reason; it never stays "running".

Tests use django-tasks' immediate backend: the job runs inside the request. The CLI
never uses jobs.
"""

import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from ktxh.core import jobs
from ktxh.core.jobs import (
    enqueue,
    heartbeat,
    on_worker_start,
)
from ktxh.core.writes import write_transaction
from ktxh.orgunits.models import OrgUnit
from ktxh.reports.documents import build_content
from ktxh.reports.kinds import report_period
from ktxh.reports.models import Report, ReportJob
from ktxh.reports.pdf import PdfUnavailable, warm_start
from ktxh.reports.services import report_file_keep
from ktxh.values.models import DataValue

log = logging.getLogger(__name__)

# Values (unit + its communes, the period) above which DOCX/XLSX also run as a job; the
# synthetic district of bench/report.py (300 indicators × 21 units) is far above it.
ASYNC_VALUES = 1500
FORMAT_LABEL = {"docx": "DOCX", "xlsx": "XLSX", "pdf": "PDF"}
STEPS = {
    "docx": ("Đọc số liệu, tính toán", "Tạo tệp DOCX"),
    "xlsx": ("Đọc số liệu, tính toán", "Tạo tệp XLSX"),
    "pdf": ("Đọc số liệu, tính toán", "Tạo tệp DOCX", "Chuyển sang PDF (LibreOffice)"),
}
INTERRUPTED = "Việc tạo tệp bị dừng giữa chừng (máy xử lý nền bị tắt hoặc khởi động lại)"


def runs_in_background(report: Report, fmt: str) -> bool:
    """PDF always; DOCX and XLSX when the unit has many values for the period."""
    if fmt == "pdf":
        return True
    limit = getattr(settings, "KTXH_REPORT_ASYNC_VALUES", ASYNC_VALUES)
    period = report_period(report.kind, report.period).code
    units = OrgUnit.objects.filter(pk=report.org_unit_id) | OrgUnit.objects.filter(parent=report.org_unit_id)
    return DataValue.objects.filter(org_unit__in=units, period=period).count() > limit


# One LibreOffice kept running in each job worker: a PDF then takes well under a second of
# converter start-up instead of several (bench/report.py, pdf.py).
on_worker_start(warm_start)


@task()
def report_job_task(job_pk: int, attempt: int) -> None:
    """The queued task: one attempt at one ReportJob (see job_run)."""
    job_run(job_pk, attempt)


@write_transaction
def job_start(*, actor, report: Report, fmt: str, internal_notes: bool = False) -> ReportJob:
    """The running job of this report, format and copy (signed or internal) when there is one
    (a double click starts nothing new), else a new one, queued in the same transaction."""
    active = report.jobs.filter(format=fmt, internal_notes=internal_notes, status__in=[ReportJob.Status.QUEUED, ReportJob.Status.RUNNING])
    for job in active:
        if not job_refresh(job).finished:
            return job
    job = ReportJob.objects.create(province=report.province, report=report, format=fmt, steps=len(STEPS[fmt]),
                                   internal_notes=internal_notes, step_label="Đang chờ", created_by=actor if getattr(actor, "pk", None) else None)
    task_id = enqueue(report_job_task, job.pk, 1)
    ReportJob.objects.filter(pk=job.pk).update(task_id=task_id)
    job.refresh_from_db()
    return job


@write_transaction
def _progress(job: ReportJob, step: int) -> None:
    ReportJob.objects.filter(pk=job.pk).update(status=ReportJob.Status.RUNNING, step=step,
                                               step_label=STEPS[job.format][step - 1], updated_at=timezone.now())


def job_run(job_pk: int, attempt: int = 1) -> None:
    """Build the file step by step, recording each step; any failure is recorded in Vietnamese.
    A task of an earlier attempt (already retried or finished) does nothing."""
    job = ReportJob.objects.select_related("report__org_unit", "created_by").filter(pk=job_pk).first()
    if job is None or job.finished or job.attempts != attempt:
        return
    with heartbeat(ReportJob, job.pk):
        try:
            _progress(job, 1)
            content = build_content(job.report, internal_notes=job.internal_notes)
            _progress(job, 2)
            if job.format == "xlsx":
                from ktxh.reports.xlsx_builder import build_xlsx

                data = build_xlsx(content)
            else:
                from ktxh.reports.documents import build_docx

                data = build_docx(content)
                if job.format == "pdf":
                    _progress(job, 3)
                    from ktxh.reports.pdf import docx_to_pdf

                    data = docx_to_pdf(data)
            _finish(job, content, data)
        except PdfUnavailable as error:
            _fail(job, str(error))
        except Exception:  # noqa: BLE001 — the page must say it failed, whatever the cause
            log.exception("report job %s failed", job_pk)
            _fail(job, "Không tạo được tệp do lỗi của máy chủ; hãy thử lại hoặc báo quản trị hệ thống.")


@write_transaction
def _finish(job: ReportJob, content, data: bytes) -> None:
    kept = report_file_keep(actor=job.created_by, report=job.report, fmt=job.format, content=content, data=data)
    ReportJob.objects.filter(pk=job.pk).update(status=ReportJob.Status.DONE, file=kept, step_label="Đã xong",
                                               updated_at=timezone.now())


@write_transaction
def _fail(job: ReportJob, message: str) -> None:
    ReportJob.objects.filter(pk=job.pk).update(status=ReportJob.Status.FAILED, message=message,
                                               updated_at=timezone.now())


# a job whose worker is gone: run once more, or failed with the reason (core/jobs.py)
job_recover, jobs_recover, job_refresh = jobs.recovery(
    ReportJob, task=report_job_task, interrupted=INTERRUPTED, fail=_fail,
    again="hãy tạo lại, nếu vẫn lỗi hãy báo quản trị hệ thống.")


def job_waits_for_worker(job: ReportJob) -> bool:
    """Queued for longer than a worker takes to pick a task: no worker seems to run."""
    return jobs.waits_for_worker(job)
