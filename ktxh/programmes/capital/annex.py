"""The capital annex workbook (phụ biểu 03–05 style) for one unit and plan period.

Numbers are written as numbers with a grouped format; every text cell goes through
core.spreadsheet (a string, with Excel's quote prefix when it starts with = + - @,
tab or CR), so a label can never become a formula, not even once the cell is edited."""

import io
from decimal import Decimal

import xlsxwriter

from ktxh.core.spreadsheet import text_cells
from ktxh.engine.numbers import format_number
from ktxh.programmes.capital.selectors import CapitalView
from ktxh.values.selectors import source_citation

# Format codes are stored locale-neutral; a Vietnamese Excel/LibreOffice shows 1.790.878 and 65,50.
# [$-42A] tags them as Vietnamese. Whole amounts get no decimals, others two.
MONEY = "[$-42A]#,##0"
MONEY_DEC = "[$-42A]#,##0.00"
PCT = "[$-42A]0.00"


def annex_xlsx(view: CapitalView) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False})
    write_capital_sheets(wb, view)
    wb.close()
    return out.getvalue()


def _d(value) -> str | None:
    return None if value is None else str(value)


def _totals(t) -> dict:
    return {"plan": _d(t.plan), "disbursed": _d(t.disbursed), "pct": _d(t.pct_disbursed), "remaining": _d(t.remaining)}


REST_LABEL = "Phần còn lại chưa tách chi tiết"


def composition_text(made_of: list[dict], total: dict) -> str:
    """How the total is made: "Tổng cộng = dòng 1 (188.685) + dòng 2 (5.939) = 194.624 triệu đồng"."""
    parts = " + ".join(f"dòng {m['number']} ({_money(m['plan'])})" for m in made_of)
    text = f"Tổng cộng = {parts} = {_money(total['plan'])} triệu đồng" if len(made_of) > 1 else ""
    return (text + "; " if text else "") + (
        "mỗi dòng cấp trên đã gồm các dòng chi tiết của nó (không cộng thêm); dòng có các khoản "
        "\"trong đó\" giữ số tổng của văn bản, phần chưa tách chi tiết ghi riêng.")


def _money(value: str | None) -> str:
    return "" if value is None else format_number(Decimal(value))


def capital_annex_data(view: CapitalView) -> dict:
    """The annex as plain JSON data (exact decimals as strings): the report documents keep it
    in their snapshot and rebuild the sheets and tables from it, whatever the data became."""
    rows = []
    for r in view.rows:
        line = r.line
        if r.is_rest:
            rows.append({"number": "", "depth": r.depth, "leaf": True, "rest": True, "label": REST_LABEL,
                         "approximate": False, "programme": "", "fund_source": "", "capital_type": "",
                         "origin_year": None, "deadline": "", "source": "", **_totals(r.totals)})
            continue
        rows.append({
            "number": r.number, "depth": r.depth, "leaf": r.is_leaf, "label": line.label,
            "approximate": line.approximate,
            "programme": (line.programme.short_name or line.programme.name) if line.programme else "",
            "fund_source": line.get_fund_source_display(), "capital_type": line.get_capital_type_display(),
            "origin_year": line.origin_year, "deadline": f"{line.deadline:%d/%m/%Y}" if line.deadline else "",
            "source": source_citation(line.source), **_totals(r.totals),
        })
    groups = [{"label": label, "items": [{"key": str(key or "Kế hoạch nhiều năm"), **_totals(t)} for key, t in items]}
              for label, items in (("Chương trình", view.by_programme), ("Nguồn vốn", view.by_source),
                                   ("Loại vốn", view.by_type), ("Năm gốc của vốn", view.by_origin))]
    lagging = [{"key": lag.line.key, "label": lag.line.label, "plan": _d(lag.line.plan),
                "pct": _d(lag.pct_disbursed), "pace": _d(lag.pace), "gap": _d(lag.gap)} for lag in view.lagging]
    made_of = [{"number": n, "label": label, **_totals(t)} for n, label, t in view.made_of]
    total = _totals(view.total)
    return {"unit_name": view.unit.name, "period": view.period, "as_of": f"{view.as_of:%d/%m/%Y}",
            "rows": rows, "total": total, "groups": groups, "lagging": lagging,
            "made_of": made_of, "composition": composition_text(made_of, total),
            "findings": [f.message for f in view.findings]}


