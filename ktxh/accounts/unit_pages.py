"""The unit a page asks for (?unit=), resolved by one rule for every app (dashboards,
quality, entry, programmes, imports, reports): among the units the user may see, a bare
code names the unit in force on the date of the period the page is about, "CODE@2025" /
"CODE@cu" the explicit vintage (orgunits.selectors.unit_pick). A dissolved unit asked
for a later period goes to its only successor, or to a page naming its successors."""

import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ktxh.accounts import access
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import unit_not_valid, unit_pick


class UnitMoved(Exception):
    """The unit asked for was dissolved before the period: the page goes to its successor."""

    def __init__(self, response: HttpResponse):
        self.response = response


def requested_unit(request: HttpRequest, day: datetime.date | None, *, param: str = "unit",
                   units=None) -> OrgUnit | None:
    """The unit named by request parameter `param` (GET, else POST) among `units` (default:
    those the user may see), as of `day`; the user's default unit when none is named.
    Http404 for a code the user may not see."""
    text = (request.GET.get(param) or request.POST.get(param) or "").strip()[:40]
    if units is None:
        units = access.units_visible(request.user)
    if not text:
        return access.default_unit(request.user)
    unit = unit_pick(units, text, day)
    if unit is None:
        raise Http404("Không có đơn vị này hoặc bạn không có quyền xem.")
    return unit


def moved_response(request: HttpRequest, unit: OrgUnit, day: datetime.date, *, label: str,
                   query: dict, back: dict | None = None) -> HttpResponse:
    """A dissolved unit asked for a later period: to its only successor the user may see
    (the page then says so, from ?tu=), else a page listing its successors with links.
    `query` is the page's query for the period ({"period": "2026"} or {"year": "2026"});
    `back`, the query showing the old unit's last figures. Never an empty table."""
    error = unit_not_valid(unit, day)
    visible = set(access.units_visible(request.user).values_list("pk", flat=True))
    targets = [link.unit for link in error.successors if link.unit.pk in visible]

    def url(target, extra=None, safe="@"):
        q = request.GET.copy()
        q.pop("tu", None)
        for key, value in {**query, **(extra or {}), "unit": target.key}.items():
            q[key] = value  # replaces (QueryDict.update would add a second ?unit=, ?period=)
        return f"{request.path}?{q.urlencode(safe=safe)}"

    if len(error.successors) == 1 and targets:
        return redirect(url(targets[0], {"tu": unit.key}, safe=""))
    return render(request, "units/moved.html", {
        "message": str(error), "old": unit, "label": label, "targets": [(t, url(t)) for t in targets],
        "back_url": url(unit, back) if back else ""})


def moved_notice(request: HttpRequest, day: datetime.date) -> str:
    """The message of a page reached through a redirect from a dissolved unit (?tu=)."""
    old_key = (request.GET.get("tu") or "").strip()[:40]
    if not old_key:
        return ""
    old = unit_pick(access.units_visible(request.user), old_key, None)
    moved = unit_not_valid(old, day) if old is not None else None
    return str(moved) if moved is not None else ""


def dissolved_before(unit: OrgUnit, start: datetime.date) -> bool:
    """The unit ended before a period starting on `start` began."""
    return unit.valid_to is not None and start > unit.valid_to


def page(view):
    """Pages that show one unit and period: a dissolved unit goes to its successor."""
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except UnitMoved as moved:
            return moved.response
    wrapped.__name__, wrapped.__doc__ = view.__name__, view.__doc__
    return wrapped
