"""The evaluation table (page, CLI, reports read it) of a new unit for old periods."""

import json
from decimal import Decimal

import pytest

from ktxh.catalog.services import target_set
from ktxh.cli import main
from ktxh.evaluation.table import evaluation_table
from ktxh.evaluation.tests.carry_world import build, fill, put

D = Decimal


@pytest.fixture
def world(db, monkeypatch):
    monkeypatch.setattr("ktxh.cli.database_check", lambda: None)  # the test database is in memory
    w = build()
    fill(w)
    return w


def rows(table):
    return {r.indicator.code: r for r in table.rows}


def test_a_new_units_2024_table_is_computed_from_its_predecessors(world):
    table = rows(evaluation_table(unit=world["moi"], period="2024"))
    grain = table["98.01"]
    assert grain.value.is_carried and grain.value.value == D("353") + D("0.4") * 1001
    assert grain.carried.result.rule == "sum"
    assert grain.evaluation.status == "no_target"
    # a break is a row with its reason, never a silently computed number
    ntm = table["98.05"]
    assert ntm.value is None and ntm.carried.result.is_break and ntm.evaluation.status == "no_data"


def test_a_correction_of_an_old_value_shows_at_once_through_the_cache(world):
    before = rows(evaluation_table(unit=world["moi"], period="2024"))["98.01"].value.value
    put(world, "grain", "cuong", "2024", 151, kind="revised")
    after = rows(evaluation_table(unit=world["moi"], period="2024"))["98.01"].value.value
    assert after == before + 100


def test_targets_of_dissolved_units_never_enter_a_new_units_table(world):
    target_set(actor=None, indicator=world["grain"], org_unit=world["an"], period="2024", value=D(50))
    grain = rows(evaluation_table(unit=world["moi"], period="2024"))["98.01"]
    assert grain.target is None and grain.evaluation.pct_of_plan is None
    assert rows(evaluation_table(unit=world["an"], period="2024"))["98.01"].target is not None


def test_same_period_last_year_for_2026_uses_the_carried_2025_values(world):
    target_set(actor=None, indicator=world["grain"], org_unit=world["moi"], period="2026", value=D(800))
    put(world, "grain", "moi", "2026", "760.4")
    grain = rows(evaluation_table(unit=world["moi"], period="2026"))["98.01"]
    carried_2025 = D(102) + D(202) + D(52) + D("0.4") * 1002
    assert grain.prior.is_carried and grain.prior.value == carried_2025
    assert grain.prior_carried.result.rule == "sum"
    assert grain.evaluation.change.abs == D("760.4") - carried_2025
    assert grain.carried is None  # the 2026 value is the unit's own


def test_evaluate_json_flags_carried_values(world, capsys):
    assert main(["evaluate", "--unit", "98101@2025", "--period", "2024", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["unit"]["key"] == "98101@2025"
    by_code = {r["code"]: r for r in document["rows"]}
    grain = by_code["98.01"]
    assert grain["carry_rule"] == "sum" and grain["complete"] is True
    assert [(p["name"], p["share"]) for p in grain["carried_from"]] == [
        ("Xã An", "1"), ("Xã Bình", "1"), ("Xã Cường", "1"), ("Xã Dũng", "0.4")]
    assert grain["value"] == str(D("353") + D("0.4") * 1001)
    ntm = by_code["98.05"]
    assert ntm["carry_rule"] == "break" and ntm["complete"] is False and ntm["value"] is None
    assert "chuỗi số liệu gián đoạn" in ntm["carry_note"]


def test_evaluate_a_new_unit_by_its_bare_code_for_an_old_period_is_carried(world, capsys):
    # 98101 is old Xã An in 2024; the new unit is named explicitly or found as created later
    assert main(["evaluate", "--unit", "98202", "--period", "2024", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["unit"]["name"] == "Xã Sau"
    assert {r["code"]: r for r in document["rows"]}["98.01"]["carried_from"][0]["share"] == "0.6"


def test_evaluate_a_dissolved_unit_in_a_later_period_names_its_successors(world, capsys):
    assert main(["evaluate", "--unit", "98102", "--period", "2026"]) == 2
    err = capsys.readouterr().err
    assert "Xã Bình đã sáp nhập vào Xã Mới từ 01/07/2025." in err and "98101@2025" in err
