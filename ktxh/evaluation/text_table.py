"""The evaluation table as plain text for the terminal (`ktxh evaluate`)."""

from ktxh.core.display import change_text, excess_text, target_text
from ktxh.engine.numbers import format_number


def _target(row) -> str:
    text = target_text(row.target, row.indicator)
    if row.target is not None and row.target.basis != "absolute" and row.evaluation.plan is not None:
        text += f" (= {format_number(row.evaluation.plan, row.indicator.decimals)})"  # resolved
    return text


def render_text_table(table) -> str:
    header = ["Mã", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "% KH", "Vượt/thiếu", "So cùng kỳ", "Đánh giá"]
    lines = [[*header]]
    for group, rows in table.groups:
        lines.append(["", group.name.upper(), "", "", "", "", "", "", ""])
        for row in rows:
            ind, ev = row.indicator, row.evaluation
            value = format_number(row.value.value, None) if row.value else "—"
            if row.value and row.value.kind == "estimate":
                value += " (ước)"
            lines.append([
                ind.code, ind.name[:60], ind.unit, _target(row), value,
                format_number(ev.pct_of_plan, 2) if ev.pct_of_plan is not None else "",
                excess_text(ev, ind.unit), change_text(ev, ind.unit), ev.status.label_vi,
            ])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = [f"{table.unit.name} — {table.period.label_vi}", ""]
    for line in lines:
        out.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
    out += ["", table.summary_sentence]
    return "\n".join(out)
