"""The Excel round trip of a reporter's form: a pre-filled, protected .xlsx to download,
and the reading of a filled one, validated whole (every problem listed, nothing kept
when one cell is wrong). Writes happen later, through workflow.entry_save."""

import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

import xlsxwriter
from openpyxl import load_workbook

from ktxh.core.display import target_text
from ktxh.core.safefiles import SheetBounds, UnsafeFile, check_xlsx
from ktxh.core.spreadsheet import text_cells
from ktxh.engine.numbers import format_number
from ktxh.entry.rules import check_value
from ktxh.entry.selectors import GridRow

SHEET = "Nhập liệu"
HEADER_ROW = 6  # 1-based row of the column headings; data start below it
COLUMNS = ["TT", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Kỳ trước", "Cùng kỳ năm trước",
           "Số liệu kỳ này", "Loại số liệu (ước / chính thức)", "Ghi chú", "Phiên bản (không sửa)"]
INPUT_COLS = {"value": 7, "kind": 8, "comment": 9}  # 0-based: H, I, J
VERSION_COL = 10
KIND_TEXT = {"estimate": "ước", "official": "chính thức"}
KIND_CODES = {"ước": "estimate", "uoc": "estimate", "": "estimate", "chính thức": "official",
              "chinh thuc": "official"}
MAX_ROWS = 2000


class FormError(Exception):
    """The file as a whole cannot be read as this reporter's form."""


@dataclass
class Problem:
    sheet: str
    cell: str
    reason: str


@dataclass
class PlannedChange:
    row: GridRow
    raw: str
    value: Decimal
    kind: str
    comment: str
    version: int
    warnings: list[str] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        old = self.row.value
        return old is None or (old.value, old.kind, old.comment) != (self.value, self.kind, self.comment)


def _cell(col: int, row: int) -> str:
    return f"{chr(ord('A') + col)}{row}"


