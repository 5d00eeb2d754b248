"""Helpers shared by the programme pages: which unit, year and date a request asks for."""

from datetime import date

from ktxh.accounts import access
from ktxh.accounts.unit_pages import UnitMoved, dissolved_before, moved_response, requested_unit
from ktxh.orgunits.models import OrgUnit


def pick_unit(request, *, day: date | None = None, start: date | None = None, label: str = "",
              query: dict | None = None, want_district: bool = True) -> tuple[OrgUnit | None, object]:
    """The unit named by ?unit= among those the user may see (else their default unit), as
    of `day`, the end of the period the page is about (accounts.unit_pages: a bare code by
    that date, CODE@2025 / CODE@cu explicitly). With `start`, a unit dissolved before the
    period began raises UnitMoved (to its successors; `label` and `query` say the period).
    With want_district, a commune's district is used when the user may see it."""
    units = access.units_visible(request.user).order_by("path")
    unit = requested_unit(request, day, units=units)
    if unit is not None and start is not None and dissolved_before(unit, start):
        raise UnitMoved(moved_response(request, unit, day or start, label=label, query=query or {}))
    if unit is not None and want_district and unit.kind != OrgUnit.Kind.DISTRICT and unit.level > 2:
        parent = unit.parent
        if parent is not None and units.filter(pk=parent.pk).exists():
            unit = parent
    return unit, units


def parse_int(text, default: int) -> tuple[int, str | None]:
    if text in (None, ""):
        return default, None
    try:
        return int(text), None
    except ValueError:
        return default, f"'{text}' không phải là số năm hợp lệ."


def parse_date(text, default: date | None = None) -> tuple[date | None, str | None]:
    """dd/mm/yyyy (as officials write it) or yyyy-mm-dd (as browsers send it)."""
    if text in (None, ""):
        return default, None
    text = text.strip()
    try:
        if "/" in text:
            d, m, y = (int(x) for x in text.split("/"))
            return date(y, m, d), None
        return date.fromisoformat(text), None
    except ValueError:
        return default, f"Ngày '{text}' không hợp lệ (nhập dd/mm/yyyy)."
