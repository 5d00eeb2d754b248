"""`ktxh ntm`: the NTM matrix of a district and year, its computed aggregates and
the findings against what reports state — for scripting and checking."""

import datetime
import json

from ktxh.cli import CommandError, setup_django
from ktxh.engine.numbers import json_number


def register(subparsers) -> None:
    ntm = subparsers.add_parser("ntm", help="bảng tiêu chí nông thôn mới của huyện: xã × tiêu chí, tổng hợp, phát hiện")
    ntm.add_argument("--unit", required=True, help="mã huyện hoặc tên (có dấu hoặc không)")
    ntm.add_argument("--year", required=True, type=int, help="năm, ví dụ 2023")
    ntm.add_argument("--set", dest="criteria_set", help="số quyết định của bộ tiêu chí (mặc định: bộ có số liệu)")
    ntm.add_argument("--format", choices=["table", "json"], default="table")
    ntm.set_defaults(func=ntm_command)


def _range(r) -> dict | None:
    return None if r is None else {"low": json_number(r.low), "high": json_number(r.high), "exact": r.exact}


def ntm_document(view) -> dict:
    figures = view.figures
    communes = []
    for commune, count, cells, rec in view.rows():
        by_state = {"met": [], "not_met": [], "unknown": []}
        for criterion, cell in zip(view.criteria, cells, strict=True):
            by_state[cell.state if cell else "unknown"].append(criterion.number)
        communes.append({
            "code": commune.code, "name": commune.name, **by_state,
            "met_count": count.met if count else 0, "possible": count.possible if count else 0,
            "recognition": None if rec is None else {
                "tier": rec.tier, "tier_vi": rec.get_tier_display(), "decision": rec.decision,
                "date": rec.decision_date.isoformat()},
        })
    return {
        "unit": {"code": view.district.code, "name": view.district.name},
        "year": view.year,
        "criteria_set": None if view.criteria_set is None else {
            "code": view.criteria_set.code, "name": view.criteria_set.name, "criteria": len(view.criteria)},
        "communes": communes,
        "aggregates": None if figures is None else {
            "communes": figures.commune_total,
            "standard_communes": view.standard_count,
            "total_met": _range(figures.total_met),
            "average": _range(figures.average),
            "bands": {label: _range(r) for label, r in figures.bands.items()},
            "per_criterion_met": {str(k): _range(r) for k, r in figures.per_criterion_met.items()},
            "unknown_cells": figures.unknown_cells,
            "complete": figures.complete,
        },
        "goals": None if view.goals is None else {
            "year": view.goal_year,
            "lines": [{"label": g.label, "comparator": g.comparator, "goal": json_number(g.goal), "current": _range(g.current),
                       "reached": g.reached} for g in view.goals.lines],
        },
        "findings": [{"severity": f.severity, "message": f.message, "source": f.source} for f in view.findings],
    }


def ntm_command(args) -> int:
    setup_django()
    from ktxh.orgunits.selectors import UnitNotFound, unit_resolve
    from ktxh.programmes.ntm.models import CriteriaSet
    from ktxh.programmes.ntm.selectors import ntm_view

    if not 2000 <= args.year <= 2100:
        raise CommandError(f"Năm {args.year} không hợp lệ.")
    try:
        unit = unit_resolve(args.unit, as_of=datetime.date(args.year, 12, 31))  # the unit of that year
    except UnitNotFound as error:
        raise CommandError(str(error)) from None
    criteria_set = None
    if args.criteria_set:
        criteria_set = CriteriaSet.objects.filter(code=args.criteria_set, level="commune").first()
        if criteria_set is None:
            raise CommandError(f"Không có bộ tiêu chí xã '{args.criteria_set}'.")
    view = ntm_view(district=unit, year=args.year, criteria_set=criteria_set)
    if not view.communes:
        raise CommandError(f"{unit.name} không có xã nào (lệnh ntm nhận mã hoặc tên một huyện).")
    document = ntm_document(view)
    if args.format == "json":
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(render_text(view))
    return 0


def render_text(view) -> str:
    from ktxh.engine.numbers import format_number

    marks = {"met": "x", "not_met": ".", "unknown": "?"}
    head = f"Bảng tiêu chí nông thôn mới — {view.district.name}, năm {view.year}"
    if view.criteria_set:
        head += f", bộ tiêu chí {view.criteria_set.code}"
    lines = [head, "x = đạt, . = chưa đạt, ? = chưa rõ", ""]
    width = max((len(c.name) for c in view.communes), default=10)
    lines.append(" " * width + " " + "".join(f"{c.number:>3}" for c in view.criteria) + "   đạt")
    for commune, count, cells, rec in view.rows():
        row = "".join(f"{marks[cell.state if cell else 'unknown']:>3}" for cell in cells)
        met = f"{count.met}" if count and not count.unknown else f"{count.met}–{count.possible}" if count else ""
        lines.append(f"{commune.name:<{width}} {row}   {met}{'  (đạt chuẩn)' if rec else ''}")
    f = view.figures
    if f and f.average:
        avg = (format_number(f.average.low, 2) if f.average.exact
               else f"{format_number(f.average.low, 2)}–{format_number(f.average.high, 2)}")
        lines += ["", f"Bình quân tiêu chí/xã: {avg}; ô chưa rõ: {f.unknown_cells}"]
        lines.append("Số xã theo nhóm: " + "; ".join(
            f"{k}: {format_number(r.low)}" + ("" if r.exact else f"–{format_number(r.high)}") for k, r in f.bands.items()))
    if view.findings:
        lines += ["", "Phát hiện:"] + [f"- [{x.severity}] {x.message} ({x.source})" for x in view.findings]
    return "\n".join(lines)
