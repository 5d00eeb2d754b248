"""`ktxh backup` / `ktxh restore` and private files (issue 13, finding 10)."""

import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _database(path: Path, value: str) -> None:
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE IF NOT EXISTS django_migrations (app TEXT, name TEXT);"
                     "CREATE TABLE IF NOT EXISTS catalog_indicator (code TEXT);"
                     "DELETE FROM catalog_indicator; INSERT INTO django_migrations VALUES ('catalog', '0001_initial');")
    db.execute("INSERT INTO catalog_indicator VALUES (?)", (value,))
    db.commit()
    db.close()


def _ktxh(tmp_path, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KTXH_")}
    env.update(KTXH_VAR_DIR=str(tmp_path / "var"), KTXH_DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    return subprocess.run([sys.executable, "-m", "ktxh", *args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)


def _indicator(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT code FROM catalog_indicator").fetchone()[0]
    finally:
        db.close()


def test_backup_then_restore_brings_back_the_database_and_the_secret_key(tmp_path):
    db = tmp_path / "db.sqlite3"
    _database(db, "02.01")
    (tmp_path / "var").mkdir(mode=0o700)
    key = tmp_path / "var" / "secret_key"
    key.write_text("the-original-key")
    made = _ktxh(tmp_path, "backup", str(tmp_path / "bk.tar"))
    assert made.returncode == 0, made.stderr
    assert "Đã sao lưu vào" in made.stdout
    archive = tmp_path / "bk.tar"
    assert archive.stat().st_mode & 0o777 == 0o600
    assert set(tarfile.open(archive).getnames()) == {"manifest.json", "db.sqlite3", "secret_key"}

    _database(db, "CHANGED")
    key.write_text("another-key")
    done = _ktxh(tmp_path, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "Đã khôi phục cơ sở dữ liệu và khóa bí mật" in done.stdout
    assert _indicator(db) == "02.01"
    assert key.read_text() == "the-original-key"
    assert db.stat().st_mode & 0o777 == 0o600 and key.stat().st_mode & 0o777 == 0o600


def test_restoring_something_else_is_one_clear_error(tmp_path):
    _database(tmp_path / "db.sqlite3", "02.01")
    bogus = tmp_path / "bogus.tar"
    bogus.write_bytes(b"not a tar")
    result = _ktxh(tmp_path, "restore", str(bogus))
    assert result.returncode == 2 and "không phải bản sao lưu của ktxh" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_sqlite_database_and_the_var_directory_are_private(tmp_path):
    db = tmp_path / "db.sqlite3"
    _database(db, "02.01")
    db.chmod(0o644)
    result = _ktxh(tmp_path, "manage", "shell", "-c", "from django.db import connection; connection.ensure_connection()")
    assert result.returncode == 0, result.stderr
    assert db.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "var").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "var" / "secret_key").stat().st_mode & 0o777 == 0o600


def _pg_url() -> str:
    return os.environ.get("KTXH_DATABASE_URL", "")


@pytest.mark.skipif(not _pg_url().startswith("postgres"), reason="runs under scripts/with-postgres.sh")
def test_backup_then_restore_on_postgresql_with_pg_dump_and_pg_restore(tmp_path):
    import uuid
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    server = urlsplit(_pg_url())
    name = f"ktxh_backup_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_pg_url(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = urlunsplit(server._replace(path=f"/{name}"))
    try:
        with psycopg.connect(url, autocommit=True) as db:
            db.execute("CREATE TABLE django_migrations (id serial, app text, name text, applied timestamptz);"
                       "INSERT INTO django_migrations (app, name) VALUES ('catalog', '0001_initial');"
                       "CREATE TABLE catalog_indicator (code text); INSERT INTO catalog_indicator VALUES ('02.01');")
        (tmp_path / "var").mkdir(mode=0o700)
        (tmp_path / "var" / "secret_key").write_text("the-original-key")
        env = {k: v for k, v in os.environ.items() if not k.startswith("KTXH_")}
        env.update(KTXH_VAR_DIR=str(tmp_path / "var"), KTXH_DATABASE_URL=url)

        def ktxh(*args):
            return subprocess.run([sys.executable, "-m", "ktxh", *args], cwd=tmp_path, env=env,
                                  capture_output=True, text=True, timeout=180)

        made = ktxh("backup", str(tmp_path / "bk.tar"))
        assert made.returncode == 0, made.stderr
        archive = tmp_path / "bk.tar"
        assert archive.stat().st_mode & 0o777 == 0o600
        names = set(tarfile.open(archive).getnames())
        assert names == {"manifest.json", "db.dump", "secret_key"}
        with psycopg.connect(url, autocommit=True) as db:
            db.execute("UPDATE catalog_indicator SET code = 'CHANGED'; CREATE TABLE later (x int);")
        (tmp_path / "var" / "secret_key").write_text("another-key")
        done = ktxh("restore", str(archive))
        assert done.returncode == 0, done.stderr
        assert "Đã khôi phục cơ sở dữ liệu và khóa bí mật" in done.stdout
        with psycopg.connect(url) as db:
            assert db.execute("SELECT code FROM catalog_indicator").fetchall() == [("02.01",)]
        assert (tmp_path / "var" / "secret_key").read_text() == "the-original-key"
    finally:
        with psycopg.connect(_pg_url(), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
