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

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import cached_property

from django.db.models import Q

from ktxh.catalog.models import DECIMAL, Indicator
from ktxh.core.display import ILLUSTRATIVE_LABEL, is_illustrative
from ktxh.engine.carry import CarryResult, Source, carry, roll_up
from ktxh.engine.numbers import format_number, format_percent
from ktxh.engine.periods import Period
from ktxh.engine.semantics import Aggregation
from ktxh.orgunits.models import OrgUnit, OrgUnitLineage
from ktxh.orgunits.selectors import valid_on_q
from ktxh.values.models import DataValue
from ktxh.values.selectors import best_by, published_values

__all__ = ["CarriedValue", "Reach", "involved_units", "unit_figures", "unit_reach"]

_MAX_DEPTH = 4  # new province <- old provinces <- old districts: two levels; margin for renames
_IND_FIELDS = ("id", "aggregation", "measure_kind", "numerator_id", "denominator_id")
_KIND_ORDER = {"estimate": 1, "official": 2, "revised": 3}
_ONE = Decimal(1)
_STORED_PLACES = Decimal(1).scaleb(-DECIMAL["decimal_places"])  # DataValue.value's places


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
    illustrative: bool = False  # computed from a demo figure that is not a published one

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


def _as_stored(value: Decimal | None) -> Decimal | None:
    """A computed figure (a rate recomputed from its parts has 30 significant digits) with
    the precision of a stored value: what the page, the JSON and the report show and the
    evaluation reads, as for a reported figure. `result.value` keeps the exact one."""
    if value is None:
        return None
    with localcontext() as ctx:
        ctx.prec = 60
        return value.quantize(_STORED_PLACES, rounding=ROUND_HALF_UP)


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
    # the label follows the figure wherever its provenance is shown (core.display.is_illustrative)
    return text + "." + (f" {ILLUSTRATIVE_LABEL}." if cv.illustrative else "")


@dataclass(slots=True)
class _Fig:
    value: Decimal | None
    kind: str | None
    row: DataValue | CarriedValue | None  # None for an input read as a plain tuple
    illustrative: bool = False


@dataclass(frozen=True)
class _Ind:
    pk: int
    aggregation: str
    measure_kind: str
    numerator_id: int | None
    denominator_id: int | None

    @cached_property
    def method(self) -> Aggregation:
        return Aggregation(self.aggregation)

    @property
    def composed(self) -> bool:
        return self.aggregation in (Aggregation.RATIO, Aggregation.WEIGHTED_MEAN)

    @cached_property
    def options(self) -> dict:
        return {"kind": self.measure_kind, "has_ratio_parts": bool(self.numerator_id and self.denominator_id),
                "has_weights": bool(self.denominator_id)}


def _needs_carry(unit: OrgUnit, period: Period) -> bool:
    return unit.valid_from is not None and period.start < unit.valid_from


def _rolls_up(unit: OrgUnit) -> bool:
    return unit.kind == OrgUnit.Kind.PROVINCE


@dataclass
class Reach:
    """What a unit's figures for some periods may be computed from, read once (one query
    per level of lineage or of old districts): the lineage of every unit that is carried
    (target -> [(old unit, share)]), the old districts of every province, and the ids of
    all these units (the evaluation cache's key)."""

    unit: OrgUnit
    lineage: dict[int, list[tuple[OrgUnit, Decimal | None]]] = field(default_factory=dict)
    children: dict[int, list[OrgUnit]] = field(default_factory=dict)
    ids: list[int] = field(default_factory=list)
    lineage_rows: list[tuple[int, Decimal | None]] = field(default_factory=list)  # (id, share) read

    @property
    def lineage_version(self) -> tuple:
        """The lineage rows read: a carried figure changes when a predecessor or a share
        does (an edit in place also sets the global revision, see evaluation.cache)."""
        shares = [s for _, s in self.lineage_rows if s is not None]
        return (len(self.lineage_rows), max((pk for pk, _ in self.lineage_rows), default=None),
                sum(shares) if shares else None)

    @property
    def carries(self) -> bool:
        return len(self.ids) > 1


