"""The commune comparison as an .xlsx file (XlsxWriter). Text from users goes through
core.spreadsheet, so "=cmd()" in a name can never become a formula."""

from __future__ import annotations

import io

import xlsxwriter

from ktxh.core.display import ILLUSTRATIVE_LABEL
from ktxh.core.spreadsheet import text_cells
from ktxh.engine.semantics import Status
from ktxh.values.selectors import source_citation

FILL = {Status.EXCEEDED: "#E0EFF8", Status.MET: "#E3F3E7", Status.NOT_MET: "#FBE5E5",
        Status.IN_PROGRESS: "#FDF1D8"}


def matrix_xlsx(data) -> bytes:
    """`data`: a dashboards.communes.Comparison (its rows grouped, the NTM rows among them)."""
    matrix = data.matrix
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    sheet = book.add_worksheet("So sánh xã")
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#EEF2F7", "border": 1})
    title = book.add_format({"bold": True, "font_size": 13})
    plain = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    text_cells(book).write(sheet, 0, 0, f"So sánh các xã — {matrix.unit.name} — {matrix.period.label_vi}", title)
    sheet.write_string(1, 0, "Màu ô: xanh dương = vượt, xanh lá = đạt, đỏ = không đạt (so với kế hoạch của xã, "
                             "hoặc kế hoạch của huyện với chỉ tiêu tỷ lệ, bình quân).")
    cells = text_cells(book)
    header = ["Mã", "Chỉ tiêu", "ĐVT"] + [u.name for u in matrix.units]
    for col, text in enumerate(header):
        cells.write(sheet, 3, col, text, bold)
    formats = {}
    for r, row in enumerate(data.rows, start=4):
        ind = row.indicator
        cells.write(sheet, r, 0, ind.code, plain)
        cells.write(sheet, r, 1, ind.name, plain)
        cells.write(sheet, r, 2, ind.unit, plain)
        if getattr(row, "is_ntm", False):  # figures of the NTM matrix, as the page shows them
            for c, cell in enumerate(row.cells, start=3):
                fill = FILL.get(cell.status, "#FFFFFF")
                if fill not in formats:
                    formats[fill] = book.add_format({"border": 1, "bg_color": fill})
                if cell.value is not None and cell.text.isdigit():
                    sheet.write_number(r, c, float(cell.value), formats[fill])
                else:
                    cells.write(sheet, r, c, cell.text, formats[fill])
            continue
        for c, cell in enumerate(row.cells, start=3):
            status = cell.evaluation.status
            key = (ind.decimals, status)
            if key not in formats:
                num = "#,##0" + ("." + "0" * ind.decimals if ind.decimals else "")
                formats[key] = book.add_format({"border": 1, "num_format": num, "bg_color": FILL.get(status, "#FFFFFF")})
            if cell.value is None:
                sheet.write_blank(r, c, None, formats[key])
            else:
                sheet.write_number(r, c, float(cell.value.value), formats[key])
            if cell.illustrative:  # the label stays with a demo figure in the file too
                sheet.write_comment(r, c, ILLUSTRATIVE_LABEL)
    sheet.set_column(0, 0, 8)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 2, 12)
    sheet.set_column(3, 3 + len(matrix.units), 14)
    sheet.freeze_panes(4, 3)
    _sources_sheet(book, bold, plain, data)
    book.close()
    return out.getvalue()


def _sources_sheet(book, bold, plain, data) -> None:
    """One line per value: its status, kind (ước / chính thức) and provenance; the NTM rows
    cite the criteria table they are computed from."""
    sheet = book.add_worksheet("Nguồn số liệu")
    for col, text in enumerate(["Mã", "Chỉ tiêu", "Xã, thị trấn", "Giá trị", "Loại số liệu", "Đánh giá", "Nguồn"]):
        text_cells(book).write(sheet, 0, col, text, bold)
    r = 1
    for row in data.rows:
        if getattr(row, "is_ntm", False):
            for cell in row.cells:
                cells = text_cells(book)
                cells.write(sheet, r, 0, row.indicator.code, plain)
                cells.write(sheet, r, 1, row.indicator.name, plain)
                cells.write(sheet, r, 2, cell.unit.name, plain)
                if cell.value is not None and cell.text.isdigit():
                    sheet.write_number(r, 3, float(cell.value), plain)
                else:
                    cells.write(sheet, r, 3, cell.text, plain)
                cells.write(sheet, r, 4, "Tính toán", plain)
                cells.write(sheet, r, 5, cell.status.label_vi if cell.status else "", plain)
                cells.write(sheet, r, 6, cell.source, plain)
                r += 1
            continue
        for cell in row.cells:
            if cell.value is None:
                continue
            cells = text_cells(book)
            cells.write(sheet, r, 0, row.indicator.code, plain)
            cells.write(sheet, r, 1, row.indicator.name, plain)
            cells.write(sheet, r, 2, cell.unit.name, plain)
            sheet.write_number(r, 3, float(cell.value.value), plain)
            cells.write(sheet, r, 4, cell.value.get_kind_display(), plain)
            cells.write(sheet, r, 5, cell.evaluation.status.label_vi, plain)
            cells.write(sheet, r, 6, source_citation(cell.value.source), plain)
            r += 1
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, 2, 20)
    sheet.set_column(6, 6, 50)
