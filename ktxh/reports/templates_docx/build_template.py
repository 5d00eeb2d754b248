"""Builds report.docx, the docxtpl Word template of every report (run it after a change:
`.venv/bin/python ktxh/reports/templates_docx/build_template.py`).

The file it writes is an ordinary Word document with {{ ... }} / {%p ... %} / {%tr ... %}
tags; an office may restyle it in Word (fonts, spacing, the styles "KT ...") without
code, as long as each tag stays in one piece (docs/reports.md). Layout: Decree
30/2020/NĐ-CP — A4, Times New Roman 13-14 pt, margins 20/20/30/15 mm, two-column
header, page numbers at the top centre from page 2; annexes on landscape pages.
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).parent
FONT = "Times New Roman"  # LibreOffice substitutes the metric-compatible Liberation Serif
CENTER, JUSTIFY, RIGHT, LEFT = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.RIGHT,
                                WD_ALIGN_PARAGRAPH.LEFT)


def _font(target, size: float, bold=False, italic=False) -> None:
    target.font.name = FONT
    target.font.size = Pt(size)
    target.font.bold = bold
    target.font.italic = italic
    rpr = target.element.get_or_add_rPr() if hasattr(target, "element") else target._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _style(doc, name: str, size=14, bold=False, italic=False, align=JUSTIFY, indent=1.0, before=0, after=6):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    _font(style, size, bold, italic)
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(indent) if indent else None
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.15
    return style


def _para(container, text="", style=None, size=None, bold=False, italic=False, align=None, after=None):
    p = container.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        if size:
            _font(run, size, bold, italic)
    if align is not None:
        p.alignment = align
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def _rule(cell, indent_cm: float) -> None:
    """A short line under a heading (the underline of Decree 30's header): a paragraph border."""
    p = cell.add_paragraph()
    p.paragraph_format.left_indent = Cm(indent_cm)
    p.paragraph_format.right_indent = Cm(indent_cm)
    p.paragraph_format.space_after = Pt(2)
    run = p.add_run()
    _font(run, 2)
    ppr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    ppr.append(border)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table, widths_cm) -> None:
    """Cell widths and the grid (LibreOffice lays tables out from w:tblGrid)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def _cant_split(row) -> None:
    """A row is never broken across two pages."""
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        trpr.append(element)


def _page_number_header(section) -> None:
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = CENTER
    run = p.add_run()
    _font(run, 13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _header_block(doc) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.paragraphs[0].alignment = CENTER
    _font(left.paragraphs[0].add_run("{{ header.issuer_parent }}"), 13)
    _para(left, "{{ header.issuer }}", size=13, bold=True, align=CENTER, after=0)
    _rule(left, 2.0)
    _para(left, "{{ header.number }}", size=13, align=CENTER)
    right.paragraphs[0].alignment = CENTER
    _font(right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=CENTER, after=0)
    _rule(right, 2.6)
    _para(right, "{{ header.place_date }}", size=13, italic=True, align=CENTER)
    for cell in (left, right):
        for p in cell.paragraphs:
            p.paragraph_format.first_line_indent = None
            p.paragraph_format.space_after = Pt(0)
    _widths(table, [6.3, 10.2])


def _body(doc) -> None:
    _para(doc, "{{ title }}", style="KT Tieu de")
    _para(doc, "{{ subtitle }}", style="KT Trich yeu")
    loop = [
        ("{%p for b in body %}", None), ("{%p if b.type == 'part' %}", None), ("{{ b.text }}", "KT Phan"),
        ("{%p elif b.type == 'h1' %}", None), ("{{ b.text }}", "KT Muc 1"),
        ("{%p elif b.type == 'h2' %}", None), ("{{ b.text }}", "KT Muc 2"),
        ("{%p elif b.type == 'missing' %}", None), ("{{ b.text }}", "KT Chua co"),
        ("{%p else %}", None), ("{{ b.text }}", "KT Noi dung"), ("{%p endif %}", None), ("{%p endfor %}", None),
        ("{{ closing }}", "KT Noi dung"),
    ]
    for text, style in loop:
        _para(doc, text, style=style or "KT Noi dung")


def _signature(doc) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    _font(left.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    _para(left, "{%p for r in recipients %}", size=11)
    _para(left, "- {{ r }}", size=11)
    _para(left, "{%p endfor %}", size=11)
    right.paragraphs[0].alignment = CENTER
    _font(right.paragraphs[0].add_run("{{ signer.authority }}"), 14, bold=True)
    _para(right, "{{ signer.title }}", size=14, bold=True, align=CENTER)
    for _ in range(4):
        _para(right, "", size=14)
    _para(right, "{{ signer.name }}", size=14, bold=True, align=CENTER)
    for cell in (left, right):
        for p in cell.paragraphs:
            p.paragraph_format.first_line_indent = None
            p.paragraph_format.space_after = Pt(0)
    _widths(table, [8.0, 8.5])


# Paragraph styles of the annex tables (name: bold, alignment, size): every cell names one of
# them and carries no formatting of its own, so an office restyles all tables in Word at once
# and the document stays small (direct run formatting in every cell of the 300 x 20 report
# made 17 MB of XML).
TABLE_STYLES = {
    "KT Bang": (False, LEFT, 10), "KT Bang giua": (False, CENTER, 10), "KT Bang so": (False, RIGHT, 10),
    "KT Bang dau": (True, CENTER, 10), "KT Bang nhom": (True, LEFT, 10),
    # Biểu 02 (communes as columns, built by reports/docx_communes.py): a size smaller
    "KT Ma tran": (False, LEFT, 9), "KT Ma tran so": (False, RIGHT, 9), "KT Ma tran giua": (False, CENTER, 9),
    "KT Ma tran dau": (True, CENTER, 9),
}


def _table_styles(doc) -> None:
    for name, (bold, align, size) in TABLE_STYLES.items():
        style = _style(doc, name, size=size, bold=bold, align=align, indent=0, after=0)
        style.paragraph_format.line_spacing = 1.0
        style.paragraph_format.widow_control = False
    _style(doc, "KT Bieu so", size=13, bold=True, align=RIGHT, indent=0, after=0)  # "Biểu 01"
    _style(doc, "KT Kem theo", size=13, italic=True, align=CENTER, indent=0, after=6)  # "(Kèm theo báo cáo ...)"
    _style(doc, "KT Ghi chu", size=11, italic=True, indent=0, after=0)
    _style(doc, "KT Ghi chu dong", size=11, indent=0, after=0)
    # a commune's figure that did not meet its plan (Biểu 02): a character style, not direct bold
    flagged = doc.styles.add_style("KT Khong dat", WD_STYLE_TYPE.CHARACTER)
    flagged.font.bold = True
    # bold text in the programme annexes' tables (group and total rows): a style, not direct bold
    doc.styles.add_style("KT Bang dam", WD_STYLE_TYPE.CHARACTER).font.bold = True


def _styled(cell, text: str, style: str) -> None:
    p = cell.paragraphs[0]
    p.style = style
    if text:
        p.add_run(text)


def _cell_margins(table, cm: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(cm * 567)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


ALIGN_STYLE = {CENTER: "KT Bang giua", RIGHT: "KT Bang so", None: "KT Bang"}


def _annex_table(doc, heads, item_cells, widths, rows_expr: str) -> None:
    """A table whose rows come from a {%tr for %} loop; group rows are bold. Each {%tr %}
    tag sits in a row of its own, which docxtpl removes."""
    tags = {1: "{%tr for r in " + rows_expr + " %}", 2: "{%tr if r.kind == 'group' %}",
            4: "{%tr else %}", 6: "{%tr endif %}", 7: "{%tr endfor %}"}
    table = doc.add_table(rows=8, cols=len(heads))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, head in zip(table.rows[0].cells, heads, strict=True):
        _styled(cell, head, "KT Bang dau")
    _repeat_header(table.rows[0])
    for index, tag in tags.items():
        _styled(table.rows[index].cells[0], tag, "KT Bang")
    group = table.rows[3].cells
    _styled(group[0], "{{ r.stt }}", "KT Bang dau")
    _styled(group[1], "{{ r.name }}", "KT Bang nhom")
    _styled(group[2], "{{ r.unit or '' }}", "KT Bang dau")
    for cell in group[3:]:
        _styled(cell, "", "KT Bang")
    for cell, (text, align) in zip(table.rows[5].cells, item_cells, strict=True):
        _styled(cell, text, ALIGN_STYLE[align])
    _cant_split(table.rows[3])
    _cant_split(table.rows[5])
    _widths(table, widths)
    _cell_margins(table, 0.1)


def _annexes(doc) -> None:
    """Biểu 01 here; Biểu 02 (communes as columns, a number of columns that follows the
    district) is written by reports/docx_communes.py after this section's last paragraph."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    _para(doc, "{{ annex1.title }}", style="KT Bieu so")
    _para(doc, "{{ annex1.heading }}", style="KT Tieu de")
    _para(doc, "(Kèm theo báo cáo {{ header.number|replace('Số: ', 'số ') }} của {{ issuer_name }})",
          style="KT Kem theo")
    heads = ["STT", "Chỉ tiêu", "ĐVT", "{{ annex1.labels.prior }}", "{{ annex1.labels.plan }}",
             "{{ annex1.labels.value }}", "{{ annex1.labels.pct }}", "{{ annex1.labels.change }}",
             "{{ annex1.labels.next_plan }}", "Đánh giá"]
    cells = [("{{ r.stt }}", CENTER), ("{{ r.name }}", None), ("{{ r.unit }}", CENTER),
             ("{{ r.prior.t if r.prior else '' }}", RIGHT), ("{{ r.plan.t if r.plan else '' }}", RIGHT),
             ("{{ r.value.t if r.value else 'chưa có số liệu' }}", RIGHT),
             ("{{ r.pct.t if r.pct else '' }}", RIGHT), ("{{ r.change_text }}", RIGHT),
             ("{{ r.next_plan.t if r.next_plan else '' }}", RIGHT), ("{{ r.status_text }}", CENTER)]
    # 25,7 cm between the margins; the indicator's name on one line where it can (10 pt)
    widths = [1.0, 8.0, 1.8, 2.1, 2.1, 2.3, 1.5, 2.5, 2.0, 2.4]
    _annex_table(doc, heads, cells, widths, "annex1.rows")
    # provenance of figures computed from the units before the 2025 reform
    _para(doc, "{%p if annex1.notes %}", style="KT Noi dung")
    _para(doc, "Ghi chú: số liệu tính từ các đơn vị hành chính trước sắp xếp (01/07/2025)", style="KT Ghi chu")
    _para(doc, "{%p for n in annex1.notes %}", style="KT Noi dung")
    _para(doc, "{{ n }}", style="KT Ghi chu dong")
    _para(doc, "{%p endfor %}", style="KT Noi dung")
    _para(doc, "{%p endif %}", style="KT Noi dung")
    # where docx_builder puts Biểu 02 (keep this paragraph: it is replaced, never printed)
    _para(doc, "{{ annex2_marker }}", style="KT Noi dung")


def build(path: Path) -> Path:
    doc = Document()
    normal = doc.styles["Normal"]
    _font(normal, 14)
    normal.paragraph_format.space_after = Pt(0)
    _style(doc, "KT Tieu de", bold=True, align=CENTER, indent=0, before=12, after=0)
    _style(doc, "KT Trich yeu", bold=True, align=CENTER, indent=0, after=12)
    _style(doc, "KT Phan", bold=True, align=CENTER, indent=0, before=6, after=6)
    _style(doc, "KT Muc 1", bold=True, before=6)
    _style(doc, "KT Muc 2", bold=True, italic=False)
    _style(doc, "KT Noi dung")
    missing = _style(doc, "KT Chua co", italic=True)
    missing.font.color.rgb = RGBColor(0xA4, 0x23, 0x23)
    _table_styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    _page_number_header(section)
    _header_block(doc)
    _body(doc)
    _signature(doc)
    _annexes(doc)
    doc.save(path)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "report.docx"
    print(build(target))
