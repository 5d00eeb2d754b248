"""The capital annex workbook (phụ biểu 03–05 style) for one unit and plan period.

Numbers are written as numbers with a grouped format; every text cell goes through
write_string (and the workbook never turns strings into formulas), so a label that
starts with = + - @ stays text: no formula injection."""

import io

import xlsxwriter

from ktxh.programmes.capital.selectors import CapitalView

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


def write_capital_sheets(wb, view: CapitalView) -> None:
    """Add the three capital sheets to an open XlsxWriter workbook (for the report
    documents too). Text is written with write_string whatever the workbook options."""
    font = {"font_name": "Times New Roman"}
    f = {
        "title": wb.add_format({"bold": True, "font_size": 13, "align": "center", **font}),
        "sub": wb.add_format({"italic": True, "align": "center", **font}),
        "head": wb.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True,
                               "bg_color": "#EEF2F7", **font}),
        "text": wb.add_format({"border": 1, "text_wrap": True, "valign": "top", **font}),
        "bold": wb.add_format({"border": 1, "bold": True, "text_wrap": True, **font}),
        "money": wb.add_format({"border": 1, "num_format": MONEY, **font}),
        "money_dec": wb.add_format({"border": 1, "num_format": MONEY_DEC, **font}),
        "pct": wb.add_format({"border": 1, "num_format": PCT, **font}),
    }
    _plan_sheet(wb, f, view)
    _summary_sheet(wb, f, view)
    _lagging_sheet(wb, f, view)


def _s(ws, row, col, text, fmt):
    ws.write_string(row, col, "" if text is None else str(text), fmt)


def _n(ws, row, col, value, f, kind="money"):
    """A number cell; money without decimals when whole (5.939), else two (3.890,50)."""
    if value is None:
        ws.write_blank(row, col, None, f[kind])
        return
    if kind == "money" and value != value.to_integral_value():
        kind = "money_dec"
    ws.write_number(row, col, float(value), f[kind])  # XLSX stores doubles; the engine's Decimal is the truth


def _header(ws, f, view: CapitalView, title: str, width: int) -> int:
    ws.merge_range(0, 0, 0, width - 1, "", f["title"])
    ws.write_string(0, 0, title, f["title"])
    ws.merge_range(1, 0, 1, width - 1, "", f["sub"])
    ws.write_string(1, 0, f"{view.unit.name} · kỳ {view.period} · số liệu đến ngày {view.as_of:%d/%m/%Y} · "
                    "ĐVT: triệu đồng", f["sub"])
    return 3


def _plan_sheet(wb, f, view: CapitalView) -> None:
    ws = wb.add_worksheet("Phụ biểu 04")
    heads = ["TT", "Nội dung", "Chương trình", "Nguồn vốn", "Loại vốn", "Năm gốc", "Kế hoạch vốn", "Đã giải ngân",
             "Tỷ lệ giải ngân (%)", "Còn lại", "Hạn giải ngân", "Nguồn số liệu"]
    row = _header(ws, f, view, "KẾT QUẢ PHÂN BỔ, GIẢI NGÂN VỐN CÁC CHƯƠNG TRÌNH", len(heads))
    for col, h in enumerate(heads):
        _s(ws, row, col, h, f["head"])
    for r in view.rows:
        row += 1
        line, fmt = r.line, f["text"] if r.is_leaf else f["bold"]
        _s(ws, row, 0, r.number, fmt)
        _s(ws, row, 1, ("   " * r.depth) + line.label + (" (dự kiến khoảng)" if line.approximate else ""), fmt)
        _s(ws, row, 2, line.programme.short_name or line.programme.name if line.programme else "", fmt)
        _s(ws, row, 3, line.get_fund_source_display(), fmt)
        _s(ws, row, 4, line.get_capital_type_display(), fmt)
        _s(ws, row, 5, line.origin_year or "", fmt)
        _n(ws, row, 6, r.totals.plan, f)
        _n(ws, row, 7, r.totals.disbursed, f)
        _n(ws, row, 8, r.totals.pct_disbursed, f, "pct")
        _n(ws, row, 9, r.totals.remaining, f)
        _s(ws, row, 10, f"{line.deadline:%d/%m/%Y}" if line.deadline else "", fmt)
        _s(ws, row, 11, line.source, fmt)
    row += 1
    _s(ws, row, 1, "Tổng cộng (các dòng chi tiết)", f["bold"])
    _n(ws, row, 6, view.total.plan, f)
    _n(ws, row, 7, view.total.disbursed, f)
    _n(ws, row, 8, view.total.pct_disbursed, f, "pct")
    _n(ws, row, 9, view.total.remaining, f)
    for finding in view.findings:
        row += 2
        _s(ws, row, 1, "Lưu ý: " + finding.message, f["text"])
    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 5, 16)
    ws.set_column(6, 9, 14)
    ws.set_column(10, 11, 18)
    ws.freeze_panes(4, 2)


def _summary_sheet(wb, f, view: CapitalView) -> None:
    ws = wb.add_worksheet("Phụ biểu 05")
    heads = ["Nhóm", "Theo", "Kế hoạch vốn", "Đã giải ngân", "Tỷ lệ giải ngân (%)", "Còn lại"]
    row = _header(ws, f, view, "TỔNG HỢP GIẢI NGÂN THEO CHƯƠNG TRÌNH, NGUỒN, LOẠI VỐN, NĂM GỐC", len(heads))
    for col, h in enumerate(heads):
        _s(ws, row, col, h, f["head"])
    for label, groups in (("Chương trình", view.by_programme), ("Nguồn vốn", view.by_source),
                          ("Loại vốn", view.by_type), ("Năm gốc của vốn", view.by_origin)):
        for key, t in groups:
            row += 1
            _s(ws, row, 0, label, f["text"])
            _s(ws, row, 1, key or "Kế hoạch nhiều năm", f["text"])
            _n(ws, row, 2, t.plan, f)
            _n(ws, row, 3, t.disbursed, f)
            _n(ws, row, 4, t.pct_disbursed, f, "pct")
            _n(ws, row, 5, t.remaining, f)
    ws.set_column(0, 1, 34)
    ws.set_column(2, 5, 16)


def _lagging_sheet(wb, f, view: CapitalView) -> None:
    ws = wb.add_worksheet("Chậm giải ngân")
    heads = ["Mã", "Nội dung", "Kế hoạch vốn", "Tỷ lệ giải ngân (%)", "Tiến độ yêu cầu (%)", "Chênh lệch (điểm %)"]
    row = _header(ws, f, view, "DANH SÁCH DÒNG VỐN GIẢI NGÂN CHẬM SO VỚI TIẾN ĐỘ", len(heads))
    for col, h in enumerate(heads):
        _s(ws, row, col, h, f["head"])
    for lag in view.lagging:
        row += 1
        _s(ws, row, 0, lag.line.key, f["text"])
        _s(ws, row, 1, lag.line.label, f["text"])
        _n(ws, row, 2, lag.line.plan, f)
        _n(ws, row, 3, lag.pct_disbursed, f, "pct")
        _n(ws, row, 4, lag.pace, f, "pct")
        _n(ws, row, 5, lag.gap, f, "pct")
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 5, 16)
