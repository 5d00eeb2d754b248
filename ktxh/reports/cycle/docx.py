"""DOCX of a cycle document: its docxtpl template (templates_docx/<kind>.docx) filled with
the content, then each "table" body item drawn in place of its marker paragraph (its
number of columns follows the plan period, which a template row cannot)."""

import copy
from io import BytesIO
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate

TEMPLATES = Path(__file__).resolve().parent.parent / "templates_docx"
_MARK = "[[ktxh-bang-{}]]"
_ALIGN = {"l": WD_ALIGN_PARAGRAPH.LEFT, "c": WD_ALIGN_PARAGRAPH.CENTER, "r": WD_ALIGN_PARAGRAPH.RIGHT}


def _mark_tables(content: dict) -> tuple[dict, dict]:
    content = copy.deepcopy(content)
    tables = {}
    for doc in content["documents"]:
        for block in doc["body"]:
            if block["type"] == "table":
                block["marker"] = _MARK.format(len(tables))
                tables[block["marker"]] = block
    return content, tables


def _font(run, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "Times New Roman"


def _repeat(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        trpr.append(element)


def _draw(document, paragraph, block: dict) -> None:
    heads, rows, widths = block["heads"], block["rows"], block.get("widths") or []
    table = document.add_table(rows=1 + len(rows), cols=len(heads))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for r, cells in enumerate([{"bold": True, "cells": heads, "head": True}, *rows]):
        row = table.rows[r]
        if r == 0:
            _repeat(row)
        else:  # a row is never broken across two pages
            split = OxmlElement("w:cantSplit")
            split.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(split)
        for c, text in enumerate(cells["cells"]):
            p = row.cells[c].paragraphs[0]
            p.paragraph_format.space_after = Pt(0)
            align = (block.get("align") or "")[c:c + 1] or "l"
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 else _ALIGN[align]
            _font(p.add_run(str(text)), 11, bold=cells["bold"])
            if c < len(widths):
                row.cells[c].width = Cm(widths[c])
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Cm(width)  # LibreOffice lays a table out from its grid (w:gridCol)
    paragraph._p.addnext(table._tbl)
    paragraph._p.getparent().remove(paragraph._p)


class _Template(DocxTemplate):
    def resolve_listing(self, xml):  # content has no tabs or line breaks in texts (content._paragraphs)
        return xml


def build_cycle_docx(content: dict) -> bytes:
    kind = content["meta"]["kind"]
    marked, tables = _mark_tables(content)
    document = _Template(str(TEMPLATES / f"{kind}.docx"))
    documents = marked["documents"]
    context = {**marked, "doc": documents[0], "annex": (marked.get("annexes") or [{}])[0]}
    if kind == "resolution":
        context.update(sub=documents[0], res=documents[1])
    document.render(context, autoescape=True)
    for paragraph in list(document.docx.paragraphs):
        if paragraph.text in tables:
            _draw(document.docx, paragraph, tables[paragraph.text])
    properties = document.docx.core_properties
    properties.title = f"{documents[-1]['title']} {documents[-1]['subtitle']}"[:250]
    properties.author = content["meta"]["unit_name"]
    out = BytesIO()
    document.save(out)
    return out.getvalue()