def unit_reach(unit: OrgUnit, periods: list[Period]) -> Reach:
    """The units `unit_figures` may read for `unit` in `periods` (see Reach). An ordinary
    unit and period: no query."""
    reach = Reach(unit)
    seen = {unit.pk}
    frontier = [unit]
    days = [p.end for p in periods]
    for _ in range(_MAX_DEPTH):
        nxt: list[OrgUnit] = []
        carrying = [u.pk for u in frontier if any(_needs_carry(u, p) for p in periods)]
        if carrying:
            for pk in carrying:
                reach.lineage[pk] = []
            for link in (OrgUnitLineage.objects.filter(target_unit_id__in=carrying)
                         .select_related("source_unit").order_by("source_unit__path")):
                share = link.share if link.event == OrgUnitLineage.Event.SPLIT else _ONE
                reach.lineage[link.target_unit_id].append((link.source_unit, share))
                reach.lineage_rows.append((link.pk, link.share))
                nxt.append(link.source_unit)
        provinces = [u.pk for u in frontier if _rolls_up(u)]
        if provinces:
            q = valid_on_q(days[0])
            for day in days[1:]:
                q |= valid_on_q(day)
            for child in (OrgUnit.objects.filter(parent_id__in=provinces, kind=OrgUnit.Kind.DISTRICT)
                          .filter(q).order_by("path")):
                reach.children.setdefault(child.parent_id, []).append(child)
                nxt.append(child)
        nxt = [u for u in {u.pk: u for u in nxt}.values() if u.pk not in seen]
        if not nxt:
            break
        seen.update(u.pk for u in nxt)
        frontier = nxt
    reach.ids = sorted(seen)
    return reach


