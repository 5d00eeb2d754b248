"""`ktxh load` of a lineage correction file: a province sets split shares and fixes rows;
a bad file is rejected whole with every problem listed."""

from decimal import Decimal

import pytest

from ktxh.imports.loader import LoadError, load_file
from ktxh.orgunits.models import OrgUnitLineage
from ktxh.orgunits.national import national_load
from ktxh.orgunits.selectors import unit_predecessors, unit_resolve

HEADER = "from_unit,to_unit,event,share,date,basis,action,comment\n"


@pytest.fixture
def lai_chau(db):
    national_load(actor=None, province="12")


def _file(tmp_path, body, name="hieu_chinh.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_province_splits_an_old_commune_with_stated_shares(tmp_path, lai_chau, planner):
    path = _file(tmp_path, "03580,03583,split,70%,,QĐ thử 01/QĐ-UBND,,\n"
                           "03580,03549@2025,split,\"0,3\",2025-07-01,QĐ thử 01/QĐ-UBND,,\n")
    result = load_file(path, actor=planner)
    assert result.counts == {"quan hệ sáp nhập, chia tách": 2}
    rows = OrgUnitLineage.objects.filter(source_unit__code="109-10").order_by("share")
    assert [(r.target_unit.code, r.event, r.share, r.source) for r in rows] == [
        ("03549", "split", Decimal("0.3"), "tệp hiệu chỉnh hieu_chinh.csv"),
        ("03583", "split", Decimal("0.7"), "tệp hiệu chỉnh hieu_chinh.csv")]
    assert rows[0].history.first().history_user == planner
    new_phong_tho = unit_resolve("03549@2025")
    assert ("109-10", Decimal("0.3")) in {(p.unit.code, p.share) for p in unit_predecessors(new_phong_tho)}
    # The national load leaves the province's rows alone.
    national_load(actor=None, province="12")
    assert OrgUnitLineage.objects.get(source_unit__code="109-10", target_unit__code="03583").share == Decimal("0.7")
    # Removing a row again.
    load_file(_file(tmp_path, "03580,03549@2025,split,,,,xoa,\n03580,03583,merge,,,,,\n", "xoa.csv"))
    assert [(r.target_unit.code, r.event, r.share) for r in OrgUnitLineage.objects.filter(
        source_unit__code="109-10")] == [("03583", "merge", None)]


def test_a_bad_file_is_rejected_whole_with_every_problem(tmp_path, lai_chau):
    before = list(OrgUnitLineage.objects.values_list("pk", "event", "share", "source").order_by("pk"))
    path = _file(tmp_path,
                 "99999,03583,merge,,,,,\n"                       # unknown code
                 "03583@2025,03583@cu,merge,,,,,\n"               # backwards: a cycle, new before old ends
                 "03580,109,merge,,,,,\n"                         # a district valid since 2004 as successor
                 "03577,03583,split,60%,,,,\n"                    # 60 % + 30 % = 90 %
                 "03577,03549@2025,split,30%,,,,\n"
                 "03586,03583,merge,50%,,,,\n"                    # a share on a merge
                 "03589,03583,split,abc,,,,\n")                   # not a number
    with pytest.raises(LoadError) as error:
        load_file(path)
    reasons = [str(p) for p in error.value.problems]
    text = "\n".join(reasons)
    assert "dòng 2, cột from_unit: Không tìm thấy đơn vị '99999'." in text
    assert "vòng lặp: Xã Khổng Lào (03583) → Xã Khổng Lào (03583) → Xã Khổng Lào (03583)" in text
    assert "dòng 4, cột to_unit: Huyện Phong Thổ (109) có hiệu lực từ 01/01/2004 nhưng đơn vị cũ" in text
    assert "tổng tỷ lệ chia tách của Xã Bản Lang (03577) là 90%, phải bằng 100%" in text
    assert "dòng 7, cột share: sáp nhập (merge) chuyển toàn bộ đơn vị cũ" in text
    assert "dòng 8, cột share: tỷ lệ 'abc' không hợp lệ" in text
    assert list(OrgUnitLineage.objects.values_list("pk", "event", "share", "source").order_by("pk")) == before
