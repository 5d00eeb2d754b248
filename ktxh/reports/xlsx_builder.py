"""XLSX annexes ("Biểu"): real numbers with number formats, A4 landscape print set-up,
frozen header repeated on every printed page.

Computed figures are the engine's, rounded half-up to 2 places exactly as the DOCX
prints them, so the two files agree cell for cell. Text from users is always written
as a string (never a formula), whatever it starts with.
"""

from decimal import Decimal
from io import BytesIO

import xlsxwriter

from ktxh.core.spreadsheet import text_cells
from ktxh.programmes.capital.annex import write_capital_sheets

FONT = {"font_name": "Times New Roman", "font_size": 11}
MISSING = "chưa có số liệu"
_PLAN_PREFIX = {">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< ", "maintain": "duy trì "}


def _decimals(text: str) -> int:
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


class _Formats:
    """XlsxWriter formats are workbook objects; build each one once."""

    def __init__(self, book):
        self.book, self.cache = book, {}
        self.cells = text_cells(book)

    def text(self, sheet, row, col, text, fmt) -> None:
        self.cells.write(sheet, row, col, text, fmt)  # user text: never a formula

    def get(self, **props):
        key = tuple(sorted(props.items()))
        if key not in self.cache:
            self.cache[key] = self.book.add_format({**FONT, "border": 1, "valign": "top", **props})
        return self.cache[key]

    def number(self, text: str, prefix: str = "", suffix: str = "", signed=False, places=None, **props):
        """A number format: Excel shows "," / "." per the reader's locale (36.595,83 in vi)."""
        places = _decimals(text) if places is None else places
        body = "#,##0" + ("." + "0" * places if places else "")
        pre = f'"{prefix}"' if prefix else ""
        suf = f'"{suffix}"' if suffix else ""
        code = f"+{body}{suf};-{body}{suf};{body}{suf}" if signed else f"{pre}{body}{suf}"
        return self.get(num_format=code, align="right", **props)


def _write_number(sheet, row, col, cell, fmt) -> None:
    sheet.write_number(row, col, float(Decimal(cell["v"])), fmt)


def _title(sheet, f, annex: dict, content: dict, width: int) -> int:
    sheet.merge_range(0, 0, 0, width - 1, annex["title"], f.get(bold=True, align="right", border=0))
    sheet.merge_range(1, 0, 1, width - 1, annex["heading"], f.get(bold=True, align="center", border=0,
                                                                   font_size=13))
    note = f"(Kèm theo báo cáo {content['header']['number'].replace('Số: ', 'số ')} của " \
           f"{content['header']['issuer_name']} — {content['meta']['period_label']})"
    sheet.merge_range(2, 0, 2, width - 1, note, f.get(italic=True, align="center", border=0))
    return 4


def _print_setup(sheet, header_row: int, widths: list[float]) -> None:
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.repeat_rows(header_row)
    sheet.freeze_panes(header_row + 1, 2)
    sheet.fit_to_pages(1, 0)
    sheet.set_footer("&CTrang &P/&N")


def _plan(sheet, row, col, plan, f, bold=False) -> None:
    if not plan:
        sheet.write_blank(row, col, None, f.get(bold=bold))
    elif plan.get("v") is not None and plan["t"] and "–" not in plan["t"]:
        prefix = next((p for p in _PLAN_PREFIX.values() if plan["t"].startswith(p)), "")
        _write_number(sheet, row, col, plan, f.number(plan["v"], prefix=prefix, bold=bold))
    else:
        f.text(sheet, row, col, plan["t"], f.get(align="right", bold=bold))


