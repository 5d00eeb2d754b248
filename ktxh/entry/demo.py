"""Demo reporting set-up for Phong Thổ: one half-year data set per department (their
agency's main indicators), one per commune, and the round "6 tháng đầu năm 2026"
open now. Loading twice changes nothing."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ktxh.catalog.models import Agency, Indicator
from ktxh.entry.services import data_set_save, round_save
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of

DEMO_DISTRICT = "109"
DEMO_ROUND = "2026-H1"
# What a commune reports every six months (a small, real subset of the catalog).
COMMUNE_INDICATORS = ["02.07", "05.02", "06.03", "08.05"]


@transaction.atomic
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
    round_save(actor=None, province=province_of(district), period=DEMO_ROUND, name="6 tháng đầu năm 2026",
               due_on=today + timedelta(days=14), closes_on=today + timedelta(days=45))
