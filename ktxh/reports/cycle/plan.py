"""The multi-year plan of a People's Committee (seed 004, Phong Thổ 2023-2025): legal bases,
purpose and requirements, targets by year, scope, tasks and solutions, the funding plan by
source and year (programmes/capital) and the organisation of implementation with each
agency's assignments, deadlines and reporting duties (programmes/tasks)."""

from ktxh.engine.numbers import format_number
from ktxh.engine.periods import Period
from ktxh.engine.targets import prior_label_vi, target_text_vi
from ktxh.evaluation.adapter import target_spec
from ktxh.evaluation.table import evaluation_table
from ktxh.programmes.capital.selectors import capital_view
from ktxh.programmes.tasks.selectors import plans_for, tasks_view
from ktxh.reports import content as base
from ktxh.reports.cycle import common
from ktxh.reports.kinds import KINDS, report_period


def _cell_target(row) -> str:
    """A target as plans write it, without the unit (the table has an ĐVT column):
    "dưới 30", "từ 98 trở lên", "duy trì 100", "tăng 10% so với năm 2023"."""
    spec = target_spec(row.target)
    if spec is None or (spec.value is None and spec.high is None):
        return ""
    relative = spec.basis.is_relative
    return target_text_vi(spec, row.indicator.unit if relative else "", row.indicator.measure_kind,
                          prior_label_vi(row.target.period))


def _targets_table(unit, period: Period) -> tuple[dict, list]:
    """Indicators x years (and the whole period): the targets exactly as entered."""
    codes = [str(y) for y in range(period.year, period.end_year + 1)] + [period.code]
    tables = [evaluation_table(unit=unit, period=code) for code in codes]
    by_indicator: dict = {}
    for column, table in enumerate(tables):
        for row in table.rows:
            if row.target is not None:
                by_indicator.setdefault(row.indicator, {})[column] = row
    heads = ["STT", "Chỉ tiêu", "ĐVT"] + [f"Năm {c}" for c in codes[:-1]] + [f"Đến năm {period.end_year}"]
    rows, groups = [], {}
    for indicator in sorted(by_indicator, key=lambda i: (i.group.order, i.group.code, i.order, i.code)):
        groups.setdefault(indicator.group, []).append(indicator)
    for number, (group, indicators) in enumerate(groups.items(), 1):
        rows.append({"bold": True, "cells": [str(number), group.name] + [""] * (len(heads) - 2)})
        for k, indicator in enumerate(indicators, 1):
            cells = by_indicator[indicator]
            rows.append({"bold": False, "cells": [f"{number}.{k}", indicator.name, indicator.unit]
                         + [_cell_target(cells[c]) if c in cells else "" for c in range(len(codes))]})
    count = len(by_indicator)
    widths = [1.2, 5.2, 1.8] + [round(8.3 / len(codes), 2)] * len(codes)
    return {"type": "table", "heads": heads, "rows": rows, "widths": widths, "count": count,
            "align": "clc" + "c" * len(codes)}, tables


def _money(value) -> str:
    return format_number(value)


