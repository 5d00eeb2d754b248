"""The `ktxh` command line, run as a user would run it (a subprocess)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ktxh.cli import main

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    """A migrated SQLite file with the demo district, as `make run` leaves it."""
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite3"
    env = {**os.environ, "KTXH_DATABASE_URL": f"sqlite:///{path}"}
    for args in (["manage", "migrate", "--noinput", "-v0"], ["demo"]):
        subprocess.run([sys.executable, "-m", "ktxh", *args], env=env, check=True, capture_output=True)
    return env


def ktxh(env, *args):
    return subprocess.run([sys.executable, "-m", "ktxh", *args], env=env, capture_output=True, text=True, cwd=ROOT)


def test_evaluate_prints_the_phong_tho_2023_table_by_accent_free_name(demo_database):
    result = ktxh(demo_database, "evaluate", "--unit", "phong tho", "--period", "2023")
    assert result.returncode == 0, result.stderr
    assert "Huyện Phong Thổ — Năm 2023" in result.stdout
    assert "36.595,83" in result.stdout and "không đạt" in result.stdout


def test_evaluate_json_carries_exact_decimal_strings_and_english_statuses(demo_database):
    result = ktxh(demo_database, "evaluate", "--unit", "109", "--period", "2023", "--format", "json")
    document = json.loads(result.stdout)
    rows = {r["name"]: r for r in document["rows"]}
    grain = rows["Tổng sản lượng lương thực có hạt"]
    assert grain["value"] == "36595.83" and grain["status"] == "exceeded"
    assert grain["excess_unit"] == "%" and grain["excess"].startswith("0.4276")
    forest = rows["Tỷ lệ che phủ rừng"]
    assert forest["status"] == "not_met" and forest["excess_unit"] == "pp"
    assert {r["status"] for r in document["rows"]} <= {"exceeded", "met", "not_met", "no_target", "no_data"}
    keys = {"code", "name", "group", "unit", "direction", "target", "value", "value_kind", "pct_of_plan",
            "excess", "excess_unit", "prior_value", "change", "status", "source"}
    assert keys <= set(grain)
    assert document["summary"]["not_met"] == ["Tỷ lệ che phủ rừng"]


def test_errors_are_one_clear_line_and_a_non_zero_exit(demo_database, tmp_path):
    unknown = ktxh(demo_database, "evaluate", "--unit", "Atlantis", "--period", "2023")
    assert unknown.returncode == 2 and unknown.stderr.startswith("Lỗi: Không tìm thấy đơn vị")
    bad_period = ktxh(demo_database, "evaluate", "--unit", "109", "--period", "2023-Q5")
    assert bad_period.returncode == 2 and "Traceback" not in bad_period.stderr
    missing = {**demo_database, "KTXH_DATABASE_URL": f"sqlite:///{tmp_path}/none.sqlite3"}
    no_db = ktxh(missing, "evaluate", "--unit", "109", "--period", "2023")
    assert no_db.returncode == 2 and "Chưa có cơ sở dữ liệu" in no_db.stderr
    assert not (tmp_path / "none.sqlite3").exists()
    for result in (unknown, bad_period, no_db):
        assert len(result.stderr.strip().splitlines()) == 1


def test_load_reports_every_problem_of_a_bad_file_and_exits_non_zero(demo_database, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("indicator,org_unit,period,kind,value,comparator\nX,109,2023,estimate,abc,\n", encoding="utf-8")
    result = ktxh(demo_database, "load", str(path))
    assert result.returncode == 2
    assert "dòng 2, cột indicator" in result.stderr and "dòng 2, cột value" in result.stderr


def test_running_the_demo_load_twice_changes_nothing(demo_database):
    before = ktxh(demo_database, "evaluate", "--unit", "109", "--period", "2023", "--format", "json").stdout
    again = ktxh(demo_database, "demo")
    assert again.returncode == 0
    after = ktxh(demo_database, "evaluate", "--unit", "109", "--period", "2023", "--format", "json").stdout
    assert before == after


def test_the_cli_without_arguments_shows_usage(capsys):
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2


def _strings(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)
    elif isinstance(node, str):
        yield node


def test_evaluate_json_never_prints_minus_zero(demo_database):
    # "04 xã" kept against "duy trì 04" is a gap of nothing, once printed "-0".
    result = ktxh(demo_database, "evaluate", "--unit", "109", "--period", "2023", "--format", "json")
    document = json.loads(result.stdout)
    assert "-0" not in set(_strings(document))
    assert any(r["excess"] == "0" for r in document["rows"])


def test_evaluate_json_resolves_a_target_stated_against_last_year(demo_database):
    # 000 §B: "tổng lượt khách du lịch tăng 10%"; 2023: 37.000 lượt; 001: "37.380 lượt khách,
    # đạt 91,84% KH" for the first half of 2024.
    result = ktxh(demo_database, "evaluate", "--unit", "109", "--period", "2024-H1", "--format", "json", "--all")
    rows = {r["code"]: r for r in json.loads(result.stdout)["rows"]}
    visitors = rows["04.03"]
    assert visitors["target"]["basis"] == "prior_pct" and visitors["target"]["value"] == "10"
    assert visitors["target"]["text"] == "tăng 10% so với năm 2023"
    assert visitors["plan"] == "40700" and visitors["pct_of_plan"].startswith("91.84")
    assert visitors["status"] == "in_progress"


def test_evaluate_json_shows_no_percent_of_plan_for_growth_and_permille_points_for_birth_rate(demo_database):
    result = ktxh(demo_database, "evaluate", "--unit", "109", "--period", "2023", "--format", "json")
    rows = {r["code"]: r for r in json.loads(result.stdout)["rows"]}
    # 000 §III: "tốc độ tăng lượt khách 14,2% (vượt 6,2% KH)": points, not "177,5% KH".
    assert rows["04.02"]["pct_of_plan"] is None and rows["04.02"]["excess_unit"] == "pp"
    assert rows["07.03"]["measure_kind"] == "change_permille"
    assert rows["07.03"]["excess_unit"] == "permille_points" and rows["07.03"]["excess"] == "1.64"