def write_capital_sheets(wb, view: CapitalView | dict, *, titles=("Phụ biểu 04", "Phụ biểu 05"),
                         findings: bool = True, lagging_sheet: bool = True) -> None:
    """Add the three capital sheets to an open XlsxWriter workbook, from a CapitalView or
    from its `capital_annex_data` (the report documents pass the latter, from their
    snapshot). Text is written through core.spreadsheet whatever the workbook options.
    A report passes its own annex numbers and leaves out the check notes (findings): they are
    for the office's page and download, not for the document a leader signs."""
    data = capital_annex_data(view) if isinstance(view, CapitalView) else view
    font = {"font_name": "Times New Roman"}
    f = {
        "cells": text_cells(wb),
        "title": wb.add_format({"bold": True, "font_size": 13, "align": "center", **font}),
        "sub": wb.add_format({"italic": True, "align": "center", **font}),
        "head": wb.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True,
                               "bg_color": "#EEF2F7", **font}),
        "text": wb.add_format({"border": 1, "text_wrap": True, "valign": "top", **font}),
        "bold": wb.add_format({"border": 1, "bold": True, "text_wrap": True, **font}),
        "money": wb.add_format({"border": 1, "num_format": MONEY, **font}),
        "money_dec": wb.add_format({"border": 1, "num_format": MONEY_DEC, **font}),
        "pct": wb.add_format({"border": 1, "num_format": PCT, **font}),
        "note": wb.add_format({"italic": True, "text_wrap": True, "valign": "top", **font}),
    }
    _plan_sheet(wb, f, data, titles[0], findings)
    _summary_sheet(wb, f, data, titles[1])
    if lagging_sheet:
        _lagging_sheet(wb, f, data)


def _s(f, ws, row, col, text, fmt):
    f["cells"].write(ws, row, col, text, fmt)


def _n(ws, row, col, value, f, kind="money"):
    """A number cell; money without decimals when whole (5.939), else two (3.890,50)."""
    if value is None:
        ws.write_blank(row, col, None, f[kind])
        return
    value = Decimal(value)
    if kind == "money" and value != value.to_integral_value():
        kind = "money_dec"
    ws.write_number(row, col, float(value), f[kind])  # XLSX stores doubles; the engine's Decimal is the truth


def _print_setup(ws, header_row: int) -> None:
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.repeat_rows(header_row)
    ws.fit_to_pages(1, 0)


def _header(ws, f, data: dict, title: str, width: int) -> int:
    ws.merge_range(0, 0, 0, width - 1, "", f["title"])
    _s(f, ws, 0, 0, title, f["title"])
    ws.merge_range(1, 0, 1, width - 1, "", f["sub"])
    _s(f, ws, 1, 0, f"{data['unit_name']} · kỳ {data['period']} · số liệu đến ngày {data['as_of']} · "
                    "ĐVT: triệu đồng", f["sub"])
    return 3


