"""Reading an uploaded report in the background, so the upload request never parses.

A 100-page PDF or DOCX takes seconds to read and its figures more to extract and check.
The upload view only bounds and stores the bytes (an ImportJob row) and puts a task in the
django-tasks queue in the same transaction; a `ktxh worker` process reads the file into an
ImportedDocument (services.document_upload), then extracts and checks its figures, recording
each step on the row, which the page polls every second (htmx). A job whose worker died is
run again once, then failed with the reason (ktxh/core/jobs.py). Tests use the immediate
backend: the job runs inside the request. The CLI never uses jobs.
"""

import hashlib
import logging

from django.utils import timezone
from django_tasks import task

from ktxh.core import jobs
from ktxh.core.jobs import enqueue, heartbeat
from ktxh.core.writes import write_transaction
from ktxh.imports import services
from ktxh.imports.models import ImportJob

log = logging.getLogger(__name__)

STEPS = ("Đọc nội dung tệp", "Đọc số liệu và kiểm tra tính nhất quán")
INTERRUPTED = "Việc đọc tệp bị dừng giữa chừng (máy xử lý nền bị tắt hoặc khởi động lại)"


@task()
def import_job_task(job_pk: int, attempt: int) -> None:
    job_run(job_pk, attempt)


@write_transaction
def job_start(*, actor, file_name: str, data: bytes) -> ImportJob:
    """A queued job for this upload. The file is checked first (type, size, permission:
    services.upload_check raises ImportFailed); a second click on the same file while its
    job runs follows that job."""
    name, province = services.upload_check(actor=actor, file_name=file_name, data=data)
    digest = hashlib.sha256(data).hexdigest()
    for job in ImportJob.objects.filter(province=province, sha256=digest, created_by=actor,
                                        status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]):
        if not job_refresh(job).finished:
            return job
    job = ImportJob.objects.create(province=province, file_name=name, sha256=digest, size=len(data), data=data,
                                   steps=len(STEPS), step_label="Đang chờ", created_by=actor)
    task_id = enqueue(import_job_task, job.pk, 1)
    ImportJob.objects.filter(pk=job.pk).update(task_id=task_id)
    job.refresh_from_db()
    return job


@write_transaction
def _progress(job: ImportJob, step: int) -> None:
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, step=step,
                                               step_label=STEPS[step - 1], updated_at=timezone.now())


def job_run(job_pk: int, attempt: int = 1) -> None:
    """Read, store, extract; any failure is recorded in Vietnamese and nothing is half-stored
    (the document is created in one transaction, after the whole file was read)."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_pk).first()
    if job is None or job.finished or job.attempts != attempt:
        return
    with heartbeat(ImportJob, job.pk):
        try:
            _progress(job, 1)
            doc, created = services.document_upload(actor=job.created_by, file_name=job.file_name,
                                                   data=bytes(job.data))
            ImportJob.objects.filter(pk=job.pk).update(document=doc, existed=not created)
            facts = findings = 0
            if not services.needs_period(doc):  # an untitled text is read once its period is confirmed
                _progress(job, 2)
                review = services.document_review(doc)
                facts, findings = len(review.facts), len(review.findings)
            _finish(job, facts, findings)
        except services.ImportFailed as error:
            _fail(job, " ".join(error.problems))
        except Exception:  # noqa: BLE001 — the page must say it failed, whatever the cause
            log.exception("import job %s failed", job_pk)
            _fail(job, "Không đọc được tệp do lỗi của máy chủ; hãy thử lại hoặc báo quản trị hệ thống.")


@write_transaction
def _finish(job: ImportJob, facts: int, findings: int) -> None:
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE, step_label="Đã xong", data=b"",
                                               fact_count=facts, finding_count=findings, updated_at=timezone.now())


@write_transaction
def _fail(job: ImportJob, message: str) -> None:
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, message=message, data=b"",
                                               updated_at=timezone.now())


# a job whose worker is gone: run once more, or failed with the reason (core/jobs.py)
job_recover, jobs_recover, job_refresh = jobs.recovery(
    ImportJob, task=import_job_task, interrupted=INTERRUPTED, fail=_fail,
    again="hãy tải lên lại, nếu vẫn lỗi hãy báo quản trị hệ thống.")
