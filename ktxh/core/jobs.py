"""Background jobs: django-tasks with its database backend (django-tasks-db), run by
`ktxh worker` processes (started by `ktxh serve` / `make run`).

A job a person follows keeps its own row (reports.ReportJob, imports.ImportJob,
quality.QualityJob, orgunits.UnitLoadJob, poverty.ListImport: a core.models.JobRecord)
beside its task in the queue. While it runs, `heartbeat()` touches that row every
KTXH_JOB_HEARTBEAT_SECONDS from a thread, so a row silent for KTXH_JOB_STALE_SECONDS
has lost its worker (killed, machine restarted). Each app's job module takes its
`recovery()` functions (a `@recoverer` among them), which retry such a job once and then
fail it with the reason; the worker runs them
when it starts and then at every heartbeat, and a page showing a job runs its own.
"""

import logging
import threading
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from ktxh.core.writes import write_transaction

log = logging.getLogger(__name__)
RECOVERERS: list[Callable[[], int]] = []
MAX_ATTEMPTS = 2  # a job interrupted twice is failed: the cause is likely the job itself


def recoverer(function: Callable[[], int]) -> Callable[[], int]:
    """Register `function() -> number of jobs it retried or failed`."""
    RECOVERERS.append(function)
    return function


WORKER_STARTS: list[Callable[[], object]] = []


def on_worker_start(function: Callable[[], object]) -> Callable[[], object]:
    """Register `function()` run once when a `ktxh worker` starts (the reports app keeps a
    LibreOffice warm for its PDFs)."""
    WORKER_STARTS.append(function)
    return function


def worker_started() -> None:
    for function in WORKER_STARTS:
        try:
            function()
        except Exception:  # noqa: BLE001 — a helper that cannot start must not stop the worker
            log.exception("worker start %s failed", function.__qualname__)


def recover_all() -> int:
    done = 0
    for function in RECOVERERS:
        try:
            done += function()
        except Exception:  # noqa: BLE001 — one app's failure must not stop the worker
            log.exception("job recovery %s failed", function.__qualname__)
    return done


def stale_before():
    """Rows of running jobs last touched before this have lost their worker."""
    return timezone.now() - timedelta(seconds=settings.KTXH_JOB_STALE_SECONDS)


@contextmanager
def heartbeat(model, pk: int):
    """Touch `model` row `pk` (its auto_now `updated_at`) every heartbeat while the block runs."""
    interval = settings.KTXH_JOB_HEARTBEAT_SECONDS
    stop = threading.Event()

    @write_transaction
    def touch():
        model.objects.filter(pk=pk).update(updated_at=timezone.now())

    def beat():
        try:
            while not stop.wait(interval):
                try:
                    touch()
                except Exception:  # noqa: BLE001 — a missed beat is retried at the next one
                    log.warning("heartbeat of %s %s failed", model.__name__, pk, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, daemon=True, name=f"ktxh-heartbeat-{pk}")
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=interval + 5)


def task_abandon(task_id: str, reason: str) -> None:
    """Mark the queue's record of a task whose worker died as failed, so the queue does not
    show it running for ever (the database backend has no heartbeat of its own)."""
    if not task_id:
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=task_id, status="RUNNING").update(
        status="FAILED", finished_at=timezone.now(), exception_class_path="ktxh.core.jobs.WorkerLost",
        traceback=reason)


def task_state(task_id: str) -> str | None:
    """READY / RUNNING / SUCCESSFUL / FAILED as the queue has it; None when unknown
    (the task ran inline, or its record was pruned)."""
    if not task_id:
        return None
    from django_tasks_db.models import DBTaskResult

    try:
        return DBTaskResult.objects.filter(pk=task_id).values_list("status", flat=True).first()
    except (ValueError, Exception):  # noqa: BLE001 — an id from another backend is not a UUID
        return None


def enqueue(task, *args) -> str:
    """Put `task(*args)` in the queue in the caller's transaction (the worker sees it when
    it commits); its id. Tests configure the immediate backend: it runs here and now."""
    return str(task.enqueue(*args).id)


def job_recover(model, pk: int, *, task, interrupted: str, fail: Callable[[object, str], None], again: str) -> bool:
    """A job row (reports.ReportJob, imports.ImportJob: status, step, step_label, attempts,
    task_id, updated_at) whose worker is gone: queued once more, or failed with the reason
    and what to do (`again`). True when it was this call that changed it (two processes may
    look at once); call it inside a write transaction."""
    current = model.objects.select_for_update().filter(pk=pk).first()
    if current is None or current.finished:
        return False
    state = task_state(current.task_id)
    # running (or claimed by a worker before its first step) and silent: the worker is gone
    lost = (current.status == model.Status.RUNNING or state == "RUNNING") and current.updated_at < stale_before()
    # the queue finished the task but the job never recorded an end (killed between the two)
    ended = state in ("FAILED", "SUCCESSFUL") and current.updated_at < stale_before()
    if not (lost or ended):
        return False
    task_abandon(current.task_id, interrupted)
    if current.attempts < MAX_ATTEMPTS:
        attempt = current.attempts + 1
        model.objects.filter(pk=pk).update(
            status=model.Status.QUEUED, step=0, attempts=attempt, updated_at=timezone.now(),
            step_label=f"Đang chờ chạy lại (lần {attempt}) vì lần trước bị dừng giữa chừng")
        model.objects.filter(pk=pk).update(task_id=enqueue(task, pk, attempt))
        log.warning("%s %s lost its worker; attempt %s queued", model.__name__, pk, attempt)
    else:
        fail(current, f"{interrupted} {current.attempts} lần; {again}")
        log.warning("%s %s lost its worker %s times; failed", model.__name__, pk, current.attempts)
    return True


def jobs_stale(model):
    """The unfinished jobs of `model` silent for longer than a live worker would be."""
    return model.objects.filter(status__in=[model.Status.QUEUED, model.Status.RUNNING], updated_at__lt=stale_before())


def job_refresh(job, recover: Callable[[object], bool]):
    """The job as stored, recovered first (`recover(job)`) when its worker is gone."""
    job.refresh_from_db()
    if not job.finished and job.updated_at < stale_before() and recover(job):
        job.refresh_from_db()
    return job


def recovery(model, *, task, interrupted: str, fail: Callable[[object, str], None], again: str):
    """A job module's three recovery functions for `model` (job_recover, jobs_recover,
    job_refresh): a silent job retried once, then failed with `fail` and what to do (`again`);
    jobs_recover is registered for `ktxh worker`."""

    @write_transaction
    def job_recover_one(job) -> bool:
        return job_recover(model, job.pk, task=task, interrupted=interrupted, fail=fail, again=again)

    @recoverer
    def jobs_recover() -> int:
        return sum(job_recover_one(job) for job in jobs_stale(model))

    def job_refreshed(job):
        return job_refresh(job, job_recover_one)

    jobs_recover.__qualname__ = f"{model.__name__}.jobs_recover"  # named in the worker's log
    return job_recover_one, jobs_recover, job_refreshed


def waits_for_worker(job) -> bool:
    """Queued for longer than a worker takes to pick a task: no worker seems to run."""
    return job.status == job.Status.QUEUED and \
        timezone.now() - job.updated_at > timedelta(seconds=settings.KTXH_JOB_HEARTBEAT_SECONDS * 3)