def _main_sheet(book, f, annex: dict, content: dict) -> None:
    sheet = book.add_worksheet(annex["title"])
    labels = annex["labels"]
    heads = ["STT", "Chỉ tiêu", "ĐVT", labels["prior"], labels["plan"], labels["value"], labels["pct"],
             labels["change"], labels["next_plan"], "Đánh giá"]
    top = _title(sheet, f, annex, content, len(heads))
    head_format = f.get(bold=True, align="center", valign="vcenter", text_wrap=True, bg_color="#EEF2F7")
    for col, head in enumerate(heads):
        f.text(sheet, top, col, head, head_format)
    row = top
    for item in annex["rows"]:
        row += 1
        if item["kind"] == "group":
            f.text(sheet, row, 0, item["stt"], f.get(bold=True, align="center"))
            f.text(sheet, row, 1, item["name"], f.get(bold=True, text_wrap=True))
            for col in range(2, len(heads)):
                sheet.write_blank(row, col, None, f.get(bold=True))
            continue
        f.text(sheet, row, 0, item["stt"], f.get(align="center"))
        f.text(sheet, row, 1, item["name"], f.get(text_wrap=True))
        f.text(sheet, row, 2, item["unit"], f.get(align="center"))
        for col, key in ((3, "prior"), (5, "value")):
            if item[key]:
                _write_number(sheet, row, col, item[key], f.number(item[key]["v"]))
            elif key == "value":
                f.text(sheet, row, col, MISSING, f.get(italic=True, font_color="#A42323", align="right"))
            else:
                sheet.write_blank(row, col, None, f.get())
        _plan(sheet, row, 4, item["plan"], f)
        if item["pct"]:
            _write_number(sheet, row, 6, item["pct"], f.number(item["pct"]["v"], places=2))
        else:
            sheet.write_blank(row, 6, None, f.get())
        if item["change"]:
            suffix = "%" if item["change_unit"] == "%" else " điểm"
            _write_number(sheet, row, 7, item["change"],
                          f.number(item["change"]["v"], suffix=suffix, signed=True, places=2))
        else:
            sheet.write_blank(row, 7, None, f.get())
        _plan(sheet, row, 8, item["next_plan"], f)
        f.text(sheet, row, 9, item["status_text"], f.get(align="center"))
    if annex.get("notes"):  # provenance of figures computed from the units before the 2025 reform
        row += 2
        sheet.write_string(row, 1, "Ghi chú: số liệu tính từ các đơn vị hành chính trước sắp xếp (01/07/2025)",
                           f.get(italic=True, border=0))
        for note in annex["notes"]:
            row += 1
            f.text(sheet, row, 1, note, f.get(border=0))
    _print_setup(sheet, top, [6, 48, 12, 13, 13, 14, 11, 16, 13, 13])


def _commune_sheet(book, f, annex: dict, content: dict) -> None:
    sheet = book.add_worksheet(annex["title"])
    labels = annex["labels"]
    heads = ["STT", "Chỉ tiêu / xã, thị trấn", "ĐVT", labels["plan"], labels["value"], labels["pct"], "Đánh giá"]
    top = _title(sheet, f, annex, content, len(heads))
    head_format = f.get(bold=True, align="center", valign="vcenter", text_wrap=True, bg_color="#EEF2F7")
    for col, head in enumerate(heads):
        f.text(sheet, top, col, head, head_format)
    row = top
    for item in annex["rows"]:
        row += 1
        bold = item["kind"] == "group"
        f.text(sheet, row, 0, item["stt"], f.get(align="center", bold=bold))
        f.text(sheet, row, 1, item["name"], f.get(text_wrap=True, bold=bold))
        f.text(sheet, row, 2, item.get("unit", ""), f.get(align="center", bold=bold))
        if bold:
            for col in range(3, len(heads)):
                sheet.write_blank(row, col, None, f.get(bold=True))
            continue
        _plan(sheet, row, 3, item["plan"], f)
        _write_number(sheet, row, 4, item["value"], f.number(item["value"]["v"]))
        if item["pct"]:
            _write_number(sheet, row, 5, item["pct"], f.number(item["pct"]["v"], places=2))
        else:
            sheet.write_blank(row, 5, None, f.get())
        # a demo figure keeps its label in the file (content._annex_communes)
        status = "; ".join(filter(None, [item["status_text"], "số liệu minh họa" if item.get("illustrative") else ""]))
        f.text(sheet, row, 6, status, f.get(align="center", text_wrap=True))
    _print_setup(sheet, top, [7, 55, 12, 14, 14, 12, 14])


def _ntm_sheet(book, f, annex: dict, content: dict) -> None:
    """Biểu 03: communes × criteria, "x" met, blank not met, "?" unknown (never guessed)."""
    sheet = book.add_worksheet(annex["title"])
    criteria = annex["criteria"]
    heads = ["STT", "Xã", *[str(k["number"]) for k in criteria], "Số TC đạt"]
    top = _title(sheet, f, annex, content, len(heads))
    head_format = f.get(bold=True, align="center", valign="vcenter", text_wrap=True, bg_color="#EEF2F7")
    for col, head in enumerate(heads):
        f.text(sheet, top, col, head, head_format)
    row = top
    for item in annex["rows"]:
        row += 1
        f.text(sheet, row, 0, item["stt"], f.get(align="center"))
        f.text(sheet, row, 1, item["name"] + (" (*)" if item["recognised"] else ""), f.get())
        for col, mark in enumerate(item["cells"], 2):
            f.text(sheet, row, col, mark, f.get(align="center"))
        f.text(sheet, row, len(heads) - 1, item["met"] + ("+?" if item["unknown"] else ""), f.get(align="center"))
    row += 1
    f.text(sheet, row, 1, "Số xã đạt", f.get(bold=True))
    for col, total in enumerate(annex["totals"], 2):
        f.text(sheet, row, col, total, f.get(bold=True, align="center"))
    f.text(sheet, row + 2, 1, annex["legend"], f.get(italic=True, border=0))
    for offset, k in enumerate(criteria, 3):
        f.text(sheet, row + offset, 1, f"{k['number']}. {k['name']}", f.get(border=0))
    _print_setup(sheet, top, [6, 22, *[4.5] * len(criteria), 9])


