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

    @property
    def leaves(self):
        return [r for r in self.rows if r.is_leaf]


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

    return list(walk(None, 0, ""))


def capital_view(*, unit: OrgUnit, period: str, as_of: date | None = None, pace: Decimal | None = None) -> CapitalView:
    period = Period.parse(period).code
    as_of = as_of or date.today()
    view = CapitalView(unit=unit, period=period, as_of=as_of, pace=pace)
    lines = list(CapitalLine.objects.filter(org_unit=unit, period=period)
                 .select_related("programme", "project").prefetch_related("disbursements").order_by("order", "code"))
    converted = {line.pk: engine_line(line) for line in lines}
    tree = _ordered_tree(lines)
    by_pk = {line.pk: line for line in lines}
    leaf_of: dict[int, list[engine.CapitalLine]] = {}
    for line, _depth, _n, is_leaf in tree:
        if is_leaf:
            # every ancestor of a leaf sums it
            node = line
            while node is not None:
                leaf_of.setdefault(node.pk, []).append(converted[line.pk])
                node = by_pk.get(node.parent_id)
    for line, depth, number, is_leaf in tree:
        parts = leaf_of.get(line.pk, [])
        if is_leaf:
            totals = engine.totals_by([converted[line.pk]], lambda _: 0, as_of)[0]
        else:
            summed = engine.totals_by(parts, lambda _: 0, as_of)[0]
            totals = engine.Totals(line.amount, summed.disbursed)
        row = LineRow(line, depth, number, is_leaf, totals)
        if not is_leaf:
            direct = [c.amount for c in lines if c.parent_id == line.pk]
            row.parts_diff = engine.parts_mismatch(line.amount, direct)
            if row.parts_diff is not None:
                view.findings.append(Finding("conflict", (
                    f"{line.label}: văn bản ghi tổng {format_number(line.amount)}, các dòng chi tiết cộng lại "
                    f"{format_number(line.amount + row.parts_diff)} (lệch {format_number(row.parts_diff)})."), line.source))
        if line.stated_pct is not None and totals.pct_disbursed is not None:
            _check_pct(view, line, totals)
        view.rows.append(row)
    leaves = [converted[r.line.pk] for r in view.rows if r.is_leaf]
    view.total = engine.totals_by(leaves, lambda _: 0, as_of).get(0, engine.Totals(Decimal(0), Decimal(0)))
    view.by_programme = sorted(engine.totals_by(leaves, lambda x: x.programme, as_of).items())
    view.by_source = sorted(engine.totals_by(leaves, lambda x: x.source, as_of).items())
    view.by_type = sorted(engine.totals_by(leaves, lambda x: x.capital_type, as_of).items())
    view.by_origin = sorted(engine.totals_by(leaves, lambda x: x.origin_year or 0, as_of).items())
    view.lagging = engine.lagging([x for x in leaves if x.start <= as_of], as_of, pace)
    return view


def _check_pct(view: CapitalView, line: CapitalLine, totals: engine.Totals) -> None:
    stated = line.stated_pct.normalize()
    places = max(0, -stated.as_tuple().exponent)
    computed = totals.pct_disbursed.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if computed != stated:
        view.findings.append(Finding("conflict", (
            f"{line.label}: báo cáo ghi giải ngân {format_number(stated)}%, số giải ngân / kế hoạch = "
            f"{format_number(totals.disbursed)} / {format_number(totals.plan)} = "
            f"{format_number(totals.pct_disbursed, 2)}%."), line.source))