def _funding(unit, period: Period) -> tuple[list, list]:
    """The funding plan: the period's capital lines by source, and each year's lines by source."""
    views = [capital_view(unit=unit, period=str(y), as_of=period.end) for y in range(period.year, period.end_year + 1)]
    whole = capital_view(unit=unit, period=period.code, as_of=period.end)
    blocks, inputs = [], []
    if not whole.rows and not any(v.rows for v in views):
        return [{"type": "missing", "text": f"(Chưa có kế hoạch vốn của {common.lower_name(unit)} giai đoạn "
                                            f"{period.code} và các năm trong giai đoạn.)"}], inputs
    if whole.rows:
        parts = "; ".join(f"{source} {_money(t.plan)} triệu đồng" for source, t in whole.by_source)
        blocks.append({"type": "text", "text": f"Tổng kinh phí thực hiện Kế hoạch giai đoạn {period.code} là "
                                               f"{_money(whole.total.plan)} triệu đồng, gồm: {parts}."})
        blocks.append({"type": "table", "heads": ["TT", "Nội dung", "Nguồn vốn", "Kế hoạch vốn (triệu đồng)"],
                       "widths": [1.4, 9.6, 3.0, 2.5], "align": "cllr",
                       "rows": [{"bold": not r.is_leaf, "cells": [r.number, r.line.label, r.line.get_fund_source_display(),
                                                                  _money(r.line.amount)]} for r in whole.rows]
                       + [{"bold": True, "cells": ["", "Tổng cộng (các dòng chi tiết)", "", _money(whole.total.plan)]}]})
    yearly = [v for v in views if v.rows]
    if yearly:
        sources = sorted({s for v in yearly for s, _ in v.by_source})
        heads = ["Nguồn vốn"] + [f"Năm {v.period}" for v in yearly]
        rows = []
        for source in sources:
            rows.append({"bold": False, "cells": [source] + [
                _money(dict(v.by_source)[source].plan) if source in dict(v.by_source) else "" for v in yearly]})
        rows.append({"bold": True, "cells": ["Tổng cộng"] + [_money(v.total.plan) for v in yearly]})
        blocks.append({"type": "text", "text": "Kế hoạch vốn giao theo từng năm trong giai đoạn (triệu đồng):"})
        blocks.append({"type": "table", "heads": heads, "rows": rows, "align": "l" + "r" * len(yearly),
                       "widths": [6.5] + [round(10.0 / len(yearly), 2)] * len(yearly)})
    for view in [whole, *views]:
        for r in view.leaves:
            inputs.append([r.line.pk, r.line.code, view.period, str(r.line.amount)])
    return blocks, inputs


def _plan_of(unit, period: Period):
    for plan in plans_for(unit):
        if plan.start.year == period.year and plan.end.year == period.end_year:
            return plan
    return None


def _deadline(task) -> str:
    if task.due_date:
        return f"{task.due_date:%d/%m/%Y}"
    return task.due_text or "Theo chế độ báo cáo"


def _assignments(unit, period: Period, task_plan) -> tuple[list, list]:
    if task_plan is None:
        return [{"type": "missing", "text": f"(Chưa có kế hoạch giao nhiệm vụ của {common.lower_name(unit)} "
                                            f"giai đoạn {period.code} trong mục Nhiệm vụ.)"}], []
    view = tasks_view(unit=unit, plan=task_plan, today=period.start)
    assigned = sorted((r for r in view.rows if not r.task.recurrence), key=lambda r: _key(r.task.section))
    duties = sorted((r for r in view.rows if r.task.recurrence), key=lambda r: _key(r.task.section))
    blocks = [{"type": "h2", "text": "1. Phân công nhiệm vụ"}]
    rows = []
    for number, r in enumerate(assigned, 1):
        leads = ", ".join(f"{ta.agency.name} ({ta.get_role_display().lower()})" for ta in r.leads)
        others = ", ".join(ta.agency.name for ta in r.others)
        communes = ", ".join(f"{d.commune.name}" for d in r.communes)
        rows.append({"bold": False, "cells": [str(number), r.task.title, leads or others, others if leads else "",
                                              communes, _deadline(r.task)]})
    if rows:
        blocks.append({"type": "table", "align": "clllcc",
                       "heads": ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
                                 "Xã phụ trách", "Thời hạn"],
                       "widths": [1.1, 5.4, 3.4, 1.9, 2.0, 2.7], "rows": rows})
    blocks.append({"type": "h2", "text": "2. Chế độ báo cáo"})
    if duties:
        for r in duties:
            channel = f", gửi {r.task.channel}" if r.task.channel else ""
            blocks.append({"type": "text", "text": f"- {r.task.title}: {r.task.due_text or r.task.get_recurrence_display().lower()}"
                                                   f"{channel}."})
    else:
        blocks.append({"type": "missing", "text": "(Kế hoạch giao nhiệm vụ chưa có nhiệm vụ báo cáo định kỳ.)"})
    inputs = [[r.task.pk, r.task.section, r.task.title] for r in view.rows]
    return blocks, inputs


def _key(section: str):
    return [int(p) if p.isdigit() else p for p in section.replace("-", ".").split(".")]


