"""Generating a report file in the background so the web page shows progress.

A PDF of a large district takes over a minute (LibreOffice, bench/report.py), and so can
the DOCX of a very large unit. The web view creates a ReportJob row and runs it in a
daemon thread of the same process; the page polls the row every second (htmx). No broker:
one server, one thread per job, the row is the only shared state, so it works the same on
SQLite and PostgreSQL. A job whose thread died with its process (server restart) is
marked failed once it has been silent longer than the PDF timeout.

Tests set KTXH_REPORT_JOBS_INLINE = True: the job then runs inside the request (a thread
would not see the test's uncommitted transaction). The CLI never uses jobs.
"""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from ktxh.orgunits.models import OrgUnit
from ktxh.reports.content import build_content
from ktxh.reports.kinds import report_period
from ktxh.reports.models import Report, ReportJob
from ktxh.reports.pdf import TIMEOUT_SECONDS, PdfUnavailable
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
STALE_AFTER = timedelta(seconds=TIMEOUT_SECONDS + 120)


def runs_in_background(report: Report, fmt: str) -> bool:
    """PDF always; DOCX and XLSX when the unit has many values for the period."""
    if fmt == "pdf":
        return True
    limit = getattr(settings, "KTXH_REPORT_ASYNC_VALUES", ASYNC_VALUES)
    period = report_period(report.kind, report.period).code
    units = OrgUnit.objects.filter(pk=report.org_unit_id) | OrgUnit.objects.filter(parent=report.org_unit_id)
    return DataValue.objects.filter(org_unit__in=units, period=period).count() > limit


def job_start(*, actor, report: Report, fmt: str) -> ReportJob:
    """The running job of this report and format when there is one (a double click starts
    nothing new), else a new one, started once the row is committed."""
    active = report.jobs.filter(format=fmt, status__in=[ReportJob.Status.QUEUED, ReportJob.Status.RUNNING])
    for job in active:
        if not job_refresh(job).finished:
            return job
    job = ReportJob.objects.create(province=report.province, report=report, format=fmt, steps=len(STEPS[fmt]),
                                   step_label="Đang chờ", created_by=actor if getattr(actor, "pk", None) else None)
    if getattr(settings, "KTXH_REPORT_JOBS_INLINE", False):
        job_run(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: threading.Thread(target=_thread_main, args=(job.pk,), daemon=True,
                                                       name=f"ktxh-report-job-{job.pk}").start())
    return job


def _thread_main(job_pk: int) -> None:
    close_old_connections()
    try:
        job_run(job_pk)
    finally:
        connection.close()  # the thread's own connection; never reused by a request


def _progress(job: ReportJob, step: int) -> None:
    ReportJob.objects.filter(pk=job.pk).update(status=ReportJob.Status.RUNNING, step=step,
                                               step_label=STEPS[job.format][step - 1], updated_at=timezone.now())


def job_run(job_pk: int) -> None:
    """Build the file step by step, recording each step; any failure is recorded in Vietnamese."""
    job = ReportJob.objects.select_related("report__org_unit", "created_by").get(pk=job_pk)
    try:
        _progress(job, 1)
        content = build_content(job.report)
        _progress(job, 2)
        if job.format == "xlsx":
            from ktxh.reports.xlsx_builder import build_xlsx

            data = build_xlsx(content)
        else:
            from ktxh.reports.docx_builder import build_docx

            data = build_docx(content)
            if job.format == "pdf":
                _progress(job, 3)
                from ktxh.reports.pdf import docx_to_pdf

                data = docx_to_pdf(data)
        kept = report_file_keep(actor=job.created_by, report=job.report, fmt=job.format, content=content, data=data)
    except PdfUnavailable as error:
        _fail(job, str(error))
    except Exception:  # noqa: BLE001 — the page must say it failed, whatever the cause
        log.exception("report job %s failed", job_pk)
        _fail(job, "Không tạo được tệp do lỗi của máy chủ; hãy thử lại hoặc báo quản trị hệ thống.")
    else:
        ReportJob.objects.filter(pk=job.pk).update(status=ReportJob.Status.DONE, file=kept, step_label="Đã xong",
                                                   updated_at=timezone.now())


def _fail(job: ReportJob, message: str) -> None:
    ReportJob.objects.filter(pk=job.pk).update(status=ReportJob.Status.FAILED, message=message,
                                               updated_at=timezone.now())


def job_refresh(job: ReportJob) -> ReportJob:
    """The job as stored; one silent for longer than any step may take is marked failed."""
    job.refresh_from_db()
    if not job.finished and timezone.now() - job.updated_at > STALE_AFTER:
        _fail(job, "Việc tạo tệp bị dừng giữa chừng (máy chủ khởi động lại?); hãy tạo lại.")
        job.refresh_from_db()
    return job
