"""`ktxh backup` / `ktxh restore`: the database and what must travel with it.

A backup is one tar file (created 0600) holding
    manifest.json   engine, date, applied migrations, file names
    db.sqlite3      SQLite: an online copy (sqlite3 backup API, safe while the app runs)
    db.dump         PostgreSQL: pg_dump --format=custom
    secret_key      var/secret_key when the installation generated one (sessions,
                    signed upload previews and password-reset links depend on it)
Restore puts them back; the web server should be stopped while it runs.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path


class BackupError(Exception):
    """Shown to the user as one Vietnamese line."""


def _private_file(path: Path) -> None:
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)


def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _migrations(connection) -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [list(r) for r in cursor.fetchall()]


def backup(target: Path, *, connection, var_dir: Path) -> Path:
    """Write the backup tar to ``target`` (a directory: a dated name inside it)."""
    db = connection.settings_dict
    if target.is_dir():
        target = target / f"ktxh-backup-{datetime.datetime.now():%Y%m%d-%H%M%S}.tar"
    if target.exists():
        raise BackupError(f"Tệp {target} đã có; hãy chọn tên khác.")
    target.parent.mkdir(parents=True, exist_ok=True)
    manifest = {"format": 1, "engine": connection.vendor, "created": datetime.datetime.now().isoformat(timespec="seconds"),
                "migrations": _migrations(connection), "files": []}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if connection.vendor == "sqlite":
            copy = work / "db.sqlite3"
            source = sqlite3.connect(db["NAME"])
            dest = sqlite3.connect(copy)
            with dest:
                source.backup(dest)
            dest.close()
            source.close()
            manifest["files"].append("db.sqlite3")
        elif connection.vendor == "postgresql":
            args, env = _pg_env(db)
            dump = work / "db.dump"
            result = subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), *args],
                                    env=env, capture_output=True, text=True)
            if result.returncode:
                raise BackupError(f"pg_dump không chạy được: {result.stderr.strip()[:300]}")
            manifest["files"].append("db.dump")
        else:
            raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")
        key = var_dir / "secret_key"
        if key.exists():
            shutil.copy(key, work / "secret_key")
            manifest["files"].append("secret_key")
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _private_file(target)
        with tarfile.open(target, "w") as tar:
            for name in ["manifest.json", *manifest["files"]]:
                tar.add(work / name, arcname=name)
    return target


def _read_manifest(tar: tarfile.TarFile, source: Path) -> dict:
    names = set(tar.getnames())
    if "manifest.json" not in names:
        raise BackupError(f"{source.name} không phải bản sao lưu của ktxh (thiếu manifest.json).")
    manifest = json.loads(tar.extractfile("manifest.json").read().decode("utf-8"))
    for name in manifest.get("files", []):
        if name not in ("db.sqlite3", "db.dump", "secret_key") or name not in names:
            raise BackupError(f"Bản sao lưu {source.name} bị hỏng (tệp {name!r}).")
    return manifest


def restore(source: Path, *, connection, var_dir: Path) -> dict:
    """Put the database (and var/secret_key) back from a backup made by ``backup``."""
    if not source.is_file():
        raise BackupError(f"Không tìm thấy tệp {source}.")
    try:
        tar = tarfile.open(source, "r")
    except tarfile.TarError:
        raise BackupError(f"{source.name} không phải bản sao lưu của ktxh.") from None
    with tar:
        manifest = _read_manifest(tar, source)
        if manifest["engine"] != connection.vendor:
            raise BackupError(f"Bản sao lưu của {manifest['engine']}, cơ sở dữ liệu đang dùng là {connection.vendor}.")
        db = connection.settings_dict
        connection.close()
        if connection.vendor == "sqlite":
            data = tar.extractfile("db.sqlite3").read()
            with tempfile.TemporaryDirectory() as tmp:
                copy = Path(tmp) / "db.sqlite3"
                copy.write_bytes(data)
                source_db = sqlite3.connect(copy)
                target = Path(db["NAME"])
                _private_file(target)
                dest = sqlite3.connect(target)
                with dest:
                    source_db.backup(dest)  # page by page into the live file, WAL included
                dest.close()
                source_db.close()
        else:
            with tempfile.TemporaryDirectory() as tmp:
                dump = Path(tmp) / "db.dump"
                dump.write_bytes(tar.extractfile("db.dump").read())
                args, env = _pg_env(db)
                result = subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", *args, str(dump)],
                                        env=env, capture_output=True, text=True)
                if result.returncode:
                    raise BackupError(f"pg_restore không chạy được: {result.stderr.strip()[:300]}")
        if "secret_key" in manifest["files"]:
            key = var_dir / "secret_key"
            var_dir.mkdir(parents=True, exist_ok=True)
            _private_file(key)
            key.write_bytes(tar.extractfile("secret_key").read())
    return manifest
