"""One unit and period as files other systems read: SDMX (ML data, ML structure,
CSV) and DHIS2 dataValueSets (JSON, CSV). Used by `ktxh export` and the downloads
of the evaluation page; the caller passes the values it may read."""

import json
from dataclasses import dataclass

from django.db.models import Count

from ktxh.catalog.models import Indicator
from ktxh.engine.periods import Period, period_to_sdmx
from ktxh.exchange import dhis2, sdmx
from ktxh.exchange.selectors import datavalues_dhis2
from ktxh.orgunits.models import OrgUnit

FORMATS = {
    # name: (content type, file suffix)
    "sdmx-ml": ("application/vnd.sdmx.structurespecificdata+xml; version=2.1", "xml"),
    "sdmx-structure": ("application/vnd.sdmx.structure+xml; version=2.1", "xml"),
    "sdmx-csv": ("application/vnd.sdmx.data+csv; version=2.0.0", "csv"),
    "dhis2-json": ("application/json", "json"),
    "dhis2-csv": ("application/csv", "csv"),
}


@dataclass
class ExportFile:
    content: bytes
    content_type: str
    filename: str


def _area_ids():
    """REF_AREA ids: the official code, or code@vintage where the reform reused a code
    (identity is code + vintage, docs/units.md), so no two units share an id."""
    reused = set(OrgUnit.objects.values("code").annotate(n=Count("id")).filter(n__gt=1)
                 .values_list("code", flat=True))
    return lambda unit: unit.key if unit.code in reused else unit.code


def _observations(values) -> list[sdmx.Obs]:
    area = _area_ids()
    out = []
    for row in values:
        if row.kind == "estimate":
            status = "E"
        elif row.submission_id and row.submission.state != "approved":
            status = "P"
        else:
            status = "A"
        out.append(sdmx.Obs(indicator=row.indicator.code, unit=area(row.org_unit), kind=row.kind,
                            time_period=period_to_sdmx(Period.parse(row.period)), value=row.value,
                            unit_measure=row.indicator.unit, status=status, source=row.source))
    return out


def structure_file(units) -> bytes:
    indicators = [sdmx.CodeItem(i.code, f"{i.code} {i.name}") for i in Indicator.objects.order_by("code")]
    area = _area_ids()
    items = [sdmx.CodeItem(area(u), u.name, parent=None, valid_from=u.valid_from and u.valid_from.isoformat(),
                           valid_to=u.valid_to and u.valid_to.isoformat())
             for u in units.order_by("path")]
    return sdmx.structure_xml(indicators=indicators, units=items)


def export_file(*, values, units, unit, period: str, fmt: str) -> ExportFile:
    """`values`: the unit's values in the period the caller may read; `units`: the
    org units the structure's codelist lists."""
    code = Period.parse(period).code
    values = values.filter(org_unit=unit, period=code).select_related(
        "indicator", "org_unit", "submission", "updated_by").order_by("indicator__code", "kind")
    content_type, suffix = FORMATS[fmt]
    name = f"ktxh-{unit.code}-{code}-{fmt}.{suffix}"
    if fmt == "sdmx-ml":
        content = sdmx.data_xml(_observations(values))
    elif fmt == "sdmx-structure":
        content, name = structure_file(units), f"ktxh-sdmx-structure.{suffix}"
    elif fmt == "sdmx-csv":
        content = sdmx.data_csv(_observations(values)).encode()
    elif fmt == "dhis2-json":
        document = {"dataValues": datavalues_dhis2(values, data_element_scheme="CODE", org_unit_scheme="CODE",
                                                   coc_scheme="CODE")}
        content = json.dumps(document, ensure_ascii=False, indent=1).encode()
    else:
        content = dhis2.csv_text(datavalues_dhis2(values, data_element_scheme="CODE", org_unit_scheme="CODE",
                                                  coc_scheme="CODE")).encode()
    return ExportFile(content, content_type, name)
