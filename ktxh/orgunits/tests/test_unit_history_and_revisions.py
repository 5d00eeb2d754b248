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


@pytest.mark.django_db
def test_the_national_load_writes_one_history_row_per_new_unit_and_lineage_row(planner):
    """The load writes its rows and their history in bulk (national.py): each created unit and
    lineage row has exactly one "+" row with its own fields, the user and the load's time."""
    from django.utils import timezone

    from ktxh.orgunits.models import OrgUnitLineage

    started = timezone.now()
    result = national_load(actor=planner, province="11")  # Điện Biên: not in the demo
    history = OrgUnit.history.filter(history_date__gte=started)
    assert result.created > 100 and history.count() == result.created
    assert {h.history_type for h in history} == {"+"}
    assert history.values("id").distinct().count() == result.created  # one row per unit
    commune = OrgUnit.objects.filter(pk__in=history.values("id"), vintage="cu", level=3).first()
    row = commune.history.get()
    assert (row.name, row.code, row.vintage, row.parent_id, row.path, row.level, row.valid_from, row.valid_to,
            row.history_user) == (commune.name, commune.code, commune.vintage, commune.parent_id, commune.path,
                                  commune.level, commune.valid_from, commune.valid_to, planner)
    assert started <= row.history_date <= timezone.now()
    lineage = OrgUnitLineage.history.filter(history_date__gte=started)
    assert lineage.count() == result.lineage_created > 100
    link = OrgUnitLineage.objects.get(pk=lineage.first().id)
    kept = link.history.get()
    assert (kept.source_unit_id, kept.target_unit_id, kept.event, kept.date, kept.share, kept.basis,
            kept.history_type) == (link.source_unit_id, link.target_unit_id, link.event, link.date, link.share,
                                   link.basis, "+")
    again = national_load(actor=planner, province="11")
    assert (again.created, again.updated, again.lineage_created, again.lineage_updated) == (0, 0, 0, 0)
    assert OrgUnit.history.filter(history_date__gte=started).count() == result.created
