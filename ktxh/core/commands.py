"""`ktxh backup [PATH]` and `ktxh restore FILE` (see ktxh/core/backup.py, docs/deployment.md)."""

from pathlib import Path

from ktxh.cli import CommandError, setup_django


def register(subparsers) -> None:
    backup = subparsers.add_parser("backup", help="sao lưu cơ sở dữ liệu và var/secret_key vào một tệp .tar")
    backup.add_argument("path", nargs="?", default=".", help="thư mục hoặc tên tệp sao lưu (mặc định: thư mục hiện tại)")
    backup.set_defaults(func=backup_command)
    restore = subparsers.add_parser("restore", help="khôi phục từ tệp sao lưu (hãy dừng máy chủ web trước)")
    restore.add_argument("file", help="tệp .tar do 'ktxh backup' tạo")
    restore.set_defaults(func=restore_command)


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
