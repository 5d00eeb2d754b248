"""`ktxh ntm --unit UNIT --year YEAR --format json`, run through the CLI entry point."""

import json

import pytest

from ktxh.cli import main


@pytest.fixture
def ntm(db, monkeypatch, capsys):
    # The test database is already set up; skip the file check of setup_django.
    monkeypatch.setattr("ktxh.programmes.commands.setup_django", lambda: None)

    def run(*args):
        code = main(["ntm", *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_json_gives_each_commune_its_met_not_met_and_unknown_criteria(ntm):
    code, out, _ = ntm("--unit", "phong tho", "--year", "2023", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    communes = {c["name"]: c for c in doc["communes"]}
    assert len(communes) == 16
    muong_so = communes["Xã Mường So"]
    assert muong_so["not_met"] == [6, 13, 15, 17] and muong_so["unknown"] == []
    assert muong_so["recognition"] == {"tier": "standard", "tier_vi": "Đạt chuẩn", "decision": "935/QĐ-UBND",
                                       "date": "2017-08-28"}
    assert communes["Xã Huổi Luông"]["unknown"] == [12, 14]


def test_json_carries_the_computed_aggregates_as_exact_ranges(ntm):
    doc = json.loads(ntm("--unit", "109", "--year", "2023", "--format", "json")[1])
    agg = doc["aggregates"]
    assert agg["communes"] == 16 and agg["unknown_cells"] == 9 and agg["complete"] is False
    assert agg["total_met"] == {"low": "147", "high": "156", "exact": False}
    assert agg["average"] == {"low": "9.1875", "high": "9.75", "exact": False}
    assert agg["bands"]["19"] == {"low": "0", "high": "0", "exact": True}
    assert sum(int(b["low"]) for b in agg["bands"].values()) <= 16 <= sum(int(b["high"]) for b in agg["bands"].values())
    assert agg["standard_communes"] == 4
    severities = {f["severity"] for f in doc["findings"]}
    assert severities == {"ok", "conflict", "unverified"}
    assert doc["goals"]["year"] == 2025


def test_the_table_format_prints_the_matrix_and_the_findings(ntm):
    code, out, _ = ntm("--unit", "109", "--year", "2023")
    assert code == 0
    assert "Xã Mường So" in out and "Bình quân tiêu chí/xã: 9,19–9,75" in out and "[conflict]" in out


def test_an_unknown_unit_or_a_commune_gives_one_clear_error_line(ntm):
    code, _, err = ntm("--unit", "khong co", "--year", "2023")
    assert code == 2 and err.startswith("Lỗi: Không tìm thấy đơn vị")
    code, _, err = ntm("--unit", "109-02", "--year", "2023")
    assert code == 2 and "không có xã nào" in err
