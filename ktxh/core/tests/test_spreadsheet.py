"""The one writer of user text into spreadsheets (issue 13, finding 9)."""

import io

import pytest
import xlsxwriter
from openpyxl import load_workbook

from ktxh.core.spreadsheet import csv_cell, text_cells


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_like_text_is_quote_prefixed_and_keeps_its_format(text):
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    bold = book.add_format({"bold": True, "border": 1})
    cells = text_cells(book)
    cells.write(sheet, 0, 0, text, bold)
    cells.write(sheet, 1, 0, "Sản lượng", bold)
    cells.write(sheet, 2, 0, text)
    book.close()
    ws = load_workbook(io.BytesIO(out.getvalue())).active
    assert ws["A1"].value.replace("_x000D_", "\r") == text and ws["A1"].data_type == "s" and ws["A1"].quotePrefix
    assert ws["A1"].font.b and ws["A1"].border.left.style == "thin"
    assert not ws["A2"].quotePrefix and ws["A2"].font.b
    assert ws["A3"].quotePrefix


def test_csv_cells_get_a_leading_quote():
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("Sản lượng") == "Sản lượng" and csv_cell(None) == ""