def _bases(tables) -> list[str]:
    seen = []
    for table in tables:
        for row in table.rows:
            basis = row.target.legal_basis if row.target is not None else None
            if basis is not None and basis not in seen:
                seen.append(basis)
    return [f"Căn cứ {b.kind} số {b.number}" + (f" ngày {b.date:%d/%m/%Y}" if b.date else "")
            + f" của {b.issuer}{(' ' + b.title) if b.title else ''};" for b in seen]


def build_plan(report) -> dict:
    spec = KINDS["plan"]
    period = report_period("plan", report.period)
    unit = report.org_unit
    issuer = f"Ủy ban nhân dân {common.lower_name(unit)}"
    task_plan = _plan_of(unit, period)
    targets, tables = _targets_table(unit, period)
    funding, capital_inputs = _funding(unit, period)
    assignments, task_inputs = _assignments(unit, period, task_plan)
    subtitle = spec.title.format(period_code=period.code)
    if task_plan is not None:
        subtitle = task_plan.title.removeprefix("Kế hoạch ").strip()
        subtitle = subtitle[:1].upper() + subtitle[1:]
    intro = _bases(tables) + [f"{issuer} ban hành Kế hoạch {subtitle[:1].lower() + subtitle[1:]} "
                              "(sau đây gọi tắt là Kế hoạch), với các nội dung sau:"]
    body = []
    for item, value in spec.outline:
        if item == "prose":
            body += common.prose(report, value, intro if value == "intro" else None)
        elif value == "targets_by_year":
            body.append({"type": "text", "text": f"Kế hoạch có {targets['count']:02d} chỉ tiêu chủ yếu, giao theo "
                                                 f"từng năm và cho cả giai đoạn như sau:"})
            body.append(targets)
        elif value == "period_line":
            body.append({"type": "text", "text": f"Thời gian thực hiện: từ năm {period.year} đến hết năm {period.end_year}."})
        elif value == "funding":
            body += funding
        elif value == "assignments":
            body += assignments
        else:
            body.append({"type": item, "text": value})
    place = report.place or common.short_name(unit)
    doc = {
        "style": "state",
        "header": {**common.state_header(unit, "ỦY BAN NHÂN DÂN", common.number_line(report.number, "Số:         /KH-UBND")),
                   "place_date": common.date_line(place, report.issued_on, period.year)},
        "title": "KẾ HOẠCH", "subtitle": subtitle, "body": body, "closing": (
            f"Trên đây là Kế hoạch {subtitle[:1].lower() + subtitle[1:]}. Trong quá trình thực hiện, nếu có khó khăn, "
            f"vướng mắc, các cơ quan, đơn vị, Ủy ban nhân dân các xã báo cáo {issuer} (qua cơ quan thường trực) "
            "để xem xét, giải quyết./."),
        "recipients": common.recipients(report, plan_recipients(unit)),
        "signer": {"authority": report.signer_authority, "title": report.signer_title, "name": report.signer_name},
    }
    inputs = base._inputs(tables)
    inputs["capital"], inputs["tasks"] = capital_inputs, task_inputs
    return {
        "meta": {"kind": "plan", "kind_label": spec.label, "unit": unit.code, "unit_name": unit.name,
                 "period": period.code, "period_label": period.label_vi, "report_id": report.pk, "cycle": True},
        "documents": [doc], "annexes": [], "inputs": inputs,
    }


def plan_recipients(unit) -> str:
    word = common.level_word(unit)
    parent = common.parent_unit(unit)
    above = f"UBND {common.lower_name(parent)};\n" if parent is not None else ""
    return (f"{above}TT. {('Huyện' if word == 'huyện' else 'Đảng')} ủy{'' if word == 'huyện' else ' ' + word};\n"
            f"TT. HĐND {word};\nCT, các PCT UBND {word};\nCác cơ quan, đơn vị, đoàn thể {word};\n"
            + ("UBND các xã, thị trấn;\n" if word in ("huyện", "thành phố", "thị xã", "quận") else "") + "Lưu: VT.")
