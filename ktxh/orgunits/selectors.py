"""Reads of the org-unit tree (not scoped: the tree itself is public reference data).

A code names a unit only together with a vintage (models.py). `unit_resolve` picks the
vintage from the date the caller is about, or from an explicit suffix:
"03583@2025" / "03583@moi" (the new unit), "03583@cu" (the old one).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from ktxh.engine.fold import fold
from ktxh.orgunits.models import LAST_OLD_DAY, REFORM_DATE, OrgUnit, OrgUnitLineage

VINTAGE_SUFFIXES = {"2025": OrgUnit.Vintage.REFORM_2025, "moi": OrgUnit.Vintage.REFORM_2025,
                    "cu": OrgUnit.Vintage.OLD, "truoc2025": OrgUnit.Vintage.OLD}


class UnitNotFound(LookupError):
    pass


class UnitNotValid(UnitNotFound):
    """The unit exists but not on the date asked about (dissolved, or not yet created).
    `successors` / `predecessors` say where to go instead."""

    def __init__(self, message: str, *, unit: OrgUnit, as_of: datetime.date,
                 successors: list = (), predecessors: list = ()):
        super().__init__(message)
        self.unit, self.as_of = unit, as_of
        self.successors, self.predecessors = list(successors), list(predecessors)


@dataclass(frozen=True)
class LineageLink:
    """One lineage row seen from one side: `unit` is the other unit."""

    unit: OrgUnit
    event: str
    event_label: str
    share: Decimal | None
    date: datetime.date
    basis: str
    source: str


def valid_on_q(day: datetime.date, prefix: str = "") -> Q:
    return ((Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day}))
            & (Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})))


def units_valid_on(day: datetime.date, within: OrgUnit | None = None) -> QuerySet[OrgUnit]:
    """Units in force on `day`; with `within`, only that unit's subtree (itself included)."""
    units = OrgUnit.objects.filter(valid_on_q(day))
    return units.filter(path__startswith=within.path) if within is not None else units


def province_of(unit: OrgUnit) -> OrgUnit:
    """The level-1 unit above `unit` (or `unit` itself): the Citus distribution key."""
    top = "/" + unit.path.strip("/").split("/")[0] + "/"
    return unit if unit.path == top else OrgUnit.objects.get(path=top)


