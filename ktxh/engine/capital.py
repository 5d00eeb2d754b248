"""National target programme capital: plans, disbursements, what remains.

Pure Python, exact Decimal (triệu đồng). Formulas (docs/programmes.md §Capital):
- disbursed = Σ disbursement entries dated on or before the as-of date;
- % disbursed = disbursed / plan × 100 (empty when the plan is 0);
- remaining = plan − disbursed;
- a line lags when its % disbursed is below the chosen pace (a % of plan, or by
  default the share of its disbursement window already elapsed);
- a stated total is checked against the sum of its parts (004 §V: 271.034 stated,
  136.502 + 135.000 = 271.502);
- lines nest, and a total never adds a line and its own parts: `partition` turns the tree
  into lines that cover every amount once (docs/programmes.md §2, "Nesting").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext

from .evaluate import PRECISION

__all__ = ["CapitalLine", "PlanNode", "Totals", "lagging", "linear_pace", "partition", "parts_mismatch", "pct",
           "totals_by"]

_HUNDRED = Decimal(100)


def pct(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return part / whole * _HUNDRED


@dataclass(frozen=True)
class CapitalLine:
    """One leaf plan line with its disbursements (date, amount)."""

    key: str
    label: str
    plan: Decimal
    disbursements: tuple[tuple[date, Decimal], ...] = ()
    programme: str = ""
    source: str = ""
    capital_type: str = ""
    origin_year: int | None = None
    start: date | None = None
    deadline: date | None = None

    def disbursed(self, as_of: date | None = None) -> Decimal:
        return sum((a for d, a in self.disbursements if as_of is None or d <= as_of), Decimal(0))


@dataclass(frozen=True)
class Totals:
    plan: Decimal
    disbursed: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.plan - self.disbursed

    @property
    def pct_disbursed(self) -> Decimal | None:
        return pct(self.disbursed, self.plan)


def totals_by(lines: Iterable[CapitalLine], key: Callable[[CapitalLine], object],
              as_of: date | None = None) -> dict[object, Totals]:
    """Plan and disbursed summed per key (programme, source, type, year of origin)."""
    plan: dict[object, Decimal] = {}
    paid: dict[object, Decimal] = {}
    for line in lines:
        k = key(line)
        plan[k] = plan.get(k, Decimal(0)) + line.plan
        paid[k] = paid.get(k, Decimal(0)) + line.disbursed(as_of)
    return {k: Totals(plan[k], paid[k]) for k in plan}


def linear_pace(line: CapitalLine, as_of: date) -> Decimal:
    """Share of the line's window (start → deadline) elapsed at `as_of`, in %."""
    start = line.start or date(as_of.year, 1, 1)
    end = line.deadline or date(start.year, 12, 31)
    if as_of <= start:
        return Decimal(0)
    if as_of >= end:
        return _HUNDRED
    return pct(Decimal((as_of - start).days), Decimal((end - start).days)) or Decimal(0)


@dataclass(frozen=True)
class Lag:
    line: CapitalLine
    pct_disbursed: Decimal
    pace: Decimal

    @property
    def gap(self) -> Decimal:
        return self.pace - self.pct_disbursed


def lagging(lines: Sequence[CapitalLine], as_of: date, pace: Decimal | None = None) -> list[Lag]:
    """Lines whose % disbursed at `as_of` is below `pace` (or the linear pace), worst first."""
    out = []
    for line in lines:
        p = pct(line.disbursed(as_of), line.plan)
        if p is None:
            continue
        expected = pace if pace is not None else linear_pace(line, as_of)
        if p < expected:
            out.append(Lag(line, p, expected))
    return sorted(out, key=lambda lag: (-lag.gap, lag.line.key))


def parts_mismatch(stated_total: Decimal, parts: Sequence[Decimal]) -> Decimal | None:
    """Σ parts − stated total when they differ; None when they agree or there are no parts."""
    if not parts:
        return None
    diff = sum(parts, Decimal(0)) - stated_total
    return diff or None


@dataclass(frozen=True)
class PlanNode:
    """A plan line and its sub-lines. `complete`: the sub-lines make up the whole (004 §V, each
    part itemised); otherwise they are "trong đó" items of a total stated as a whole (000: "Tổng
    kế hoạch vốn đầu tư năm 2023 được giao là 188.685", NTM investment included), and the line's
    own entries are the whole's disbursements."""

    line: CapitalLine
    children: tuple[PlanNode, ...] = ()
    complete: bool = True


REST_SUFFIX = " (phần còn lại chưa tách chi tiết)"


def partition(nodes: Sequence[PlanNode]) -> list[CapitalLine]:
    """Lines covering every amount of the plan exactly once, to be summed: a leaf as it is; a
    complete parent by its parts; a partial parent by its parts plus the rest (its stated plan and
    disbursements minus its parts'), which keeps the parent's programme, source and type. A
    partial parent without entries of its own is taken as disbursed through its parts only."""
    out: list[CapitalLine] = []
    for node in nodes:
        if not node.children:
            out.append(node.line)
            continue
        parts = partition(node.children)
        out += parts
        if node.complete:
            continue
        line = node.line
        own = line.disbursements
        rest_entries = (own + tuple((d, -a) for part in parts for d, a in part.disbursements)) if own else ()
        out.append(CapitalLine(
            key=line.key, label=line.label + REST_SUFFIX, plan=line.plan - sum((p.plan for p in parts), Decimal(0)),
            disbursements=rest_entries, programme=line.programme, source=line.source,
            capital_type=line.capital_type, origin_year=line.origin_year, start=line.start,
            deadline=line.deadline))
    return out
