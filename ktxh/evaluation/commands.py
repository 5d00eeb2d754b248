"""`ktxh evaluate`: the evaluation table of one unit and period, as text or JSON."""

import json

from ktxh.cli import CommandError, setup_django
from ktxh.engine.numbers import json_number


def register(subparsers) -> None:
    evaluate = subparsers.add_parser("evaluate", help="bảng đánh giá chỉ tiêu chủ yếu của một đơn vị, một kỳ")
    evaluate.add_argument("--unit", required=True, help="mã đơn vị hoặc tên (có dấu hoặc không)")
    evaluate.add_argument("--period", required=True, help="2023, 2024-H1, 2024-9M, 2024-Q3, 2024-09, 2021-2025")
    evaluate.add_argument("--format", choices=["table", "json"], default="table")
    evaluate.add_argument("--all", action="store_true", help="cả các chỉ tiêu không phải chỉ tiêu chủ yếu")
    evaluate.set_defaults(func=evaluate_command)


def _table_for(args):
    from ktxh.engine.periods import Period, PeriodError

    try:
        period = Period.parse(args.period)
    except PeriodError as error:
        raise CommandError(str(error)) from None
    setup_django()
    from ktxh.evaluation.table import evaluation_table
    from ktxh.orgunits.selectors import UnitNotFound, UnitNotValid, unit_resolve

    try:
        # a code means the unit in force at the end of the period ("03583@2025" names one)
        unit = unit_resolve(args.unit, as_of=period.end)
    except UnitNotValid as error:
        if error.successors:  # dissolved before the period: say where it went
            keys = ", ".join(f"{link.unit.name} (--unit {link.unit.key})" for link in error.successors)
            raise CommandError(f"{error} Xem {keys}.") from None
        unit = error.unit  # created later: its figures for the period are carried from its predecessors
    except UnitNotFound as error:
        raise CommandError(str(error)) from None
    return evaluation_table(unit=unit, period=period.code, main_only=not args.all)


def carry_as_dict(cv) -> dict | None:
    """Provenance of a carried or rolled-up figure (None for a unit's own value)."""
    if cv is None:
        return None
    r = cv.result
    return {
        "carried_from": [{"code": p.code, "name": p.name, "share": json_number(p.share),
                          "value": json_number(p.value), "numerator": json_number(p.numerator),
                          "denominator": json_number(p.denominator)} for p in r.parts],
        "carry_rule": r.rule.value,
        "direction": cv.direction,
        "complete": r.complete,
        "partial_value": json_number(r.partial_value),
        "carry_note": cv.source,
    }


def _target_text(row) -> str:
    from ktxh.engine.targets import prior_label_vi, target_text_vi
    from ktxh.evaluation.adapter import target_spec

    return target_text_vi(target_spec(row.target), row.indicator.unit, row.indicator.measure_kind,
                          prior_label_vi(row.target.period))


def row_as_dict(row) -> dict:
    ev = row.evaluation
    carry = carry_as_dict(row.carried)
    target = row.target
    return {
        "code": row.indicator.code,
        "name": row.indicator.name,
        "group": row.indicator.group.name,
        "unit": row.indicator.unit,
        "measure_kind": row.indicator.measure_kind,
        "direction": row.indicator.direction,
        "target": None if target is None else {
            "comparator": target.comparator,
            "value": json_number(target.value),
            "value_high": json_number(target.value_high),
            # absolute, or prior_pct / prior_points: value is a signed change from last year's value
            "basis": target.basis,
            "text": _target_text(row),
            "period": target.period,
            "legal_basis": str(target.legal_basis.number) if target.legal_basis else None,
            "derived": target.is_derived,
            "source": target.source,
        },
        "value": json_number(row.value.value) if row.value else None,
        "value_kind": row.value.kind if row.value else None,
        "plan": json_number(ev.plan),  # the plan judged against (a relative target resolved)
        "plan_high": json_number(ev.plan_high),
        "pct_of_plan": json_number(ev.pct_of_plan),
        "excess": json_number(ev.excess),
        "excess_unit": ev.excess_unit,
        "prior_value": json_number(row.prior.value) if row.prior else None,
        "change": None if ev.change is None else {
            "abs": json_number(ev.change.abs),
            "rel": json_number(ev.change.rel),
            "pp": json_number(ev.change.pp),
            "pp_unit": ev.change.pp_unit,  # "pp" or "permille_points"
        },
        "status": ev.status.value,
        "status_vi": ev.status.label_vi,
        "source": row.value.source if row.value else None,
        "illustrative": row.illustrative,  # a demo figure, not a published one (core.display)
        # a figure computed from other units (docs/units.md): the old units, the rule, completeness
        "carried_from": carry["carried_from"] if carry else None,
        "carry_rule": carry["carry_rule"] if carry else None,
        "complete": carry["complete"] if carry else row.value is not None,
        "carry_note": carry["carry_note"] if carry else None,
        "carry": carry,
        "prior_carry": carry_as_dict(row.prior_carried),
    }


def table_document(table) -> dict:
    """The evaluated table as JSON: `ktxh evaluate --format json` and GET /api/v1/evaluation/."""
    s = table.summary
    return {
        "unit": {"code": table.unit.code, "name": table.unit.name, "key": table.unit.key,
                 "valid_from": table.unit.valid_from.isoformat() if table.unit.valid_from else None,
                 "valid_to": table.unit.valid_to.isoformat() if table.unit.valid_to else None},
        "period": table.period.code,
        "period_label": table.period.label_vi,
        "rows": [row_as_dict(r) for r in table.rows],
        "summary": {
            "groups_total": s.groups_total, "groups_achieved": s.groups_achieved,
            "components_total": s.components_total, "components_achieved": s.components_achieved,
            "components_not_met": s.components_not_met, "not_met": list(s.not_met_names),
            "components_no_prior": s.components_no_prior,
            "sentence": table.summary_sentence,
        },
    }


def evaluate_command(args) -> int:
    table = _table_for(args)
    if args.format == "json":
        print(json.dumps(table_document(table), ensure_ascii=False, indent=2))
        return 0
    from ktxh.evaluation.text_table import render_text_table

    print(render_text_table(table))
    return 0
