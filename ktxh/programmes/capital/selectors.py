"""Reads of capital plans for one unit and plan period; every figure from ktxh.engine.capital."""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ktxh.engine import capital as engine
from ktxh.engine.numbers import format_number
from ktxh.engine.periods import Period
from ktxh.orgunits.models import OrgUnit
from ktxh.programmes.capital.models import CapitalLine


@dataclass
class LineRow:
    line: CapitalLine
    depth: int
    number: str
    is_leaf: bool
    totals: engine.Totals
    parts_diff: Decimal | None = None  # Σ parts − stated total, when they differ
    is_rest: bool = False  # the unitemised rest of a "trong đó" total (line = that total)


@dataclass
class Finding:
    severity: str
    message: str
    source: str = ""


@dataclass
class CapitalView:
    unit: OrgUnit
    period: str
    as_of: date
    pace: Decimal | None
    rows: list[LineRow] = field(default_factory=list)
    total: engine.Totals | None = None
    by_programme: list = field(default_factory=list)
    by_source: list = field(default_factory=list)
    by_type: list = field(default_factory=list)
    by_origin: list = field(default_factory=list)
    lagging: list = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # how the total is made: (number, label, totals) of each top-level line
    made_of: list = field(default_factory=list)
    rest_after: dict = field(default_factory=dict)

    @property
    def leaves(self):
        return [r for r in self.rows if r.is_leaf and not r.is_rest]


def capital_periods(unit: OrgUnit) -> list[str]:
    codes = set(CapitalLine.objects.filter(org_unit=unit).values_list("period", flat=True))
    return [p.code for p in sorted((Period.parse(c) for c in codes), key=lambda p: (p.start, p.end))]


def engine_line(line: CapitalLine) -> engine.CapitalLine:
    return engine.CapitalLine(
        key=line.code, label=line.label, plan=line.amount,
        disbursements=tuple((d.date, d.amount) for d in line.disbursements.all()),
        programme=str(line.programme) if line.programme else "Chưa gắn chương trình",
        source=line.get_fund_source_display(), capital_type=line.get_capital_type_display(),
        origin_year=line.origin_year, start=Period.parse(line.period).start, deadline=line.deadline,
    )


def _ordered_tree(lines: list[CapitalLine]):
    children: dict[int | None, list[CapitalLine]] = {}
    ids = {line.pk for line in lines}
    for line in lines:
        parent = line.parent_id if line.parent_id in ids else None
        children.setdefault(parent, []).append(line)

    def walk(parent, depth, prefix):
        for i, line in enumerate(children.get(parent, []), 1):
            number = f"{prefix}{i}" if depth else str(i)
            yield line, depth, number, line.pk not in children
            yield from walk(line.pk, depth + 1, number + ".")

    return list(walk(None, 0, "")), children


def _sum(lines, as_of) -> engine.Totals:
    return engine.totals_by(lines, lambda _: 0, as_of).get(0, engine.Totals(Decimal(0), Decimal(0)))


def capital_view(*, unit: OrgUnit, period: str, as_of: date | None = None, pace: Decimal | None = None) -> CapitalView:
    """The lines of a plan period as a tree. Every total sums `engine.partition` of the tree, so no
    amount counts twice: a parent is never added to its own parts (docs/programmes.md §2)."""
    period = Period.parse(period).code
    as_of = as_of or date.today()
    view = CapitalView(unit=unit, period=period, as_of=as_of, pace=pace)
    lines = list(CapitalLine.objects.filter(org_unit=unit, period=period)
                 .select_related("programme", "project").prefetch_related("disbursements").order_by("order", "code"))
    converted = {line.pk: engine_line(line) for line in lines}
    tree, children = _ordered_tree(lines)

    def node(line):
        return engine.PlanNode(converted[line.pk], tuple(node(c) for c in children.get(line.pk, [])),
                               complete=line.parts_complete)

    nodes = {line.pk: node(line) for line in lines}
    for line, depth, number, is_leaf in tree:
        n = nodes[line.pk]
        if is_leaf:
            totals = _sum([n.line], as_of)
        else:
            parts = engine.partition([n])
            disbursed = (n.line.disbursed(as_of) if not line.parts_complete and n.line.disbursements
                         else _sum(parts, as_of).disbursed)
            totals = engine.Totals(line.amount, disbursed)
        row = LineRow(line, depth, number, is_leaf, totals)
        if not is_leaf:
            direct = [c.amount for c in children[line.pk]]
            row.parts_diff = engine.parts_mismatch(line.amount, direct)
            if not line.parts_complete and row.parts_diff is not None and row.parts_diff < 0:
                row.parts_diff = None  # "trong đó" items: less than the whole is expected
            if row.parts_diff is not None:
                view.findings.append(Finding("conflict", (
                    f"{line.label}: văn bản ghi tổng {format_number(line.amount)}, các dòng chi tiết cộng lại "
                    f"{format_number(line.amount + row.parts_diff)} (lệch {format_number(row.parts_diff)})."), line.source))
        if line.stated_pct is not None and totals.pct_disbursed is not None:
            _check_pct(view, line, totals)
        view.rows.append(row)
        if not is_leaf and not line.parts_complete and row.parts_diff is None:
            # the rest of a "trong đó" total, after its last sub-line
            rest = engine.partition([n])[-1]
            # an inner total's rest comes before its outer total's
            view.rest_after.setdefault(_last_descendant(line, children).pk, []).insert(0, LineRow(
                line, depth + 1, "", False, _sum([rest], as_of), is_rest=True))
    if view.rest_after:
        view.rows = [x for r in view.rows for x in [r, *view.rest_after.get(r.line.pk, [])]]
    summed = engine.partition([nodes[line.pk] for line in children.get(None, [])])
    view.total = _sum(summed, as_of)
    view.made_of = [(r.number, r.line.label, _sum(engine.partition([nodes[r.line.pk]]), as_of))
                    for r in view.rows if r.depth == 0 and not r.is_rest]
    view.by_programme = sorted(engine.totals_by(summed, lambda x: x.programme, as_of).items())
    view.by_source = sorted(engine.totals_by(summed, lambda x: x.source, as_of).items())
    view.by_type = sorted(engine.totals_by(summed, lambda x: x.capital_type, as_of).items())
    view.by_origin = sorted(engine.totals_by(summed, lambda x: x.origin_year or 0, as_of).items())
    # lagging: every line measured as a whole that holds entries (leaves, and "trong đó" totals)
    measured = [converted[r.line.pk] for r in view.rows if not r.is_rest and (
        r.is_leaf or (not r.line.parts_complete and converted[r.line.pk].disbursements))]
    view.lagging = engine.lagging([x for x in measured if x.start <= as_of], as_of, pace)
    return view


def _last_descendant(line: CapitalLine, children: dict) -> CapitalLine:
    while children.get(line.pk):
        line = children[line.pk][-1]
    return line


def _check_pct(view: CapitalView, line: CapitalLine, totals: engine.Totals) -> None:
    stated = line.stated_pct.normalize()
    places = max(0, -stated.as_tuple().exponent)
    computed = totals.pct_disbursed.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if computed != stated:
        view.findings.append(Finding("conflict", (
            f"{line.label}: báo cáo ghi giải ngân {format_number(stated)}%, số giải ngân / kế hoạch = "
            f"{format_number(totals.disbursed)} / {format_number(totals.plan)} = "
            f"{format_number(totals.pct_disbursed, 2)}%."), line.source))
