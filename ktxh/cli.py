"""The `ktxh` command line.

    ktxh evaluate --unit UNIT --period PERIOD [--format table|json]
    ktxh load FILE [FILE ...]
    ktxh demo                       load the demo district and create demo users
    ktxh extract FILE / ktxh check FILE   (report text; see docs/extraction.md)
    ktxh manage ARGS...             Django's manage.py (migrate, runserver, ...)
    ktxh backup [PATH] / ktxh restore FILE   database + var/secret_key (docs/deployment.md)

Errors are one clear line on stderr and a non-zero exit, never a traceback.
"""

import argparse
import importlib
import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent


class CommandError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


def setup_django(*, need_database: bool = True) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
    import django

    django.setup()
    if need_database:
        database_check()


def database_check() -> None:
    from pathlib import Path

    from django.db import connection
    from django.db.utils import Error as DatabaseError

    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite" and not Path(name).exists():
        raise CommandError(f"Chưa có cơ sở dữ liệu {name}: hãy chạy 'make run' hoặc 'ktxh manage migrate'.")
    try:
        tables = connection.introspection.table_names()
    except DatabaseError as error:
        raise CommandError(f"Không kết nối được cơ sở dữ liệu: {error}".strip()) from None
    if "catalog_indicator" not in tables:
        raise CommandError(f"Cơ sở dữ liệu {name} chưa được khởi tạo: hãy chạy 'make run' hoặc 'ktxh manage migrate'.")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ktxh", description="Chỉ tiêu phát triển kinh tế - xã hội")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    manage = subparsers.add_parser("manage", help="lệnh quản trị Django (migrate, runserver, ...)")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    manage.set_defaults(func=_manage)
    # Each app may add its own sub-commands: ktxh/<app>/commands.py with register(subparsers).
    for path in sorted(PACKAGE_DIR.glob("*/commands.py")):
        importlib.import_module(f"ktxh.{path.parent.name}.commands").register(subparsers)
    return parser


def _manage(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ktxh manage", *args.args])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args) or 0
    except CommandError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except Exception as error:
        # A database whose schema is behind the code: say what to do, not a traceback.
        if type(error).__module__.startswith("django.db"):
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            # Only a missing table or column means the schema is behind; a value the column
            # refuses (DataError, IntegrityError) is not cured by migrating.
            from django.db.utils import OperationalError, ProgrammingError

            behind = isinstance(error, OperationalError | ProgrammingError) and any(
                w in message.lower() for w in ("no such table", "no such column", "does not exist"))
            hint = " (hãy chạy 'ktxh manage migrate')" if behind else ""
            print(f"Lỗi cơ sở dữ liệu: {message}{hint}", file=sys.stderr)
            return 2
        raise
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
