"""The demo in today's world (docs/units.md): Lai Châu with both vintages from the national
data file, the 2026 reporting of two new communes (Xã Khổng Lào, Xã Phong Thổ) and of a
provincial department, in the round "6 tháng đầu năm 2026". Loading twice changes nothing."""

from django.db import transaction

from ktxh.catalog.models import Agency, Indicator
from ktxh.entry.demo import COMMUNE_INDICATORS
from ktxh.entry.services import data_set_save
from ktxh.imports.loader import LoadResult
from ktxh.orgunits.national import national_load
from ktxh.orgunits.selectors import unit_resolve

DEMO_PROVINCE = "12"  # Lai Châu
# The new communes the demo reports for: new Xã Khổng Lào (← Bản Lang, Hoang Thèn, Khổng Lào)
# and new Xã Phong Thổ (← TT Phong Thổ, Huổi Luông, Ma Ly Pho, Mường So).
NEW_COMMUNES = ["03583@2025", "03549@2025"]
PROVINCE_AGENCY = "NN"


def lai_chau_units_load(*, actor=None) -> LoadResult:
    """Both vintages of Lai Châu and their lineage, from ktxh/orgunits/data/ (the seed's
    provisional commune codes are adopted, so their values are the old communes' history)."""
    result = national_load(actor=actor, province=DEMO_PROVINCE)
    old = sum(result.counts.get("cu", {}).values())
    new = sum(result.counts.get("2025", {}).values())
    return LoadResult("dữ liệu đơn vị hành chính tỉnh Lai Châu", {
        "đơn vị trước 01/07/2025": old, "đơn vị từ 01/07/2025": new,
        "quan hệ sáp nhập, chia tách": sum(result.lineage.values())})


@transaction.atomic
def two_level_demo_load() -> None:
    """Half-year data sets of the two new communes and of one provincial department; the
    round itself (2026-H1, per province) comes from entry.demo."""
    commune_indicators = Indicator.objects.filter(code__in=COMMUNE_INDICATORS)
    for key in NEW_COMMUNES:
        data_set_save(actor=None, name="Biểu 6 tháng cấp xã", reporter_unit=unit_resolve(key), period_kind="half",
                      indicators=commune_indicators)
    agency = Agency.objects.filter(code=PROVINCE_AGENCY).first()
    if agency is not None:
        indicators = Indicator.objects.filter(responsible_agency=agency, is_main=True)
        data_set_save(actor=None, name=f"Biểu 6 tháng cấp tỉnh · {agency.name}",
                      reporter_unit=unit_resolve(DEMO_PROVINCE), agency=agency, period_kind="half",
                      indicators=indicators)