def subtree(unit: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(path__startswith=unit.path)


def unit_by_key(code: str, vintage: str | None = None) -> OrgUnit | None:
    """The unit with this code (or official code of a demo unit) in this vintage; without a
    vintage, the only unit with the code (None when there are two)."""
    found = list(OrgUnit.objects.filter(Q(code=code) | Q(official_code=code)))
    exact = [u for u in found if u.code == code] or found
    if vintage:
        exact = [u for u in exact if u.vintage == vintage]
    return exact[0] if len(exact) == 1 else None


def _links(rows, side: str) -> list[LineageLink]:
    return [LineageLink(unit=getattr(r, side), event=r.event, event_label=r.get_event_display(), share=r.share,
                        date=r.date, basis=r.basis, source=r.source) for r in rows]


def unit_predecessors(unit: OrgUnit) -> list[LineageLink]:
    """The old units that went (wholly, or by a share) into `unit`."""
    rows = (OrgUnitLineage.objects.filter(target_unit=unit).select_related("source_unit")
            .order_by("source_unit__path"))
    return _links(rows, "source_unit")


def unit_successors(unit: OrgUnit) -> list[LineageLink]:
    """The new units that `unit` went into."""
    rows = (OrgUnitLineage.objects.filter(source_unit=unit).select_related("target_unit")
            .order_by("target_unit__path"))
    return _links(rows, "target_unit")


def _split_vintage(text: str) -> tuple[str, str | None]:
    if "@" not in text:
        return text, None
    base, _, suffix = text.rpartition("@")
    vintage = VINTAGE_SUFFIXES.get(fold(suffix).replace(" ", ""))
    if vintage is None:
        raise UnitNotFound(f"Không hiểu thời kỳ '@{suffix}' trong '{text}': dùng @2025 (đơn vị mới) hoặc @cu "
                           f"(đơn vị trước 01/07/2025).")
    return base.strip(), vintage


def _pick_by_date(units: list[OrgUnit], day: datetime.date | None) -> list[OrgUnit]:
    """Among several candidates, those in force on `day` (all of them when none is)."""
    if len(units) < 2 or day is None:
        return units
    return [u for u in units if u.valid_on(day)] or units


def _highest(units: list[OrgUnit]) -> list[OrgUnit]:
    """A district and its town share the name ("Phong Thổ"): the higher level is meant."""
    top = min((u.level for u in units), default=None)
    return [u for u in units if u.level == top] if sum(u.level == top for u in units) == 1 else units


def _not_valid(unit: OrgUnit, as_of: datetime.date) -> UnitNotValid:
    if unit.valid_to and as_of > unit.valid_to:
        successors = unit_successors(unit)
        # "Xã Sì Lở Lầu (cũ) đã sáp nhập vào Xã Sì Lở Lầu (mới)": a new unit often keeps an old name
        names = ", ".join(link.unit.name + (" (mới)" if link.unit.name == unit.name else "") for link in successors)
        same = any(link.unit.name == unit.name for link in successors)
        since = (unit.valid_to + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
        if successors:
            message = f"{unit.name}{' (cũ)' if same else ''} đã sáp nhập vào {names} từ {since}."
        else:
            message = f"{unit.name} không còn hiệu lực từ {since}."
        return UnitNotValid(message, unit=unit, as_of=as_of, successors=successors)
    predecessors = unit_predecessors(unit)
    since = unit.valid_from.strftime("%d/%m/%Y") if unit.valid_from else ""
    names = ", ".join(link.unit.name for link in predecessors)
    message = f"{unit.name} được thành lập từ {since}" + (f" (từ {names})." if names else ".")
    return UnitNotValid(message, unit=unit, as_of=as_of, predecessors=predecessors)


def unit_resolve(text: str, as_of: datetime.date | None = None, *, strict: bool = True) -> OrgUnit:
    """A unit by code or accent-insensitive name ("Phong Thổ", "phong tho", "xa khong lao"),
    as it was on `as_of` (the date of the period asked about). "CODE@2025" / "CODE@cu"
    names the vintage explicitly. With `strict`, a unit found but not in force on `as_of`
    raises UnitNotValid, whose message names its successors (or predecessors)."""
    text = (text or "").strip()
    if not text:
        raise UnitNotFound("Chưa nhập đơn vị.")
    base, vintage = _split_vintage(text)
    # A demo unit with a provisional code answers to its official code too (models.py).
    found = list(OrgUnit.objects.filter(Q(code=base) | Q(official_code=base)))
    if vintage:
        found = [u for u in found if u.vintage == vintage]
        if not found:
            raise UnitNotFound(f"Không tìm thấy đơn vị mã '{base}' thuộc thời kỳ "
                               f"{OrgUnit.Vintage(vintage).label.lower()}.")
    by_name = not found
    if by_name:
        found = _by_name(base, vintage)
    found = _pick_by_date(found, as_of)
    if by_name:
        found = _highest(found)
    # No date given: the unit in force today is meant.
    found = _pick_by_date(found, datetime.date.today() if as_of is None else None)
    if len(found) > 1:
        names = ", ".join(f"{u.name} ({u.key})" for u in found)
        raise UnitNotFound(f"'{text}' trùng nhiều đơn vị: {names}. Hãy dùng mã đơn vị kèm thời kỳ, ví dụ "
                           f"{found[0].key}.")
    if not found:
        raise UnitNotFound(f"Không tìm thấy đơn vị '{text}'.")
    unit = found[0]
    if strict and as_of is not None and not vintage and not unit.valid_on(as_of):
        raise _not_valid(unit, as_of)
    return unit


def _by_name(text: str, vintage: str | None) -> list[OrgUnit]:
    """Exact folded name, else the name without its kind word ("phong tho")."""
    folded = fold(text)
    units = OrgUnit.objects.all() if not vintage else OrgUnit.objects.filter(vintage=vintage)
    return list(units.filter(name_folded=folded)) or list(units.filter(name_folded__endswith=" " + folded))


def orgunit_find(text: str, as_of: datetime.date | None = None) -> OrgUnit:
    """Older name of unit_resolve without the validity check (callers that do not know
    the period yet)."""
    return unit_resolve(text, as_of, strict=False)


def vintage_day(vintage: str) -> datetime.date:
    """A day on which every unit of the vintage that survives to the reform is in force."""
    return REFORM_DATE if vintage == OrgUnit.Vintage.REFORM_2025 else LAST_OLD_DAY


def unit_not_valid(unit: OrgUnit, as_of: datetime.date) -> UnitNotValid | None:
    """None when `unit` is in force on `as_of`; else the error whose message names its
    successors (dissolved) or predecessors (not yet created)."""
    return None if unit.valid_on(as_of) else _not_valid(unit, as_of)


def unit_pick(units: QuerySet[OrgUnit], text: str, day: datetime.date | None) -> OrgUnit | None:
    """The unit a page or form names, among `units` (already narrowed by accounts.access):
    "03583@2025" / "03583@cu" by key, a bare code by the date of the period it is about
    (the one in force on `day` first: a code may name an old and a new unit,
    docs/data-files.md). The one rule every picker and unit parameter uses; None when
    no unit of `units` has the code. The caller checks validity with `unit_not_valid`."""
    text = (text or "").strip()[:40]
    if not text:
        return None
    try:
        code, vintage = _split_vintage(text)
    except UnitNotFound:
        return None
    found = list(units.filter(code=code, **({"vintage": vintage} if vintage else {})))
    if not found and not vintage:
        found = list(units.filter(official_code=code))
    if day is None:
        day = datetime.date.today()
    valid = [u for u in found if u.valid_on(day)]
    return (valid or found or [None])[0]


UNIT_GROUP_NEW = "Đơn vị từ 01/07/2025"
UNIT_GROUP_OLD = "Đơn vị trước 01/07/2025"


def unit_groups(units, day: datetime.date) -> list[tuple[str, list[OrgUnit]]]:
    """A unit picker's groups, by vintage: the units from the reform and the units before
    it (a unit whose territory did not change is in both); the group of `day` first."""
    units = list(units)
    today = [u for u in units if u.valid_to is None or u.valid_to >= REFORM_DATE]
    before = [u for u in units if u.valid_from is None or u.valid_from < REFORM_DATE]
    groups = [(UNIT_GROUP_NEW, today), (UNIT_GROUP_OLD, before)]
    if day < REFORM_DATE:
        groups.reverse()
    return [(label, members) for label, members in groups if members]


def table_day(parent: OrgUnit, end: datetime.date) -> datetime.date:
    """The day whose boundaries a table of `parent`'s units for a period ending on `end`
    shows: the period's last day, or the parent's own last day if it ended within the period
    (old Huyện Phong Thổ's 2025 table lists its old communes)."""
    return min(end, parent.valid_to) if parent.valid_to else end


def children_for_period(parent: OrgUnit, end: datetime.date) -> QuerySet[OrgUnit]:
    """The direct children a table of a period ending on `end` lists (the commune comparison
    page, the report's communes annex): those in force on `table_day`, never old and new
    units together. A 2025 annual table of a province lists its new communes (their first
    half is carried, docs/units.md "Which units a period shows")."""
    return OrgUnit.objects.filter(parent=parent).filter(valid_on_q(table_day(parent, end))).order_by("path")


def unit_choices(units, day: datetime.date) -> list[tuple[str, list[tuple[str, OrgUnit]]]]:
    """`unit_groups` with the value each option sends: the bare code where it names one
    unit of the list, else the explicit key ("03439@2025": a new unit reusing an old code)."""
    units = list(units)
    codes = [u.code for u in units]
    return [(label, [(u.code if codes.count(u.code) == 1 else u.key, u) for u in members])
            for label, members in unit_groups(units, day)]
