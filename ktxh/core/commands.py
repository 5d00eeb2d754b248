"""`ktxh serve` (the web server and the job worker, together), `ktxh worker` (jobs only),
`ktxh backup [PATH]` and `ktxh restore FILE` (ktxh/core/backup.py, docs/deployment.md).

    ktxh serve [--bind 127.0.0.1:8000] [--workers N] [--threads N] [--job-workers N] [--dev]
    ktxh worker

`serve` starts gunicorn (several processes, the Django deployment docs' WSGI server) and
`ktxh worker` beside it, each in its own process group, and stops both cleanly on Ctrl+C
or SIGTERM (systemd): gunicorn finishes the requests in flight, the worker the job it is
running. A job worker that dies is started again; gunicorn dying stops everything (the
service manager restarts it). `--dev` serves with Django's auto-reloading runserver.
Environment: KTXH_BIND, KTXH_WORKERS, KTXH_THREADS, KTXH_JOB_WORKERS (docs/deployment.md).
"""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from ktxh.cli import CommandError, setup_django

GRACE_SECONDS = 30  # then what still runs is killed; an interrupted job is retried (core/jobs.py)


def _default_workers() -> int:
    # One process per core (at least 2), each with several threads: a request here is mostly
    # CPU (Python), so more processes than cores only time-slice, and each keep-alive
    # connection stays with the process that accepted it, so with many small processes the
    # users on a busy one queue behind its 2 threads while others idle. On 2 cores, profile A
    # of bench/entry.py (docs/entry.md): 5 x 2 gave a save p95 of 9,8-12 s, 2 x 8 1,4-1,7 s.
    return min(max(os.cpu_count() or 1, 2), 8)


def register(subparsers) -> None:
    serve = subparsers.add_parser("serve", help="chạy máy chủ web (gunicorn) cùng máy xử lý nền")
    serve.add_argument("--bind", default=os.environ.get("KTXH_BIND", "127.0.0.1:8000"),
                       help="địa chỉ:cổng (mặc định KTXH_BIND hoặc 127.0.0.1:8000)")
    serve.add_argument("--workers", type=int, default=int(os.environ.get("KTXH_WORKERS", _default_workers())),
                       help="số tiến trình web (mặc định KTXH_WORKERS hoặc số lõi, ít nhất 2, tối đa 8)")
    serve.add_argument("--threads", type=int, default=int(os.environ.get("KTXH_THREADS", 8)),
                       help="số luồng mỗi tiến trình web (mặc định KTXH_THREADS hoặc 8)")
    serve.add_argument("--job-workers", type=int, default=int(os.environ.get("KTXH_JOB_WORKERS", 1)),
                       help="số tiến trình xử lý nền (mặc định KTXH_JOB_WORKERS hoặc 1; 0 = không chạy)")
    serve.add_argument("--dev", action="store_true",
                       help="chế độ phát triển: runserver của Django, tự nạp lại khi sửa mã")
    serve.set_defaults(func=serve_command)
    worker = subparsers.add_parser("worker", help="chạy máy xử lý nền (tạo tệp báo cáo, ...)")
    worker.add_argument("--interval", type=float, default=1.0, help="giây chờ giữa hai lần tìm việc")
    worker.set_defaults(func=worker_command)
    backup = subparsers.add_parser("backup", help="sao lưu cơ sở dữ liệu và var/secret_key vào một tệp .tar")
    backup.add_argument("path", nargs="?", default=".", help="thư mục hoặc tên tệp sao lưu (mặc định: thư mục hiện tại)")
    backup.set_defaults(func=backup_command)
    restore = subparsers.add_parser("restore", help="khôi phục từ tệp sao lưu (hãy dừng máy chủ web trước)")
    restore.add_argument("file", help="tệp .tar do 'ktxh backup' tạo")
    restore.set_defaults(func=restore_command)


def _web_command(args) -> list[str]:
    if args.dev:
        return [sys.executable, "-m", "ktxh", "manage", "runserver", args.bind]
    return [sys.executable, "-m", "gunicorn", "ktxh.wsgi:application", "--bind", args.bind,
            "--workers", str(args.workers), "--threads", str(args.threads), "--worker-class", "gthread",
            "--graceful-timeout", str(GRACE_SECONDS - 5), "--timeout", "120", "--access-logfile", "-",
            # keep a browser's connection open between two saves (gunicorn's 2 s default closed it
            # under clerks typing every 2-5 s: a save sent on a closing connection failed, bench/entry.py)
            "--keep-alive", "75",
            "--forwarded-allow-ips", "127.0.0.1", "--no-control-socket"]  # one socket per user would clash


