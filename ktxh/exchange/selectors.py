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
    """DHIS2 data values of a queryset of values; periods DHIS2 has no type for (nine
    months, plans) are left out. Reads plain columns, not model instances (exports are large)."""
    codes = Codes()
    periods: dict[str, str | None] = {}
    out = []
    rows = values.values_list("indicator__code", "org_unit__code", "kind", "period", "value",
                              "updated_by__username", "updated_at", "comment")
    for indicator, unit, kind, code, value, username, updated_at, comment in rows.iterator(chunk_size=5000):
        if code not in periods:
            periods[code] = period_to_dhis2(Period.parse(code))
        if periods[code] is None:
            continue
        out.append({
            "dataElement": codes.ident(Kind.DATA_ELEMENT, indicator, data_element_scheme),
            "period": periods[code],
            "orgUnit": codes.ident(Kind.ORG_UNIT, unit, org_unit_scheme),
            "categoryOptionCombo": codes.ident(Kind.CATEGORY_OPTION_COMBO, kind, coc_scheme),
            "attributeOptionCombo": "",
            "value": json_number(value) or "",
            "storedBy": username or "",
            "lastUpdated": updated_at.isoformat(timespec="seconds") if updated_at else "",
            "comment": comment,
            "followup": False,
        })
    return out
