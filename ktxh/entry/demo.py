"""Demo reporting set-up of Lai Châu. Old Huyện Phong Thổ: one half-year data set per
department (their agency's main indicators) and one per commune, reported in the round
"6 tháng đầu năm 2025", the old units' last half-year. The round "6 tháng đầu năm 2026" is
the new units' (the province and its new communes, ktxh/demo/two_level.py): a round lists
the reporters in force on its period's last day (docs/units.md). Both open now.
Loading twice changes nothing."""

from datetime import timedelta

from django.utils import timezone

from ktxh.catalog.models import Agency, Indicator
from ktxh.core.writes import write_transaction
from ktxh.entry.services import data_set_save, round_save
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of

DEMO_DISTRICT = "109"
DEMO_ROUND = "2026-H1"  # the new units' round
OLD_ROUND = "2025-H1"  # the old units' last half-year: Phong Thổ's demo reporting
# What a commune reports every six months (a small, real subset of the catalog).
COMMUNE_INDICATORS = ["02.07", "05.02", "06.03", "08.05"]


@write_transaction
def entry_demo_load() -> None:
    district = OrgUnit.objects.filter(code=DEMO_DISTRICT).first()
    if district is None:
        return
    for agency in Agency.objects.order_by("code"):
        indicators = Indicator.objects.filter(responsible_agency=agency, is_main=True)
        if indicators.exists():
            data_set_save(actor=None, name=f"Biểu 6 tháng · {agency.name}", reporter_unit=district,
                          agency=agency, period_kind="half", indicators=indicators)
    commune_indicators = Indicator.objects.filter(code__in=COMMUNE_INDICATORS)
    for commune in district.children.order_by("path"):
        data_set_save(actor=None, name="Biểu 6 tháng cấp xã", reporter_unit=commune, period_kind="half",
                      indicators=commune_indicators)
    # Demo only: the round stays open and due for a while from the day it is loaded.
    today = timezone.localdate()
    for period, name in ((OLD_ROUND, "6 tháng đầu năm 2025"), (DEMO_ROUND, "6 tháng đầu năm 2026")):
        round_save(actor=None, province=province_of(district), period=period, name=name,
                   due_on=today + timedelta(days=14), closes_on=today + timedelta(days=45))
