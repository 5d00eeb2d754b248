"""Unit changes are audited (OrgUnit history) and make every cached evaluation stale: the
national load writes in bulk (no signals) and sets the global revision itself."""

import datetime

import pytest

from ktxh.evaluation.cache import data_version
from ktxh.imports.loader import load_file
from ktxh.orgunits import services
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.national import national_load


def _global_token():
    return data_version([], [], [])[0]


@pytest.mark.django_db
def test_a_national_load_that_changes_a_unit_invalidates_the_evaluation_cache_and_writes_history():
    national_load(actor=None, province="12")
    before = _global_token()
    OrgUnit.objects.filter(code="03583", vintage="2025").update(name="Xã Khổng Lào sai tên")  # no signal
    result = national_load(actor=None, province="12")
    assert result.updated == 1 and _global_token() != before
    unit = OrgUnit.objects.get(code="03583", vintage="2025")
    assert unit.name == "Xã Khổng Lào" and unit.history.first().name == "Xã Khổng Lào"
    assert unit.history.first().history_type == "~"


@pytest.mark.django_db
def test_a_national_load_that_changes_nothing_keeps_the_cache():
    national_load(actor=None, province="12")
    before = _global_token()
    national_load(actor=None, province="12")
    assert _global_token() == before


@pytest.mark.django_db
def test_a_lineage_correction_file_invalidates_the_evaluation_cache(tmp_path, planner):
    before = _global_token()
    path = tmp_path / "hieu_chinh.csv"
    path.write_text("from_unit,to_unit,event,share\n03580,03583,split,70%\n03580,03549@2025,split,30%\n",
                    encoding="utf-8")
    load_file(path, actor=planner)
    assert _global_token() != before


@pytest.mark.django_db
def test_a_rename_and_a_validity_change_are_audited_with_the_user(planner):
    unit = OrgUnit.objects.get(code="03583", vintage="2025")
    unit.name = "Xã Khổng Lào (thử đổi tên)"
    services.orgunit_save(actor=planner, unit=unit)
    unit.valid_to = datetime.date(2030, 12, 31)
    services.orgunit_save(actor=planner, unit=unit)
    rows = list(unit.history.order_by("-history_id")[:2])
    assert [(r.name, r.valid_to, r.history_user) for r in rows] == [
        ("Xã Khổng Lào (thử đổi tên)", datetime.date(2030, 12, 31), planner),
        ("Xã Khổng Lào (thử đổi tên)", None, planner)]
