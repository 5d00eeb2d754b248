import os
from pathlib import Path

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _private_sqlite(sender, connection, **kwargs) -> None:
    """The SQLite database holds every account and value: readable by its owner only.
    SQLite gives its -wal and -shm files the permissions of the database file."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for path in (Path(name), Path(name + "-wal"), Path(name + "-shm")):
        try:
            if path.exists() and path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)
        except OSError:
            pass  # someone else's file (a shared test database): leave it


class CoreConfig(AppConfig):
    name = "ktxh.core"
    verbose_name = "Chung"

    def ready(self) -> None:
        connection_created.connect(_private_sqlite, dispatch_uid="ktxh-private-sqlite")