def form_build(*, round_, data_set, rows: list[GridRow]) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    sheet = book.add_worksheet(SHEET)
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "text_wrap": True, "border": 1, "bg_color": "#E8EEF5", "valign": "top"})
    locked = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    editable = book.add_format({"border": 1, "locked": False, "bg_color": "#FFF8DC"})
    cells = text_cells(book)  # user text: a string, quote-prefixed when it looks like a formula
    cells.write(sheet, 0, 0, f"BIỂU NHẬP SỐ LIỆU — {data_set.name}", bold)
    unit = data_set.reporter_unit
    for r, (label, text, code_label, code) in enumerate([
        ("Đơn vị báo cáo:", data_set.reporter_label + " · " + unit.name, "Mã đơn vị:", unit.code),
        ("Kỳ báo cáo:", round_.name, "Mã kỳ:", round_.period),
        ("Mã bộ biểu:", str(data_set.pk), "Mã đợt báo cáo:", str(round_.pk)),
    ], start=1):
        sheet.write_string(r, 0, label, bold)
        cells.write(sheet, r, 1, text)
        sheet.write_string(r, 2, code_label, bold)
        sheet.write_string(r, 3, code)
    sheet.write_string(4, 0, "Chỉ nhập vào các ô màu vàng. Số viết kiểu Việt Nam: 1.234,5. "
                             "Giá trị bất thường cần ghi chú giải thích.")
    for c, title in enumerate(COLUMNS):
        sheet.write_string(HEADER_ROW - 1, c, title, head)
    for i, row in enumerate(rows):
        r = HEADER_ROW + i
        ind = row.indicator
        own = row.value
        sheet.write_string(r, 0, str(i + 1), locked)
        sheet.write_string(r, 1, ind.code, locked)
        cells.write(sheet, r, 2, ind.name, locked)
        cells.write(sheet, r, 3, ind.unit, locked)
        sheet.write_string(r, 4, target_text(row.target, row.indicator), locked)
        sheet.write_string(r, 5, format_number(row.previous.value) if row.previous else "", locked)
        sheet.write_string(r, 6, format_number(row.last_year.value) if row.last_year else "", locked)
        sheet.write_string(r, 7, format_number(own.value) if own else "", editable)
        sheet.write_string(r, 8, KIND_TEXT.get(own.kind, "ước") if own else "ước", editable)
        cells.write(sheet, r, 9, own.comment if own else "", editable)
        sheet.write_string(r, 10, str(own.version if own else 0), locked)
    if rows:
        last = HEADER_ROW + len(rows) - 1
        sheet.data_validation(HEADER_ROW, 8, last, 8, {"validate": "list", "source": ["ước", "chính thức"]})
    sheet.set_column(0, 0, 5)
    sheet.set_column(1, 1, 11)
    sheet.set_column(2, 2, 48)
    sheet.set_column(3, 6, 14)
    sheet.set_column(7, 8, 16)
    sheet.set_column(9, 9, 36)
    sheet.set_column(10, 10, 10, None, {"hidden": True})
    sheet.freeze_panes(HEADER_ROW, 3)
    sheet.protect("", {"format_columns": True, "format_rows": True})
    book.close()
    return out.getvalue()


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def form_read(content: bytes, *, round_, data_set, rows: list[GridRow]) -> tuple[list[PlannedChange], list[Problem]]:
    """Every change the file asks for, or every problem in it (sheet, cell, reason)."""
    if not content.startswith(b"PK\x03\x04"):
        raise FormError("Tệp không phải là tệp Excel .xlsx.")
    try:
        # Measured before openpyxl reads it: a 118 KB form with one 2-million-cell row took 1,5 GB.
        check_xlsx(content, "biểu nhập liệu", SheetBounds(max_rows=HEADER_ROW + MAX_ROWS + 100, max_columns=50))
    except UnsafeFile as exc:
        raise FormError(str(exc)) from None
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FormError("Không mở được tệp Excel .xlsx (tệp hỏng hoặc sai định dạng).") from exc
    except Exception as exc:  # defusedxml refusing an entity bomb, XML parse errors
        raise FormError("Tệp Excel .xlsx bị hỏng hoặc chứa XML không an toàn, không đọc được.") from exc
    if SHEET not in book.sheetnames:
        raise FormError(f"Tệp không có trang '{SHEET}': hãy dùng biểu tải về từ phần mềm.")
    sheet = book[SHEET]
    try:
        cells = [list(r) for r in sheet.iter_rows(min_row=1, max_row=HEADER_ROW + MAX_ROWS, max_col=11,
                                                  values_only=True)]
    except Exception as exc:  # the sheet XML is parsed here, lazily: a damaged cell ("-inf", "abc" as a number)
        raise FormError("Tệp Excel .xlsx có ô hỏng (giá trị không đọc được), không đọc được tệp.") from exc
    meta = {"unit": _text(cells[1][3]) if len(cells) > 1 else "", "period": _text(cells[2][3]) if len(cells) > 2 else "",
            "data_set": _text(cells[3][1]) if len(cells) > 3 else "", "round": _text(cells[3][3]) if len(cells) > 3 else ""}
    expected = {"unit": data_set.reporter_unit.code, "period": round_.period,
                "data_set": str(data_set.pk), "round": str(round_.pk)}
    if meta != expected:
        raise FormError(f"Tệp này là biểu của đơn vị '{meta['unit']}', kỳ '{meta['period']}' (bộ biểu "
                        f"{meta['data_set']}), không phải biểu của {data_set.reporter_unit.name} kỳ {round_.name}. "
                        "Hãy tải lên đúng biểu của đơn vị và kỳ này.")
    by_code = {row.indicator.code: row for row in rows}
    planned, problems, seen = [], [], set()
    for offset, values in enumerate(cells[HEADER_ROW:]):
        r = HEADER_ROW + offset + 1
        values = (values + [None] * 11)[:11]
        code = _text(values[1])
        raw, kind_text, comment = values[7], _text(values[8]).lower(), _text(values[9])
        if not code:
            if _text(raw):
                problems.append(Problem(SHEET, _cell(1, r), "Dòng có số liệu nhưng thiếu mã chỉ tiêu"))
            continue
        row = by_code.get(code)
        if row is None:
            problems.append(Problem(SHEET, _cell(1, r), f"Mã chỉ tiêu '{code}' không thuộc bộ biểu này"))
            continue
        if code in seen:
            problems.append(Problem(SHEET, _cell(1, r), f"Chỉ tiêu '{code}' xuất hiện hai lần"))
            continue
        seen.add(code)
        if raw is None or _text(raw) == "":
            continue
        if kind_text not in KIND_CODES:
            problems.append(Problem(SHEET, _cell(8, r), f"Loại số liệu '{values[8]}' phải là 'ước' hoặc 'chính thức'"))
        check = check_value(raw if not isinstance(raw, str) else raw.strip(), measure_kind=row.indicator.measure_kind,
                            unit=row.indicator.unit, compare_with=row.comparisons())
        problems += [Problem(SHEET, _cell(7, r), reason) for reason in check.errors]
        if check.warnings and not comment:
            problems += [Problem(SHEET, _cell(7, r), f"{w} — cần ghi chú giải thích ở ô {_cell(9, r)}")
                         for w in check.warnings]
        version = _text(values[VERSION_COL])
        if check.ok and kind_text in KIND_CODES:
            planned.append(PlannedChange(row=row, raw=format_number(check.value), value=check.value, kind=KIND_CODES[kind_text],
                                         comment=comment, version=int(version) if version.isdigit() else 0,
                                         warnings=check.warnings))
    return [p for p in planned if p.changes_anything], problems
