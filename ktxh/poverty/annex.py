"""The annex of a review result (XLSX and DOCX: aggregates only) and the household list
XLSX (records, for the commune's staff). Text cells go out through core.spreadsheet."""

import io

import xlsxwriter

from ktxh.core.spreadsheet import text_cells
from ktxh.engine.numbers import format_number
from ktxh.engine.poverty import CLASSES, INDICATOR_CODES, INDICATORS, mask_codes


def _title(f) -> str:
    return f"Kết quả rà soát hộ nghèo, hộ cận nghèo năm {f.review.year} — {f.review.commune.name}"


def _class_rows(f):
    rows = [["Tổng số hộ", f.commune.total, ""]]
    rows += [[label, count, share] for label, count, share in f.commune.rows()]
    return rows


def annex_xlsx(f) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    cells = text_cells(book)
    bold = book.add_format({"bold": True})
    pct = book.add_format({"num_format": "0.00"})
    sheet = book.add_worksheet("Phụ lục")
    sheet.set_column(0, 0, 42)
    sheet.set_column(1, 6, 14)
    cells.write(sheet, 0, 0, _title(f), bold)
    cells.write(sheet, 1, 0, f"Chuẩn nghèo: {f.review.standard}; trạng thái: {f.review.get_state_display()}")
    row = 3
    for header in (["Phân loại", "Số hộ", "Tỷ lệ (%)"],):
        for col, text in enumerate(header):
            cells.write(sheet, row, col, text, bold)
    for label, count, share in _class_rows(f):
        row += 1
        cells.write(sheet, row, 0, label)
        sheet.write_number(row, 1, count)
        if share != "" and share is not None:
            sheet.write_number(row, 2, share, pct)  # display only; the value is the engine's 2-decimal rate
    row += 2
    for col, text in enumerate(["Thôn, bản", "Tổng số hộ", "Hộ nghèo", "Tỷ lệ nghèo (%)", "Hộ cận nghèo",
                                "Tỷ lệ cận nghèo (%)"]):
        cells.write(sheet, row, col, text, bold)
    for v in [*f.villages, f.ethnic]:
        row += 1
        cells.write(sheet, row, 0, v.label)
        for col, value in ((1, v.total), (2, v.poor), (4, v.near_poor)):
            sheet.write_number(row, col, value)
        for col, value in ((3, v.poor_rate), (5, v.near_poor_rate)):
            if value is not None:
                sheet.write_number(row, col, value, pct)
    row += 2
    for col, text in enumerate(["Chỉ số thiếu hụt (hộ nghèo, cận nghèo)", "Số hộ thiếu", "Tỷ lệ (%)"]):
        cells.write(sheet, row, col, text, bold)
    for _, name, count, share in f.deprivation:
        row += 1
        cells.write(sheet, row, 0, name)
        sheet.write_number(row, 1, count)
        if share is not None:
            sheet.write_number(row, 2, share, pct)
    row += 2
    for col, text in enumerate(["Biến động so với năm trước", "Số hộ"]):
        cells.write(sheet, row, col, text, bold)
    for _, label, count in f.movement:
        row += 1
        cells.write(sheet, row, 0, label)
        sheet.write_number(row, 1, count)
    book.close()
    return buffer.getvalue()


def _vn(value, decimals=None) -> str:
    return "—" if value is None else format_number(value, decimals)


def annex_docx(f) -> bytes:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)  # A4
    doc.add_heading(_title(f), level=1)
    doc.add_paragraph(f"Chuẩn nghèo giai đoạn {f.review.standard}; trạng thái: {f.review.get_state_display()}. "
                      f"Tỷ lệ hộ nghèo năm trước: {_vn(f.previous_rate, 2)} %; mức giảm: {_vn(f.fall, 2)} điểm %.")

    def table(header, rows):
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = text
        for r in rows:
            for cell, text in zip(t.add_row().cells, r, strict=True):
                cell.text = text
        doc.add_paragraph()

    table(["Phân loại", "Số hộ", "Tỷ lệ (%)"],
          [[label, _vn(count), "" if share == "" else _vn(share, 2)] for label, count, share in _class_rows(f)])
    table(["Thôn, bản", "Tổng số hộ", "Hộ nghèo", "Tỷ lệ (%)", "Hộ cận nghèo", "Tỷ lệ (%)"],
          [[v.label, _vn(v.total), _vn(v.poor), _vn(v.poor_rate, 2), _vn(v.near_poor), _vn(v.near_poor_rate, 2)]
           for v in [*f.villages, f.ethnic]])
    table(["Chỉ số thiếu hụt", "Số hộ thiếu", "Tỷ lệ (%)"],
          [[name, _vn(count), _vn(share, 2)] for _, name, count, share in f.deprivation])
    table(["Biến động", "Số hộ"], [[label, _vn(count)] for _, label, count in f.movement])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def list_xlsx(review, entries) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    cells = text_cells(book)
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("Danh sách hộ")
    header = ["ma_ho", "thon", "chu_ho", "dan_toc", "khu_vuc", "so_nhan_khau", "thu_nhap_binh_quan",
              *INDICATOR_CODES, "phan_loai", "ly_do", "tinh_trang"]
    for col, text in enumerate(header):
        cells.write(sheet, 0, col, text, bold)
    for row, e in enumerate(entries, start=1):
        h = e.household
        lacking = mask_codes(e.deprivation_mask)
        for col, text in enumerate([h.code, h.village, h.head_name, h.ethnicity, h.area]):
            cells.write(sheet, row, col, text)
        sheet.write_number(row, 5, e.members)
        sheet.write_number(row, 6, int(e.income))
        for i, code in enumerate(INDICATOR_CODES):
            sheet.write_number(row, 7 + i, 1 if code in lacking else 0)
        cells.write(sheet, row, 19, CLASSES[e.klass])
        cells.write(sheet, row, 20, e.reason)
        cells.write(sheet, row, 21, e.get_status_display())
    sheet.set_column(0, 0, 12)
    sheet.set_column(2, 2, 28)
    book.close()
    return buffer.getvalue()


__all__ = ["annex_docx", "annex_xlsx", "list_xlsx", "INDICATORS"]
