"""A small two-vintage world for carrying tests (province 98, not the demo's Lai Châu).

Old (to 30/06/2025): Tỉnh Thử Chuyển (98) > Huyện Một (981): Xã An, Xã Bình, Xã Cường;
Huyện Hai (982): Xã Dũng. New (from 01/07/2025): Xã Mới (98101@2025, reusing Xã An's code)
<- An, Bình, Cường (merge) and 40 % of Dũng (split); Xã Sau (98202@2025) <- 60 % of Dũng;
Xã Lẻ (98203@2025) <- Dũng with no stated share.
"""

import datetime
from decimal import Decimal

from ktxh.catalog import services as catalog
from ktxh.orgunits import services as units
from ktxh.orgunits.models import OrgUnit
from ktxh.values.services import value_set

D = Decimal
OLD_FROM, OLD_TO, REFORM = datetime.date(2004, 1, 1), datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)


def _unit(code, name, kind, parent, valid_from=OLD_FROM, valid_to=OLD_TO):
    return units.orgunit_save(actor=None, unit=OrgUnit(code=code, name=name, kind=kind, parent=parent,
                                                       valid_from=valid_from, valid_to=valid_to))


def build():
    province = _unit("98", "Tỉnh Thử Chuyển", "province", None, valid_to=None)
    d1 = _unit("981", "Huyện Một", "district", province)
    d2 = _unit("982", "Huyện Hai", "district", province)
    w = {"province": province, "d1": d1, "d2": d2,
         "an": _unit("98101", "Xã An", "commune", d1), "binh": _unit("98102", "Xã Bình", "commune", d1),
         "cuong": _unit("98103", "Xã Cường", "commune", d1), "dung": _unit("98201", "Xã Dũng", "commune", d2)}
    w["moi"] = _unit("98101", "Xã Mới", "commune", province, REFORM, None)
    w["sau"] = _unit("98202", "Xã Sau", "commune", province, REFORM, None)
    w["le"] = _unit("98203", "Xã Lẻ", "commune", province, REFORM, None)
    for old in ("an", "binh", "cuong"):
        units.lineage_record(actor=None, source=w[old], target=w["moi"], event="merge", date=REFORM,
                             basis="Nghị quyết thử")
    units.lineage_record(actor=None, source=w["dung"], target=w["moi"], event="split", date=REFORM, share=D("0.4"))
    units.lineage_record(actor=None, source=w["dung"], target=w["sau"], event="split", date=REFORM, share=D("0.6"))
    units.lineage_record(actor=None, source=w["dung"], target=w["le"], event="split", date=REFORM)

    group = catalog.group_upsert(actor=None, code="98", name="Nhóm thử chuyển số liệu", order=98)

    def ind(code, name, unit, kind, aggregation, **kw):
        return catalog.indicator_upsert(actor=None, code=code, name=name, group=group, unit=unit,
                                        measure_kind=kind, direction="up", aggregation=aggregation, **kw)

    w["grain"] = ind("98.01", "Sản lượng thử", "tấn", "level", "sum")
    w["poor"] = ind("98.02", "Số hộ nghèo thử", "hộ", "level", "sum", is_main=False)
    w["households"] = ind("98.03", "Tổng số hộ thử", "hộ", "level", "sum", is_main=False)
    w["rate"] = ind("98.04", "Tỷ lệ hộ nghèo thử", "%", "rate_pct", "ratio", numerator=w["poor"],
                    denominator=w["households"])
    w["ntm"] = ind("98.05", "Số xã đạt chuẩn thử", "xã", "count_units", "count_meeting")
    w["cover"] = ind("98.06", "Tỷ lệ che phủ thử", "%", "rate_pct", "ratio")  # no numerator declared
    return w


def put(w, indicator, unit, period, value, kind="official"):
    return value_set(actor=None, indicator=w[indicator], org_unit=w[unit], period=period, kind=kind,
                     value=D(value), source="thử")


def fill(w, years=("2023", "2024", "2025")):
    """Grain, poor households, households, rate, NTM count for the four old communes."""
    data = {"an": (100, 30, 300), "binh": (200, 20, 100), "cuong": (50, 10, 100), "dung": (1000, 100, 1000)}
    for year in years:
        bump = int(year) - 2023
        for unit, (grain, poor, households) in data.items():
            put(w, "grain", unit, year, grain + bump)
            put(w, "poor", unit, year, poor)
            put(w, "households", unit, year, households)
            put(w, "rate", unit, year, (D(poor) * 100 / households).quantize(D("0.01")))
            put(w, "ntm", unit, year, 1)
            put(w, "cover", unit, year, 40)
