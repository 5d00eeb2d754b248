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
        period = Period.parse(args.period).code
    except PeriodError as error:
        raise CommandError(str(error)) from None
    setup_django()
    from ktxh.evaluation.table import evaluation_table
    from ktxh.orgunits.selectors import UnitNotFound, orgunit_find

    try:
        unit = orgunit_find(args.unit)
    except UnitNotFound as error:
        raise CommandError(str(error)) from None
    return evaluation_table(unit=unit, period=period, main_only=not args.all)


def row_as_dict(row) -> dict:
    ev = row.evaluation
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
            "period": target.period,
            "legal_basis": str(target.legal_basis.number) if target.legal_basis else None,
            "derived": target.is_derived,
            "source": target.source,
        },
        "value": json_number(row.value.value) if row.value else None,
        "value_kind": row.value.kind if row.value else None,
        "pct_of_plan": json_number(ev.pct_of_plan),
        "excess": json_number(ev.excess),
        "excess_unit": ev.excess_unit,
        "prior_value": json_number(row.prior.value) if row.prior else None,
        "change": None if ev.change is None else {
            "abs": json_number(ev.change.abs),
            "rel": json_number(ev.change.rel),
            "pp": json_number(ev.change.pp),
        },
        "status": ev.status.value,
        "status_vi": ev.status.label_vi,
        "source": row.value.source if row.value else None,
    }


def evaluate_command(args) -> int:
    table = _table_for(args)
    if args.format == "json":
        s = table.summary
        document = {
            "unit": {"code": table.unit.code, "name": table.unit.name},
            "period": table.period.code,
            "period_label": table.period.label_vi,
            "rows": [row_as_dict(r) for r in table.rows],
            "summary": {
                "groups_total": s.groups_total, "groups_achieved": s.groups_achieved,
                "components_total": s.components_total, "components_achieved": s.components_achieved,
                "components_not_met": s.components_not_met, "not_met": list(s.not_met_names),
                "sentence": table.summary_sentence,
            },
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    from ktxh.evaluation.text_table import render_text_table

    print(render_text_table(table))
    return 0
