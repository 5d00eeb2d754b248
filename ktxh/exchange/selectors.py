"""What the DHIS2 and SDMX exports read: values through accounts.access."""

from ktxh.accounts import access
from ktxh.engine.numbers import json_number
from ktxh.engine.periods import Period, period_to_dhis2
from ktxh.exchange.codes import Codes, Kind


def values_for_export(user, *, units, periods: list[str] | None = None, indicators=None, published_only=False):
    values = access.values_visible(user).filter(org_unit__in=units).select_related(
        "indicator", "org_unit", "updated_by", "submission")
    if periods:
        values = values.filter(period__in=periods)
    if indicators:
        values = values.filter(indicator__in=indicators)
    if published_only:
        from ktxh.values.selectors import published_values

        values = values.filter(pk__in=published_values().values("pk"))
    return values.order_by("org_unit__path", "period", "indicator__code", "kind")


def datavalues_dhis2(values, *, data_element_scheme="AUTO", org_unit_scheme="AUTO", coc_scheme="AUTO") -> list[dict]:
    """DHIS2 data values; periods DHIS2 has no type for (nine months, plans) are left out."""
    codes = Codes()
    out = []
    for row in values:
        period = period_to_dhis2(Period.parse(row.period))
        if period is None:
            continue
        out.append({
            "dataElement": codes.ident(Kind.DATA_ELEMENT, row.indicator.code, data_element_scheme),
            "period": period,
            "orgUnit": codes.ident(Kind.ORG_UNIT, row.org_unit.code, org_unit_scheme),
            "categoryOptionCombo": codes.ident(Kind.CATEGORY_OPTION_COMBO, row.kind, coc_scheme),
            "attributeOptionCombo": "",
            "value": json_number(row.value) or "",
            "storedBy": row.updated_by.username if row.updated_by_id else "",
            "lastUpdated": row.updated_at.isoformat(timespec="seconds") if row.updated_at else "",
            "comment": row.comment,
            "followup": False,
        })
    return out