def serve_command(args) -> int:
    if args.workers < 1 or args.threads < 1 or args.job_workers < 0:
        raise CommandError("Số tiến trình và số luồng phải là số dương.")
    host, _, port = args.bind.rpartition(":")
    if not host or not port.isdigit():
        raise CommandError(f"Địa chỉ không hợp lệ: {args.bind} (cần dạng 127.0.0.1:8000)")
    setup_django()  # fails with a clear message before anything starts when the database is not ready
    stopping = threading.Event()

    def start(command):
        return subprocess.Popen(command, start_new_session=True)  # Ctrl+C reaches us only; we pass it on

    web = start(_web_command(args))
    worker_command_line = [sys.executable, "-m", "ktxh", "worker"]
    workers = [start(worker_command_line) for _ in range(args.job_workers)]
    mode = "runserver (tự nạp lại)" if args.dev else f"gunicorn, {args.workers} tiến trình x {args.threads} luồng"
    print(f"ktxh: http://{args.bind}/  ({mode}; {args.job_workers} máy xử lý nền; Ctrl+C để dừng)", flush=True)

    def stop(signum, _frame):
        stopping.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    restarts: list[float] = []
    while not stopping.is_set():
        if web.poll() is not None:
            print(f"ktxh: máy chủ web đã dừng (mã {web.returncode}); dừng cả máy xử lý nền.", file=sys.stderr)
            code = web.returncode or 1
            break
        for i, process in enumerate(workers):
            if process.poll() is not None:
                restarts = [t for t in restarts if time.monotonic() - t < 60] + [time.monotonic()]
                if len(restarts) > 5:
                    print("ktxh: máy xử lý nền dừng liên tục; dừng máy chủ.", file=sys.stderr)
                    stopping.set()
                    code = 1
                    break
                print(f"ktxh: máy xử lý nền đã dừng (mã {process.returncode}); khởi động lại.", file=sys.stderr)
                workers[i] = start(worker_command_line)
        stopping.wait(0.5)
    _stop_all([web, *workers])
    return code


def _stop_all(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    print("ktxh: đã dừng.", flush=True)


def worker_command(args) -> int:
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from ktxh.core.jobs import recover_all, worker_started

    recover_all()  # jobs a previous worker left half-done whose heartbeat is already old
    worker_started()  # e.g. the warm LibreOffice of report PDFs (reports/jobs.py)

    def watchdog():
        while True:
            time.sleep(settings.KTXH_JOB_HEARTBEAT_SECONDS)
            recover_all()
            connection.close()

    threading.Thread(target=watchdog, daemon=True, name="ktxh-job-watchdog").start()
    call_command("db_worker", interval=args.interval, startup_delay=False, reload=False, verbosity=1)
    return 0


def backup_command(args) -> int:
    setup_django()
    from django.conf import settings
    from django.db import connection

    from ktxh.core.backup import BackupError, backup

    try:
        path = backup(Path(args.path), connection=connection, var_dir=Path(settings.VAR_DIR))
    except BackupError as error:
        raise CommandError(str(error)) from None
    print(f"Đã sao lưu vào {path} (giữ tệp này kín: có khóa bí mật của hệ thống).")
    return 0


def restore_command(args) -> int:
    setup_django(need_database=False)
    from django.conf import settings
    from django.db import connection

    from ktxh.core.backup import BackupError, restore

    try:
        manifest = restore(Path(args.file), connection=connection, var_dir=Path(settings.VAR_DIR))
    except BackupError as error:
        raise CommandError(str(error)) from None
    extra = " và khóa bí mật var/secret_key" if "secret_key" in manifest["files"] else ""
    print(f"Đã khôi phục cơ sở dữ liệu{extra} từ bản sao lưu ngày {manifest['created']}. "
          "Chạy 'ktxh manage migrate' nếu phiên bản phần mềm mới hơn bản sao lưu.")
    return 0