def _chart_sheet(book, f, content: dict) -> None:
    """The report's charts as native Excel charts (the DOCX/PDF draws the same data with
    matplotlib, reports/charts.py), each over a small table of the figures it shows."""
    from ktxh.reports.charts import MAIN_CAPTION, STATUS_LEGEND, commune_series, main_series

    annexes = content["annexes"]
    series = main_series(annexes[0]) if annexes else []
    communes = commune_series(annexes[1] if len(annexes) > 1 else None)
    if not series and not communes:
        return
    sheet = book.add_worksheet("Biểu đồ")
    head = f.get(bold=True, align="center", bg_color="#EEF2F7")
    row = 0
    if series:  # the status counts per group, stacked (the DOCX's Biểu đồ 1)
        f.text(sheet, row, 0, MAIN_CAPTION, f.get(bold=True, border=0))
        for col, label in enumerate(("Nhóm chỉ tiêu", *STATUS_LEGEND)):
            f.text(sheet, row + 1, col, label, head)
        first = row + 2
        for k, group in enumerate(series):
            f.text(sheet, first + k, 0, group[0], f.get())
            for col in (1, 2, 3):
                sheet.write_number(first + k, col, group[col], f.get())
        last = first + len(series) - 1
        chart = book.add_chart({"type": "bar", "subtype": "stacked"})
        for col, color in zip((1, 2, 3), ("#2E7D32", "#C62828", "#B0BEC5"), strict=True):
            chart.add_series({"name": [sheet.name, row + 1, col], "categories": [sheet.name, first, 0, last, 0],
                              "values": [sheet.name, first, col, last, col], "fill": {"color": color},
                              "data_labels": {"value": True}})
        chart.set_title({"name": MAIN_CAPTION, "name_font": {"size": 11}})
        chart.set_legend({"position": "top"})
        chart.set_y_axis({"reverse": True})
        height = max(320, 22 * len(series) + 100)
        chart.set_size({"width": 900, "height": height})
        sheet.insert_chart(row + 1, 5, chart)
        row = max(last + 3, row + height // 20 + 2)
    blocks = [(f"So sánh giữa các xã, thị trấn: {c['name']} ({c['unit']})", c["unit"] or "Giá trị",
               [(n, v) for n, v, _ in c["points"]], "column") for c in communes]
    for title, label, points, kind in blocks:
        f.text(sheet, row, 0, title, f.get(bold=True, border=0))
        f.text(sheet, row + 1, 0, "Chỉ tiêu / xã", head)
        f.text(sheet, row + 1, 1, label, head)
        first = row + 2
        for k, (name, value) in enumerate(points):
            f.text(sheet, first + k, 0, name, f.get())
            sheet.write_number(first + k, 1, float(value), f.number(str(value), places=2))
        last = first + len(points) - 1
        chart = book.add_chart({"type": kind})
        chart.add_series({"name": label, "categories": [sheet.name, first, 0, last, 0],
                          "values": [sheet.name, first, 1, last, 1], "data_labels": {"value": True}})
        chart.set_title({"name": title, "name_font": {"size": 11}})
        chart.set_legend({"none": True})
        chart.set_size({"width": 900, "height": 360})
        sheet.insert_chart(row + 1, 3, chart)
        height_rows = 360 // 20 + 2
        row = max(last + 3, row + height_rows)
    sheet.set_column(0, 0, 50)
    sheet.set_column(1, 3, 12)


def build_xlsx(content: dict) -> bytes:
    out = BytesIO()
    # No string is ever turned into a formula, a URL or a number (formula injection).
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"title": content["subtitle"][:250], "author": content["meta"]["unit_name"]})
    formats = _Formats(book)
    for index, annex in enumerate(content["annexes"]):
        (_main_sheet if index == 0 else _commune_sheet)(book, formats, annex, content)
    _chart_sheet(book, formats, content)
    programmes = content.get("programmes") or {}  # older snapshots have none
    if programmes.get("ntm"):
        _ntm_sheet(book, formats, programmes["ntm"], content)
    if programmes.get("capital"):
        capital = programmes["capital"]
        # the report's own annex numbers; the check notes stay out of the signed document
        write_capital_sheets(book, capital, titles=capital.get("titles") or ("Phụ biểu 04", "Phụ biểu 05"),
                             findings=False, lagging_sheet=False)
    if content.get("meta", {}).get("internal_notes"):
        sheet = book.add_worksheet("Nội bộ - kiểm tra số liệu")
        sheet.write_string(0, 0, "PHỤ LỤC KIỂM TRA SỐ LIỆU (TÀI LIỆU NỘI BỘ, KHÔNG BAN HÀNH)",
                           formats.get(bold=True, border=0))
        for row, text in enumerate(content.get("quality_notes") or ["Không có điểm nào cần kiểm tra."], 2):
            formats.text(sheet, row, 0, text, formats.get(border=0, text_wrap=True))
        sheet.set_column(0, 0, 140)
    book.close()
    return out.getvalue()
