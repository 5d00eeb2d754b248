"""Importing a review list in the background, so a 10.000-household list never holds a request.

The upload is kept (ListImport, services.list_upload), the clerk maps its columns, then this
module queues a task on the django-tasks queue in the same transaction; a `ktxh worker` reads
the file (step 1), validates every row with the mapping (step 2) and writes the list (step 3,
one transaction: nothing half-written), recording each step on the row that the progress page
polls every second (htmx). A failure keeps every problem, with its line and column. A job
whose worker died is run again once, then failed with the reason (ktxh/core/jobs.py). Tests use
the immediate backend: the job runs inside the request.
"""

import logging
import re
import tempfile
from pathlib import Path

from django.utils import timezone
from django_tasks import task

from ktxh.core import jobs
from ktxh.core.jobs import enqueue, heartbeat
from ktxh.core.writes import write_transaction
from ktxh.engine.numbers import format_number
from ktxh.poverty import services
from ktxh.poverty.models import ListImport

log = logging.getLogger(__name__)

STEPS = ("Đọc tệp", "Kiểm tra toàn bộ danh sách theo cách ghép cột", "Ghi danh sách và phân loại hộ")
INTERRUPTED = "Việc nhập danh sách bị dừng giữa chừng (máy xử lý nền bị tắt hoặc khởi động lại); chưa ghi hộ nào"


@task()
def list_import_task(job_pk: int, attempt: int) -> None:
    job_run(job_pk, attempt)


@write_transaction
def import_start(*, actor, upload: ListImport, first: int, last: int, choices: dict) -> ListImport:
    """Queue the import of a mapped upload (again, after a failure: the bytes are kept until the
    list is written). A second click while it runs follows the running job."""
    upload = ListImport.objects.select_for_update().get(pk=upload.pk)
    if upload.status in (ListImport.Status.QUEUED, ListImport.Status.RUNNING):
        return upload
    if upload.status == ListImport.Status.DONE or not upload.data:
        raise services.PovertyError("Tệp này đã được nhập hoặc đã thay bằng tệp khác; hãy tải lên lại.")
    ListImport.objects.filter(pk=upload.pk).update(
        header_first=first, header_last=last, mapping=choices, status=ListImport.Status.QUEUED, step=0,
        steps=len(STEPS), step_label="Đang chờ", message="", problems=[], attempts=1, queued_at=timezone.now(),
        updated_at=timezone.now())
    ListImport.objects.filter(pk=upload.pk).update(task_id=enqueue(list_import_task, upload.pk, 1))
    upload.refresh_from_db()
    return upload


@write_transaction
def _progress(job: ListImport, step: int) -> None:
    ListImport.objects.filter(pk=job.pk).update(status=ListImport.Status.RUNNING, step=step,
                                                step_label=STEPS[step - 1], updated_at=timezone.now())


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.\- ]", "_", Path(name).name)[:100] or "danh_sach"


def job_run(job_pk: int, attempt: int = 1) -> None:
    job = ListImport.objects.select_related("review__commune", "review__province", "created_by") \
        .filter(pk=job_pk).first()
    if job is None or job.finished or job.attempts != attempt:
        return
    with heartbeat(ListImport, job.pk), tempfile.TemporaryDirectory(prefix="ktxh-ho-ngheo-") as folder:
        try:
            path = Path(folder) / _safe_name(job.file_name)
            path = path.with_suffix(job.suffix)
            path.write_bytes(bytes(job.data))
            columns = services.ColumnChoice(first=job.header_first, last=job.header_last, choices=dict(job.mapping))
            result = services.review_list_import(actor=job.created_by, review=job.review, path=path,
                                                 columns=columns, progress=lambda step: _progress(job, step))
            _finish(job, result)
        except services.PovertyError as error:
            _fail(job, f"Danh sách có {format_number(len(error.messages))} lỗi; không ghi hộ nào.", error.messages)
        except Exception:  # noqa: BLE001 — the page must say it failed, whatever the cause
            log.exception("poverty list import %s failed", job_pk)
            _fail(job, "Không nhập được do lỗi của máy chủ; chưa ghi hộ nào. Hãy thử lại hoặc báo quản trị hệ thống.")


@write_transaction
def _finish(job: ListImport, result) -> None:
    ListImport.objects.filter(pk=job.pk).update(
        status=ListImport.Status.DONE, step=len(STEPS), step_label="Đã xong", data=b"", entries=result.entries,
        created=result.created, updated=result.updated, skipped=result.skipped, updated_at=timezone.now())


@write_transaction
def _fail(job: ListImport, message: str, problems: list[str] | None = None) -> None:
    # The bytes stay: the clerk may correct the mapping and run it again.
    ListImport.objects.filter(pk=job.pk).update(status=ListImport.Status.FAILED, message=message,
                                                problems=list(problems or [])[:20_000], updated_at=timezone.now())


# a job whose worker is gone: run once more, or failed with the reason (core/jobs.py)
job_recover, jobs_recover, job_refresh = jobs.recovery(
    ListImport, task=list_import_task, interrupted=INTERRUPTED, fail=_fail,
    again="hãy bấm «Kiểm tra và nhập» lại; nếu vẫn lỗi hãy báo quản trị hệ thống.")
