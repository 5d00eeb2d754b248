"""The commune comparison: the evaluation matrix (evaluation.matrix) grouped as the
catalogue groups its indicators, with the rows the NTM matrix computes put in place of
the stored values of the same indicators (issue 15).

The NTM rows take their figures from programmes.ntm.selectors.ntm_matrix (the same
engine.ntm.matrix_figures the NTM page shows): a commune's "Bình quân tiêu chí nông thôn
mới" is its own number of criteria met, judged by the engine against the district's plan
like any other average; "Số xã đạt chuẩn" is the commune's recognition. A count with
unknown cells is shown as its range and judged only when both ends agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ktxh.engine.numbers import format_number
from ktxh.engine.periods import Period, PeriodKind
from ktxh.engine.semantics import Status
from ktxh.evaluation.adapter import evaluate_row, indicator_inputs
from ktxh.evaluation.matrix import Matrix, MatrixRow, commune_matrix, commune_target, plans
from ktxh.orgunits.models import OrgUnit
from ktxh.programmes.ntm.selectors import ntm_indicator, ntm_matrix

NTM_SOURCE = "Tính từ bảng tiêu chí nông thôn mới"


@dataclass
class NtmCell:
    unit: OrgUnit
    text: str
    status: Status | None  # None: not judged (thị trấn, a range whose ends disagree, no recognition)
    title: str
    value: Decimal | None = None  # the exact count, for sorting and the spreadsheet
    source: str = ""  # the criteria table it is computed from, or the recognition decision


@dataclass
class NtmRow:
    """A comparison row computed from the NTM matrix instead of read from stored values."""

    indicator: object
    cells: list[NtmCell]
    is_ntm = True

    @property
    def not_met(self) -> list[NtmCell]:
        return [c for c in self.cells if c.status is Status.NOT_MET]


@dataclass
class NtmSummary:
    year: int
    criteria_set: str
    size: int
    average: str  # "9,19" or "9,19–9,75" (engine range)
    standard: int
    communes: int
    complete: bool


@dataclass
class Comparison:
    matrix: Matrix
    groups: list = field(default_factory=list)  # [(IndicatorGroup, [MatrixRow | NtmRow])]
    ntm: NtmSummary | None = None

    @property
    def rows(self) -> list:
        return [r for _, rows in self.groups for r in rows]


def comparison(*, unit: OrgUnit, period: Period | str, only_behind: bool = False, sort: str = "") -> Comparison:
    current = Period.of(period)
    matrix = commune_matrix(unit=unit, period=current)
    rows: list = list(matrix.rows)
    result = Comparison(matrix=matrix)
    if matrix.units and current.kind is PeriodKind.YEAR:
        ntm_rows, result.ntm = _ntm_rows(unit, current, matrix)
        for new in ntm_rows:
            at = next((i for i, r in enumerate(rows) if r.indicator.pk == new.indicator.pk), None)
            if at is None:
                rows.append(new)
            else:
                rows[at] = new
    if only_behind:
        rows = [r for r in rows if r.not_met]
    rows.sort(key=lambda r: (r.indicator.group.order, r.indicator.group.code, r.indicator.order, r.indicator.code))
    col = next((i for i, u in enumerate(matrix.units) if u.code == sort), None)
    groups: dict = {}
    for r in rows:
        groups.setdefault(r.indicator.group, []).append(r)
    result.groups = [(g, _sorted(members, col)) for g, members in groups.items()]
    return result


def _sort_value(row, col: int) -> Decimal | None:
    cell = row.cells[col]
    if isinstance(cell, NtmCell):
        return cell.value
    return cell.value.value if cell.value is not None else None


def _sorted(rows: list, col: int | None) -> list:
    """By the value in one commune's column, largest first (within a group), or as the catalogue orders them."""
    if col is None:
        return rows
    with_value = [r for r in rows if _sort_value(r, col) is not None]
    without = [r for r in rows if _sort_value(r, col) is None]
    return sorted(with_value, key=lambda r: _sort_value(r, col), reverse=True) + without


def _ntm_rows(unit: OrgUnit, current: Period, matrix: Matrix) -> tuple[list[NtmRow], NtmSummary | None]:
    view = ntm_matrix(district=unit, year=current.year)
    if view.criteria_set is None or not view.cells:
        return [], None
    size = len(view.criteria)
    counts = {c.code: c for c in view.figures.communes}
    in_ntm = {c.pk for c in view.communes}
    stored = {r.indicator.pk: r for r in matrix.rows}
    summary = NtmSummary(year=current.year, criteria_set=view.criteria_set.code, size=size,
                         average=_range_text(view.figures.average), standard=view.standard_count,
                         communes=len(view.communes), complete=view.figures.complete)
    where = f"{NTM_SOURCE} (bộ {view.criteria_set.code}, năm {current.year})"
    rows = []
    average = ntm_indicator("average")
    if average is not None:
        targets = plans([*(u.pk for u in matrix.units), unit.pk], current.plan_period().code, [average.pk])
        inputs = indicator_inputs(average)
        cells = []
        for i, u in enumerate(matrix.units):
            if u.pk not in in_ntm:
                cells.append(NtmCell(u, "không xét", None, f"{u.name}: không thuộc diện xét nông thôn mới"))
                continue
            count = counts[u.code]
            target, _basis = commune_target(average, u, unit, targets)
            low = evaluate_row(average, target, Decimal(count.met), None, current, inputs=inputs).status
            high = evaluate_row(average, target, Decimal(count.possible), None, current, inputs=inputs).status
            status = low if low == high else None
            text = str(count.met) if not count.unknown else f"{count.met}–{count.possible}"
            title = f"{u.name}: đạt {text}/{size} tiêu chí"
            if count.unknown:
                title += f" ({count.unknown} tiêu chí chưa rõ)"
            title += f"; {status.label_vi if status else 'chưa đánh giá được'}; {where}"
            old = stored.get(average.pk)
            reported = old.cells[i].value if old is not None else None
            if reported is not None and reported.value != Decimal(count.met):
                title += f"; số báo cáo ghi {format_number(reported.value)}"
            cells.append(NtmCell(u, text, status, title, None if count.unknown else Decimal(count.met), where))
        rows.append(NtmRow(average, cells))
    standard = ntm_indicator("standard")
    if standard is not None:
        cells = []
        for u in matrix.units:
            rec = view.recognitions.get(u.pk)
            if u.pk not in in_ntm:
                cells.append(NtmCell(u, "không xét", None, f"{u.name}: không thuộc diện xét nông thôn mới"))
            elif rec is not None:
                cells.append(NtmCell(u, rec.get_tier_display(), Status.MET,
                                     f"{u.name}: {rec.get_tier_display().lower()} theo {rec.decision} "
                                     f"ngày {rec.decision_date:%d/%m/%Y}", Decimal(1),
                                     f"{rec.decision} ngày {rec.decision_date:%d/%m/%Y}"))
            else:
                cells.append(NtmCell(u, "Chưa đạt", None, f"{u.name}: chưa có quyết định công nhận đạt chuẩn "
                                                          f"đến hết năm {current.year}", Decimal(0), where))
        rows.append(NtmRow(standard, cells))
    return rows, summary


def _range_text(r) -> str:
    if r is None:
        return ""
    low, high = format_number(r.low, 2), format_number(r.high, 2)
    return low if r.exact else f"{low}–{high}"


__all__ = ["Comparison", "MatrixRow", "NtmCell", "NtmRow", "NtmSummary", "comparison"]
