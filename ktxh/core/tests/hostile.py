"""Hostile files for the tests: zip bombs, entity bombs, dimension bombs, built in memory."""

from __future__ import annotations

import io
import zipfile

import xlsxwriter

LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + "]>")


def xlsx(rows: list[list], sheet: str = "Sheet1") -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    book.close()
    return out.getvalue()


def rewrite(data: bytes, member: str, change) -> bytes:
    """The same zip with one member's text passed through ``change``."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == member:
                body = change(body.decode("utf-8")).encode("utf-8")
            dst.writestr(info.filename, body)
    return out.getvalue()


def add_member(data: bytes, member: str, body: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as dst:
        dst.writestr(member, body)
    return out.getvalue()


def wide_row(data: bytes, cells: int) -> bytes:
    """One row of ``cells`` numeric cells appended to the first sheet (the 2-million-cell row)."""
    def change(xml: str) -> str:
        row = '<row r="999">' + '<c t="n"><v>1</v></c>' * cells + "</row>"
        return xml.replace("</sheetData>", row + "</sheetData>")
    return rewrite(data, "xl/worksheets/sheet1.xml", change)


def declared(data: bytes, ref: str = "A1:XFD1048576") -> bytes:
    import re

    return rewrite(data, "xl/worksheets/sheet1.xml", lambda xml: re.sub(r'<dimension ref="[^"]*"/>',
                                                                       f'<dimension ref="{ref}"/>', xml))


def laughs(data: bytes, member: str = "xl/worksheets/sheet1.xml") -> bytes:
    """Billion laughs: a DTD of nested entities, used once in the sheet."""
    def change(xml: str) -> str:
        body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
        body = body.replace("<sheetData>", '<sheetData><row r="50"><c r="A50" t="inlineStr"><is><t>&lol9;</t></is>'
                            "</c></row>", 1)
        return LAUGHS + body
    return rewrite(data, member, change)


def number_cell(data: bytes, placeholder: str, text: str) -> bytes:
    """Replace a numeric cell's stored text (e.g. 12345 by 1E+400, NaN, -inf)."""
    return rewrite(data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(f"<v>{placeholder}</v>", f"<v>{text}</v>"))


def inflating(data: bytes, megabytes: int = 20) -> bytes:
    """A member of zeros that compresses about 1.000 times."""
    return add_member(data, "xl/media/padding.bin", b"\0" * (megabytes * 1024 * 1024))