def _plan_sheet(wb, f, data: dict, title: str, findings: bool) -> None:
    ws = wb.add_worksheet(title)
    heads = ["TT", "Nội dung", "Chương trình", "Nguồn vốn", "Loại vốn", "Năm gốc", "Kế hoạch vốn", "Đã giải ngân",
             "Tỷ lệ giải ngân (%)", "Còn lại", "Hạn giải ngân", "Nguồn số liệu"]
    row = top = _header(ws, f, data, "KẾT QUẢ PHÂN BỔ, GIẢI NGÂN VỐN CÁC CHƯƠNG TRÌNH", len(heads))
    for col, h in enumerate(heads):
        _s(f, ws, row, col, h, f["head"])
    for r in data["rows"]:
        row += 1
        fmt = f["text"] if r["leaf"] else f["bold"]
        _s(f, ws, row, 0, r["number"], fmt)
        _s(f, ws, row, 1, ("   " * r["depth"]) + r["label"] + (" (dự kiến khoảng)" if r["approximate"] else ""), fmt)
        _s(f, ws, row, 2, r["programme"], fmt)
        _s(f, ws, row, 3, r["fund_source"], fmt)
        _s(f, ws, row, 4, r["capital_type"], fmt)
        _s(f, ws, row, 5, r["origin_year"] or "", fmt)
        _n(ws, row, 6, r["plan"], f)
        _n(ws, row, 7, r["disbursed"], f)
        _n(ws, row, 8, r["pct"], f, "pct")
        _n(ws, row, 9, r["remaining"], f)
        _s(f, ws, row, 10, r["deadline"], fmt)
        _s(f, ws, row, 11, r["source"], fmt)
    row += 1
    total = data["total"]
    _s(f, ws, row, 1, "Tổng cộng", f["bold"])
    _n(ws, row, 6, total["plan"], f)
    _n(ws, row, 7, total["disbursed"], f)
    _n(ws, row, 8, total["pct"], f, "pct")
    _n(ws, row, 9, total["remaining"], f)
    if data.get("composition"):  # older snapshots have none
        row += 2
        _s(f, ws, row, 1, data["composition"], f["note"])
    for message in data["findings"] if findings else []:
        row += 2
        _s(f, ws, row, 1, "Lưu ý: " + message, f["text"])
    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 5, 16)
    ws.set_column(6, 9, 14)
    ws.set_column(10, 11, 18)
    ws.freeze_panes(4, 2)
    _print_setup(ws, top)


def _summary_sheet(wb, f, data: dict, title: str) -> None:
    ws = wb.add_worksheet(title)
    heads = ["Nhóm", "Theo", "Kế hoạch vốn", "Đã giải ngân", "Tỷ lệ giải ngân (%)", "Còn lại"]
    row = top = _header(ws, f, data, "TỔNG HỢP GIẢI NGÂN THEO CHƯƠNG TRÌNH, NGUỒN, LOẠI VỐN, NĂM GỐC", len(heads))
    for col, h in enumerate(heads):
        _s(f, ws, row, col, h, f["head"])
    for group in data["groups"]:
        for t in group["items"]:
            row += 1
            _s(f, ws, row, 0, group["label"], f["text"])
            _s(f, ws, row, 1, t["key"], f["text"])
            _n(ws, row, 2, t["plan"], f)
            _n(ws, row, 3, t["disbursed"], f)
            _n(ws, row, 4, t["pct"], f, "pct")
            _n(ws, row, 5, t["remaining"], f)
    ws.set_column(0, 1, 34)
    ws.set_column(2, 5, 16)
    _print_setup(ws, top)


def _lagging_sheet(wb, f, data: dict) -> None:
    ws = wb.add_worksheet("Chậm giải ngân")
    heads = ["Mã", "Nội dung", "Kế hoạch vốn", "Tỷ lệ giải ngân (%)", "Tiến độ yêu cầu (%)", "Chênh lệch (điểm %)"]
    row = top = _header(ws, f, data, "DANH SÁCH DÒNG VỐN GIẢI NGÂN CHẬM SO VỚI TIẾN ĐỘ", len(heads))
    for col, h in enumerate(heads):
        _s(f, ws, row, col, h, f["head"])
    for lag in data["lagging"]:
        row += 1
        _s(f, ws, row, 0, lag["key"], f["text"])
        _s(f, ws, row, 1, lag["label"], f["text"])
        _n(ws, row, 2, lag["plan"], f)
        _n(ws, row, 3, lag["pct"], f, "pct")
        _n(ws, row, 4, lag["pace"], f, "pct")
        _n(ws, row, 5, lag["gap"], f, "pct")
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 5, 16)
    _print_setup(ws, top)
