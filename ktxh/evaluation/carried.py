"""Figures of a unit for a period it has no value of its own for, computed at read time.

- A unit created by the 2025 reform, for a period that starts before it existed: each
  indicator is carried from its predecessors (lineage, with the stated share of a split
  old unit) by the indicator's aggregation (`ktxh.engine.carry.carry`).
- A province, for an old period: the sum (ratio, weighted mean, count) of its old
  districts, complete only when every district has data (`ktxh.engine.carry.roll_up`).

Nothing is stored: a correction of an old value shows at once. Targets are never
carried (a dissolved council's targets do not bind the new unit). The unit's own value,
where it has one, always wins. docs/units.md explains the rules with a worked example.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ktxh.catalog.models import Indicator
from ktxh.engine.carry import CarryResult, Source, carry, roll_up
from ktxh.engine.numbers import format_number, format_percent
from ktxh.engine.periods import Period
from ktxh.engine.semantics import Aggregation
from ktxh.orgunits.models import OrgUnit, OrgUnitLineage
from ktxh.orgunits.selectors import valid_on_q
from ktxh.values.models import DataValue
from ktxh.values.selectors import best_by, published_values

__all__ = ["CarriedValue", "involved_units", "unit_figures"]

_MAX_DEPTH = 4  # new province <- old provinces <- old districts: two levels; margin for renames
_KIND_ORDER = {"estimate": 1, "official": 2, "revised": 3}
_ONE = Decimal(1)


@dataclass(frozen=True)
class CarriedValue:
    """Stands where a DataValue stands in an evaluation row: the figure (None when the
    result is incomplete or a break) and how it was obtained."""

    indicator_id: int
    period: str
    value: Decimal | None
    kind: str  # the least authoritative kind among the values used ("estimate" if any is)
    result: CarryResult
    direction: str  # "carried" (from predecessors) or "rolled_up" (from children)

    is_carried = True
    raw_text = ""
    comment = ""
    source_quote = ""
    submission_id = None
    pk = None

    @property
    def complete(self) -> bool:
        return self.result.complete

    @property
    def source(self) -> str:
        """Provenance in words, for people (page, report annex, exports)."""
        return provenance_vi(self)

    def get_kind_display(self) -> str:
        return dict(DataValue.Kind.choices).get(self.kind, self.kind)


def _share_text(share: Decimal | None) -> str:
    if share is None:
        return " (chưa có tỷ lệ chia tách)"
    if share == _ONE:
        return ""
    return f" ({format_percent(share * 100)})"


def provenance_vi(cv: CarriedValue) -> str:
    r = cv.result
    names = ", ".join(p.name + _share_text(p.share) for p in r.parts)
    if cv.direction == "rolled_up":
        head = f"Tổng hợp từ {len(r.parts)} đơn vị cấp dưới ({names})"
    else:
        head = f"Chuyển từ đơn vị trước sắp xếp: {names}"
    rule = r.rule.label_vi if not r.is_break else ""
    text = head + (f"; cách tính: {rule}" if rule else "")
    if r.reason:
        text += f". {r.reason}"
    if not r.complete and r.partial_value is not None and not r.is_break:
        text += f" (các đơn vị có số liệu: {format_number(r.partial_value)})"
    return text + "."


@dataclass
class _Fig:
    value: Decimal | None
    kind: str | None
    row: DataValue | CarriedValue | None  # None for an input read as a plain tuple
    org_unit_id: int | None = None
    indicator_id: int | None = None


@dataclass(frozen=True)
class _Ind:
    pk: int
    aggregation: str
    measure_kind: str
    numerator_id: int | None
    denominator_id: int | None


def _needs_carry(unit: OrgUnit, period: Period) -> bool:
    return unit.valid_from is not None and period.start < unit.valid_from


def _rolls_up(unit: OrgUnit) -> bool:
    return unit.kind == OrgUnit.Kind.PROVINCE


class _Resolver:
    def __init__(self, wanted: set[int] | None = None):
        self.indicators = {row[0]: _Ind(*row) for row in Indicator.objects.values_list(
            "id", "aggregation", "measure_kind", "numerator_id", "denominator_id")}
        # only these indicators are carried (a main-indicator table: its numerators and
        # denominators are read as inputs, not carried for rows nobody shows)
        self.wanted = wanted
        self.composed = [ind for ind in self.indicators.values()
                         if ind.aggregation in (Aggregation.RATIO, Aggregation.WEIGHTED_MEAN)
                         and (wanted is None or ind.pk in wanted)]
        self.memo: dict[tuple[int, str], dict[int, _Fig]] = {}
        self.lineage: dict[int, list[tuple[OrgUnit, Decimal | None]]] = {}

    def figures(self, units: list[OrgUnit], period: Period, depth: int = 0) -> None:
        todo = [u for u in {u.pk: u for u in units}.values() if (u.pk, period.code) not in self.memo]
        if not todo:
            return
        own: dict[int, dict[int, DataValue | _Fig]] = {u.pk: {} for u in todo}
        rows = published_values().filter(org_unit_id__in=[u.pk for u in todo], period=period.code)
        if depth:
            # the old units' values are only inputs: plain tuples, no model instances (bench/units.py)
            rows = (_Fig(value, kind, None, unit_id, ind_id) for unit_id, ind_id, kind, value in rows.values_list(
                "org_unit_id", "indicator_id", "kind", "value"))
        for (unit_id, ind_id), row in best_by(((r.org_unit_id, r.indicator_id), r) for r in rows).items():
            own[unit_id][ind_id] = row
        sources: dict[int, list[tuple[OrgUnit, Decimal | None]]] = {}
        direction: dict[int, str] = {}
        if depth < _MAX_DEPTH:
            carrying = [u.pk for u in todo if _needs_carry(u, period)]
            if unknown := [pk for pk in carrying if pk not in self.lineage]:  # read once for all periods
                for pk in unknown:
                    self.lineage[pk] = []
                for link in (OrgUnitLineage.objects.filter(target_unit_id__in=unknown)
                             .select_related("source_unit").order_by("source_unit__path")):
                    share = link.share if link.event == OrgUnitLineage.Event.SPLIT else _ONE
                    self.lineage[link.target_unit_id].append((link.source_unit, share))
            for pk in carrying:
                if self.lineage[pk]:
                    sources[pk] = list(self.lineage[pk])
                    direction[pk] = "carried"
            parents = [u.pk for u in todo if u.pk not in sources and _rolls_up(u)]
            if parents:
                for child in (OrgUnit.objects.filter(parent_id__in=parents, kind=OrgUnit.Kind.DISTRICT)
                              .filter(valid_on_q(period.end)).order_by("path")):
                    sources.setdefault(child.parent_id, []).append((child, None))
                    direction[child.parent_id] = "rolled_up"
            below = [src for links in sources.values() for src, _ in links]
            if below:
                self.figures(below, period, depth + 1)
        for unit in todo:
            figs = {ind: dv if isinstance(dv, _Fig) else _Fig(dv.value, dv.kind, dv) for ind, dv in own[unit.pk].items()}
            if unit.pk in sources:
                for ind, cv in self._derive(sources[unit.pk], direction[unit.pk], period).items():
                    figs.setdefault(ind, _Fig(cv.value, cv.kind, cv))
            self.memo[(unit.pk, period.code)] = figs

    def _derive(self, links: list[tuple[OrgUnit, Decimal | None]], direction: str,
                period: Period) -> dict[int, CarriedValue]:
        below = [self.memo[(src.pk, period.code)] for src, _ in links]
        with_data = {ind for figs in below for ind, f in figs.items() if f.value is not None}
        candidates = set(with_data) if self.wanted is None else with_data & self.wanted
        for ind in self.composed:
            if ind.numerator_id in with_data or ind.denominator_id in with_data:
                candidates.add(ind.pk)
        out: dict[int, CarriedValue] = {}
        for ind_id in candidates:
            ind = self.indicators.get(ind_id)
            if ind is None:
                continue
            method = Aggregation(ind.aggregation)
            sources = []
            kinds = []
            for (src, share), figs in zip(links, below, strict=True):
                f = figs.get(ind_id)
                num = figs.get(ind.numerator_id) if ind.numerator_id else None
                den = figs.get(ind.denominator_id) if ind.denominator_id else None
                used = [x for x in ((f, num, den) if method is not Aggregation.SUM else (f,)) if x is not None]
                kinds += [x.kind for x in used if x.kind and x.value is not None]
                weight = den.value if den and method is Aggregation.WEIGHTED_MEAN else None
                sources.append(Source(
                    code=src.key, name=src.name, value=f.value if f else None,
                    share=share if direction == "carried" else _ONE,
                    numerator=num.value if num and method is Aggregation.RATIO else None,
                    denominator=den.value if den and method is Aggregation.RATIO else None,
                    weight=weight))
            options = {"kind": ind.measure_kind,
                       "has_ratio_parts": bool(ind.numerator_id and ind.denominator_id),
                       "has_weights": bool(ind.denominator_id)}
            result = (carry(method, sources, **options) if direction == "carried"
                      else roll_up(method, sources, **options))
            kind = min(kinds, key=_KIND_ORDER.get) if kinds else "estimate"
            out[ind_id] = CarriedValue(ind_id, period.code, result.value, kind, result, direction)
        return out


def unit_figures(unit: OrgUnit, periods: list[Period], *,
                 wanted: set[int] | None = None) -> dict[tuple[int, str], DataValue | CarriedValue]:
    """Per (indicator, period) the unit's own best value (revised > official > estimate),
    or else its carried / rolled-up figure (a CarriedValue, whose value may be None when
    incomplete or a break: its `result.reason` says why). With `wanted`, only those
    indicators are carried (own values are returned for every indicator)."""
    resolver = (_Resolver(wanted) if any(_needs_carry(unit, p) for p in periods) or _rolls_up(unit)
                else None)
    out: dict[tuple[int, str], DataValue | CarriedValue] = {}
    if resolver is None:
        # An ordinary unit and period: one query, the same as before carrying existed.
        return best_by(((row.indicator_id, row.period), row)
                       for row in published_values().filter(org_unit=unit, period__in=[p.code for p in periods]))
    for period in periods:
        resolver.figures([unit], period)
        for ind, fig in resolver.memo[(unit.pk, period.code)].items():
            out[(ind, period.code)] = fig.row
    return out


def involved_units(unit: OrgUnit, periods: list[Period]) -> list[int]:
    """The ids of every unit whose values `unit_figures` may read (for the cache key)."""
    ids = {unit.pk}
    frontier = [unit]
    for _ in range(_MAX_DEPTH):
        nxt = []
        carrying = [u.pk for u in frontier if any(_needs_carry(u, p) for p in periods)]
        if carrying:
            nxt += [link.source_unit for link in OrgUnitLineage.objects.filter(
                target_unit_id__in=carrying).select_related("source_unit")]
        provinces = [u.pk for u in frontier if _rolls_up(u)]
        if provinces:
            days = [p.end for p in periods]
            q = valid_on_q(days[0])
            for day in days[1:]:
                q |= valid_on_q(day)
            nxt += list(OrgUnit.objects.filter(parent_id__in=provinces, kind=OrgUnit.Kind.DISTRICT).filter(q))
        nxt = [u for u in nxt if u.pk not in ids]
        if not nxt:
            break
        ids.update(u.pk for u in nxt)
        frontier = nxt
    return sorted(ids)


def carried_rows(table) -> list:
    """The rows of an evaluation table whose value or prior value is carried."""
    return [r for r in table.rows if getattr(r.value, "is_carried", False) or getattr(r.prior, "is_carried", False)]

