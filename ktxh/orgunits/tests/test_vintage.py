"""Identity is code + vintage; resolution by date; lineage seen from both sides."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError

from ktxh.orgunits import services
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import (
    UnitNotFound,
    UnitNotValid,
    province_of,
    unit_predecessors,
    unit_resolve,
    unit_successors,
    units_valid_on,
)

OLD_DAY, NEW_DAY = datetime.date(2023, 12, 31), datetime.date(2026, 3, 31)


def _unit(code, name, kind, parent, valid_from=None, valid_to=None):
    return services.orgunit_save(actor=None, unit=OrgUnit(code=code, name=name, kind=kind, parent=parent,
                                                          valid_from=valid_from, valid_to=valid_to))


@pytest.fixture
def reuse(db):
    """Test province 99: old district 990 with old communes 99001 and 99002; new commune
    99001 (the code of one of them) formed from both, 99002 split half into a second one."""
    province = _unit("99", "Tỉnh Thử", "province", None, datetime.date(2004, 1, 1))
    district = _unit("990", "Huyện Thử", "district", province, datetime.date(2004, 1, 1), datetime.date(2025, 6, 30))
    a = _unit("99001", "Xã Ka Lăng Thử", "commune", district, datetime.date(2004, 1, 1), datetime.date(2025, 6, 30))
    b = _unit("99002", "Xã Hoàng Thử", "commune", district, datetime.date(2004, 1, 1), datetime.date(2025, 6, 30))
    new = _unit("99001", "Xã Thu Lũm Thử", "commune", province, datetime.date(2025, 7, 1))
    other = _unit("99003", "Phường Mới Thử", "ward", province, datetime.date(2025, 7, 1))
    reform = datetime.date(2025, 7, 1)
    services.lineage_record(actor=None, source=a, target=new, event="merge", date=reform, origin="test")
    services.lineage_record(actor=None, source=b, target=new, event="split", date=reform, share=Decimal("0.5"))
    services.lineage_record(actor=None, source=b, target=other, event="split", date=reform, share=Decimal("0.5"))
    return {"province": province, "district": district, "a": a, "b": b, "new": new, "other": other}


def test_code_is_unique_per_vintage_and_levels_follow_the_tree(reuse):
    assert reuse["a"].vintage == "cu" and reuse["new"].vintage == "2025"
    assert (reuse["a"].level, reuse["new"].level, reuse["district"].level) == (3, 2, 2)
    assert reuse["new"].path == "/99/99001@2025/" and reuse["a"].path == "/99/990/99001/"
    assert province_of(reuse["new"]) == reuse["province"] == province_of(reuse["a"])
    with pytest.raises(IntegrityError):
        _unit("99001", "Xã Trùng", "commune", reuse["province"], datetime.date(2025, 7, 1))


def test_a_reused_code_resolves_by_the_date_and_by_the_explicit_vintage(reuse):
    assert unit_resolve("99001", as_of=OLD_DAY) == reuse["a"]
    assert unit_resolve("99001", as_of=NEW_DAY) == reuse["new"]
    assert unit_resolve("99001@cu", as_of=NEW_DAY) == reuse["a"]
    assert unit_resolve("99001@2025", as_of=OLD_DAY) == reuse["new"]
    assert unit_resolve("99001") == reuse["new"]  # no date: today's unit
    assert unit_resolve("xa thu lum thu", as_of=NEW_DAY) == reuse["new"]
    with pytest.raises(UnitNotFound, match="@2025"):
        unit_resolve("99001@2019")


def test_a_dissolved_unit_in_a_later_period_names_its_successors(reuse):
    with pytest.raises(UnitNotValid) as error:
        unit_resolve("99002", as_of=NEW_DAY)
    assert str(error.value) == "Xã Hoàng Thử đã sáp nhập vào Xã Thu Lũm Thử, Phường Mới Thử từ 01/07/2025."
    assert [s.unit for s in error.value.successors] == [reuse["new"], reuse["other"]]
    with pytest.raises(UnitNotValid, match="được thành lập từ 01/07/2025"):
        unit_resolve("99003", as_of=OLD_DAY)


def test_a_successor_that_keeps_the_old_name_is_told_apart(reuse):
    old = _unit("99004", "Xã Sì Thử", "commune", reuse["district"], datetime.date(2004, 1, 1),
                datetime.date(2025, 6, 30))
    new = _unit("99005", "Xã Sì Thử", "commune", reuse["province"], datetime.date(2025, 7, 1))
    services.lineage_record(actor=None, source=old, target=new, event="merge", date=datetime.date(2025, 7, 1))
    with pytest.raises(UnitNotValid) as error:
        unit_resolve("99004", as_of=NEW_DAY)
    assert str(error.value) == "Xã Sì Thử (cũ) đã sáp nhập vào Xã Sì Thử (mới) từ 01/07/2025."


def test_lineage_from_both_sides(reuse):
    before = unit_predecessors(reuse["new"])
    assert [(p.unit.code, p.event, p.share, p.source) for p in before] == [
        ("99001", "merge", None, "test"), ("99002", "split", Decimal("0.5"), "")]
    assert {s.unit.pk for s in unit_successors(reuse["b"])} == {reuse["new"].pk, reuse["other"].pk}


def test_units_valid_on_a_date(reuse):
    old = set(units_valid_on(OLD_DAY, within=reuse["province"]).values_list("code", flat=True))
    new = set(units_valid_on(NEW_DAY, within=reuse["province"]).values_list("code", flat=True))
    assert old == {"99", "990", "99001", "99002"}
    assert new == {"99", "99001", "99003"}