class _Resolver:
    """Every figure of the reach for the periods, from two queries of values (the unit's
    own rows as model instances, every other unit's as plain tuples), then in memory."""

    def __init__(self, reach: Reach, periods: list[Period], main_only: bool):
        self.reach = reach
        codes = [p.code for p in periods]
        specs = list(Indicator.objects.values_list(*_IND_FIELDS, "is_main"))
        self.indicators = {row[0]: _Ind(*row[:-1]) for row in specs}
        # only these indicators are carried (a main-indicator table: its numerators and
        # denominators are read as inputs, not carried for rows nobody shows) ...
        self.wanted = {row[0] for row in specs if row[-1]} if main_only else None
        self.composed = [ind for ind in self.indicators.values()
                         if ind.composed and (self.wanted is None or ind.pk in self.wanted)]
        # ... except below the first level, where a rate's parts are carried for the level above
        parts = {pk for ind in self.composed for pk in (ind.numerator_id, ind.denominator_id) if pk}
        self.deep_wanted = None if self.wanted is None else self.wanted | parts
        # Every value of every unit of the reach for the periods in one query, as plain
        # tuples (the old units' values are only inputs: no model instances, bench/units.py);
        # below the unit itself only the indicators that can be carried up.
        top = reach.unit.pk
        others = [pk for pk in reach.ids if pk != top]
        below = Q(org_unit_id__in=others)
        if self.deep_wanted is not None:
            below &= Q(indicator_id__in=self.deep_wanted)
        rank = DataValue.KIND_PRIORITY
        best: dict[tuple[int, str, int], tuple] = {}
        for row in published_values().filter(Q(org_unit_id=top) | below, period__in=codes).values_list(
                "org_unit_id", "period", "indicator_id", "kind", "value", "pk", "source"):
            key = row[:3]
            held = best.get(key)
            if held is None or rank[row[3]] > rank[held[3]]:  # revised > official > estimate (best_by)
                best[key] = row
        # the unit's own figures are shown (provenance, source, comment): model instances
        mine = {row[5] for key, row in best.items() if key[0] == top}
        instances = {dv.pk: dv for dv in DataValue.objects.filter(pk__in=mine)} if mine else {}
        self.own: dict[tuple[int, str], dict[int, _Fig]] = {}
        for (unit_id, period, ind_id), row in best.items():
            self.own.setdefault((unit_id, period), {})[ind_id] = _Fig(row[4], row[3], instances.get(row[5]),
                                                                      is_illustrative(row[6]))
        self.memo: dict[tuple[int, str], tuple[int, dict[int, _Fig]]] = {}

    def figures(self, unit: OrgUnit, period: Period, depth: int = 0) -> dict[int, _Fig]:
        key = (unit.pk, period.code)
        hit = self.memo.get(key)
        if hit is not None and hit[0] <= depth:
            return hit[1]
        figs = dict(self.own.get(key, {}))
        if depth < _MAX_DEPTH:
            links, direction = self._sources(unit, period)
            if links:
                below = [self.figures(src, period, depth + 1) for src, _ in links]
                wanted = self.wanted if depth == 0 else self.deep_wanted
                for ind, cv in self._derive(links, below, direction, period, wanted).items():
                    figs.setdefault(ind, _Fig(cv.value, cv.kind, cv, cv.illustrative))
        self.memo[key] = (depth, figs)
        return figs

    def _sources(self, unit: OrgUnit, period: Period) -> tuple[list[tuple[OrgUnit, Decimal | None]], str]:
        if _needs_carry(unit, period) and self.reach.lineage.get(unit.pk):
            return self.reach.lineage[unit.pk], "carried"
        if _rolls_up(unit):
            return [(c, None) for c in self.reach.children.get(unit.pk, []) if c.valid_on(period.end)], "rolled_up"
        return [], ""

    def _derive(self, links: list[tuple[OrgUnit, Decimal | None]], below: list[dict[int, _Fig]], direction: str,
                period: Period, wanted: set[int] | None) -> dict[int, CarriedValue]:
        with_data = {ind for figs in below for ind, f in figs.items() if f.value is not None}
        candidates = set(with_data) if wanted is None else with_data & wanted
        for ind in self.composed:
            if ind.numerator_id in with_data or ind.denominator_id in with_data:
                candidates.add(ind.pk)
        carried = direction == "carried"
        shares = [share if carried else _ONE for _, share in links]
        out: dict[int, CarriedValue] = {}
        for ind_id in candidates:
            ind = self.indicators.get(ind_id)
            if ind is None:
                continue
            method = ind.method
            ratio, weighted = method is Aggregation.RATIO, method is Aggregation.WEIGHTED_MEAN
            num_id, den_id = ind.numerator_id, ind.denominator_id
            sources = []
            kinds = []
            illustrative = False
            for (src, _), share, figs in zip(links, shares, below, strict=True):
                f = figs.get(ind_id)
                if f is not None and f.value is not None:
                    kinds.append(f.kind)
                num = den = None
                if method is not Aggregation.SUM:
                    num = figs.get(num_id) if num_id else None
                    den = figs.get(den_id) if den_id else None
                    kinds += [x.kind for x in (num, den) if x is not None and x.value is not None]
                illustrative |= any(x.illustrative for x in (f, num, den) if x is not None and x.value is not None)
                sources.append(Source(
                    code=src.key, name=src.name, value=f.value if f else None, share=share,
                    numerator=num.value if num and ratio else None,
                    denominator=den.value if den and ratio else None,
                    weight=den.value if den and weighted else None))
            result = carry(method, sources, **ind.options) if carried else roll_up(method, sources, **ind.options)
            kind = min((k for k in kinds if k), key=_KIND_ORDER.get, default="estimate")
            out[ind_id] = CarriedValue(ind_id, period.code, _as_stored(result.value), kind, result, direction,
                                       illustrative)
        return out


def unit_figures(unit: OrgUnit, periods: list[Period], *, main_only: bool = False,
                 reach: Reach | None = None) -> dict[tuple[int, str], DataValue | CarriedValue]:
    """Per (indicator, period) the unit's own best value (revised > official > estimate),
    or else its carried / rolled-up figure (a CarriedValue, whose value may be None when
    incomplete or a break: its `result.reason` says why). With `main_only`, only main
    indicators are carried (own values are returned for every indicator). `reach`: unit_reach(unit, periods) when the caller has it."""
    if not (any(_needs_carry(unit, p) for p in periods) or _rolls_up(unit)):
        # An ordinary unit and period: one query, the same as before carrying existed.
        return best_by(((row.indicator_id, row.period), row)
                       for row in published_values().filter(org_unit=unit, period__in=[p.code for p in periods]))
    resolver = _Resolver(reach if reach is not None else unit_reach(unit, periods), periods, main_only)
    out: dict[tuple[int, str], DataValue | CarriedValue] = {}
    for period in periods:
        for ind, fig in resolver.figures(unit, period).items():
            out[(ind, period.code)] = fig.row
    return out


def involved_units(unit: OrgUnit, periods: list[Period]) -> list[int]:
    """The ids of every unit whose values `unit_figures` may read (for the cache key)."""
    return unit_reach(unit, periods).ids
