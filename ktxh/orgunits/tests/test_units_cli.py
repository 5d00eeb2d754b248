"""`ktxh units load | show | list`, run as a user runs them (a subprocess on a demo database)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    path = tmp_path_factory.mktemp("units") / "demo.sqlite3"
    env = {**os.environ, "KTXH_DATABASE_URL": f"sqlite:///{path}"}
    for args in (["manage", "migrate", "--noinput", "-v0"], ["demo"]):
        subprocess.run([sys.executable, "-m", "ktxh", *args], env=env, check=True, capture_output=True)
    return env


def ktxh(env, *args):
    return subprocess.run([sys.executable, "-m", "ktxh", *args], env=env, capture_output=True, text=True, cwd=ROOT)


def test_load_prints_counts_per_vintage_and_kind_and_is_idempotent(demo_database):
    first = ktxh(demo_database, "units", "load", "--province", "12")
    assert first.returncode == 0, first.stderr
    assert "Trước 01/07/2025: 1 tỉnh/thành phố; 8 huyện/quận/thị xã/thành phố thuộc tỉnh; 7 thị trấn; 94 xã; 5 phường." \
        in first.stdout
    assert "Từ 01/07/2025: 36 xã; 2 phường." in first.stdout
    assert "Quan hệ trước - sau sắp xếp: 106 sáp nhập." in first.stdout
    again = ktxh(demo_database, "units", "load", "--province", "12")
    assert "Đơn vị: thêm 0, cập nhật 0, không đổi 153." in again.stdout
    assert "Quan hệ: thêm 0, cập nhật 0." in again.stdout


def test_show_resolves_a_reused_code_by_date_and_by_explicit_vintage(demo_database):
    ktxh(demo_database, "units", "load", "--province", "12")
    new = json.loads(ktxh(demo_database, "units", "show", "03583", "--as-of", "2026-03-31", "--format", "json").stdout)
    assert (new["name"], new["kind"], new["level"], new["valid_from"], new["valid_to"]) == (
        "Xã Khổng Lào", "commune", 2, "2025-07-01", None)
    assert new["parent"]["code"] == "12"
    assert {(p["code"], p["name"], p["event"], p["share"]) for p in new["predecessors"]} == {
        ("03577", "Xã Bản Lang", "merge", None), ("03580", "Xã Hoang Thèn", "merge", None),
        ("03583", "Xã Khổng Lào", "merge", None)}
    old = json.loads(ktxh(demo_database, "units", "show", "03583", "--as-of", "2024-12-31", "--format", "json").stdout)
    assert (old["key"], old["level"], old["valid_to"], old["parent"]["code"]) == ("109-11@cu", 3, "2025-06-30", "109")
    assert [s["key"] for s in old["successors"]] == ["03583@2025"]
    explicit = json.loads(ktxh(demo_database, "units", "show", "03583@cu", "--format", "json").stdout)
    assert explicit["key"] == "109-11@cu"
    text = ktxh(demo_database, "units", "show", "xa hoang then", "--as-of", "2024-01-01").stdout
    assert "Sáp nhập vào:\n  03583 Xã Khổng Lào — sáp nhập; căn cứ Nghị quyết 1670/NQ-UBTVQH15" in text


def test_list_by_date_province_and_kind(demo_database):
    ktxh(demo_database, "units", "load", "--province", "12")
    new = json.loads(ktxh(demo_database, "units", "list", "--as-of", "2026-01-01", "--province", "12",
                          "--format", "json").stdout)
    assert len(new) == 39 and new[0]["code"] == "12"
    assert {u["kind"] for u in new[1:]} == {"commune", "ward"} and {u["level"] for u in new[1:]} == {2}
    districts = ktxh(demo_database, "units", "list", "--as-of", "2023-12-31", "--province", "12", "--kind", "district")
    assert districts.stdout.count("\n") == 9 and "8 đơn vị có hiệu lực ngày 31/12/2023." in districts.stdout
    bad = ktxh(demo_database, "units", "list", "--as-of", "31-12-2023")
    assert bad.returncode == 2 and "Ngày '31-12-2023' không hợp lệ" in bad.stderr
    unknown = ktxh(demo_database, "units", "show", "03583@2019")
    assert unknown.returncode == 2 and "@2025" in unknown.stderr
