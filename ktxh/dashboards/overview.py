"""The district overview: the evaluated main-indicator table (evaluation.table) with
the communes behind, the year-end projection of partial periods, and filters.

Every figure comes from the engine (evaluate, progress); this module only selects
and groups rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ktxh.engine.fold import fold
from ktxh.engine.periods import Period
from ktxh.engine.progress import Projection, project_year_end
from ktxh.engine.semantics import Status
from ktxh.evaluation.adapter import indicator_inputs, target_spec
from ktxh.evaluation.matrix import best_values, commune_matrix
from ktxh.evaluation.table import Row, Table, evaluation_table

ATTENTION = "attention"  # not met, at risk by projection, or a commune not met
STATUS_CHOICES = [(ATTENTION, "Cần chú ý"), *[(s.value, s.label_vi.capitalize()) for s in Status]]


@dataclass
class OverviewRow:
    row: Row
    communes_not_met: list = field(default_factory=list)
    projection: Projection | None = None

    @property
    def attention(self) -> bool:
        return (self.row.evaluation.status is Status.NOT_MET or bool(self.communes_not_met)
                or (self.projection is not None and self.projection.at_risk))


@dataclass
class Overview:
    table: Table
    groups: list = field(default_factory=list)  # [(IndicatorGroup, [OverviewRow])] after filters
    counts: Counter = field(default_factory=Counter)
    shown: int = 0
    total: int = 0


def projections(unit, period: Period, rows: list[Row]) -> dict[int, Projection]:
    """Year-end projections of a year-to-date period, from last year's shape when known."""
    if not period.is_year_to_date:
        return {}
    last = period.same_period_last_year()
    ids = [r.indicator.pk for r in rows]
    history = best_values([unit.pk], [last.code, last.year_period().code], ids)
    out = {}
    for r in rows:
        if r.target is None:
            continue
        ind = r.indicator
        same = history.get((ind.pk, unit.pk, last.code))
        annual = history.get((ind.pk, unit.pk, last.year_period().code))
        out[ind.pk] = project_year_end(
            period=period, value=r.value.value if r.value else None, target=target_spec(r.target),
            last_year_same_period=same.value if same else None, last_year_annual=annual.value if annual else None,
            **indicator_inputs(ind),
            is_flow=ind.flow,  # the catalog says which quantities accumulate over the year
        )
    return out


def matches_text(indicator, query: str) -> bool:
    """Accent-insensitive: "che phu rung" finds "Tỷ lệ che phủ rừng"; codes and synonyms too."""
    q = fold(query)
    if not q:
        return True
    names = [indicator.name, indicator.code, *(indicator.synonyms or [])]
    return any(q in fold(str(n)) for n in names)


def overview(*, unit, period: Period, group: str = "", status: str = "", agency: str = "", query: str = "") -> Overview:
    table = evaluation_table(unit=unit, period=period)
    rows = table.rows
    # the whole matrix, not only these rows: the commune comparison page reads the
    # same cached matrix (evaluation.cache.cached), so the two pages evaluate it once
    matrix = commune_matrix(unit=unit, period=period)
    behind = {m.indicator.pk: [c.unit for c in m.not_met] for m in matrix.rows}
    projected = projections(unit, table.period, rows)
    result = Overview(table=table, total=len(rows))
    for grp, grp_rows in table.groups:
        kept = []
        for r in grp_rows:
            item = OverviewRow(r, behind.get(r.indicator.pk, []), projected.get(r.indicator.pk))
            result.counts[r.evaluation.status.value] += 1
            result.counts[ATTENTION] += item.attention
            if group and grp.code != group:
                continue
            if agency and (r.indicator.responsible_agency is None or r.indicator.responsible_agency.code != agency):
                continue
            if status == ATTENTION and not item.attention:
                continue
            if status and status != ATTENTION and r.evaluation.status.value != status:
                continue
            if query and not matches_text(r.indicator, query):
                continue
            kept.append(item)
        if kept:
            result.groups.append((grp, kept))
            result.shown += len(kept)
    return result
