"""DOCX annex tables of the programme modules (NTM matrix, MTQG capital), appended with
python-docx after the docxtpl template is rendered. They live here rather than in the Word
template because their columns vary (a criteria set has its own number of criteria), which
docxtpl can only do with a pass that costs seconds on large reports (docx_builder.py).
They go into the last section of the template: landscape A4, header row repeated."""

from decimal import Decimal

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.oxml.shape import CT_Inline
from docx.shared import Cm
from lxml import etree

from ktxh.engine.numbers import format_number
from ktxh.reports.phrasing import figure

FONT = "Times New Roman"
_DOC_PR_IDS = etree.XPath("//wp:docPr/@id", namespaces=nsmap)
CENTER, RIGHT, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT


def _style(doc, name: str):
    """A template style by name (docs/reports.md, "restyling without code"); one an office
    deleted in Word leaves the text in Normal rather than failing."""
    try:
        return doc.styles[name]
    except KeyError:
        return None


def _run(paragraph, text: str, bold=False) -> None:
    run = paragraph.add_run(text)
    if bold:  # a character style, not direct bold: the clerk restyles it in Word
        style = _style(paragraph.part.document, "KT Bang dam")
        if style is not None:
            run.style = style
        else:
            run.bold = True


def _para(doc, text: str, style: str, page_break=False):
    p = doc.add_paragraph(style=_style(doc, style))
    if page_break:
        p.paragraph_format.page_break_before = True
    p.add_run(text)
    return p


def _row_flags(row, header=False) -> None:
    trpr = row._tr.get_or_add_trPr()
    for tag in (("w:tblHeader", "w:cantSplit") if header else ("w:cantSplit",)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        trpr.append(element)


_CELL_STYLES = {"": {LEFT: "KT Bang", CENTER: "KT Bang giua", RIGHT: "KT Bang so", "head": "KT Bang dau"},
                "matrix": {LEFT: "KT Ma tran", CENTER: "KT Ma tran giua", RIGHT: "KT Ma tran so",
                           "head": "KT Ma tran dau"}}


def _table(doc, heads: list[str], rows: list[tuple[list[str], bool]], widths: list[float], aligns, kind=""):
    """rows: (cells, bold). The header row repeats on every page; no row splits across pages."""
    table = doc.add_table(rows=1 + len(rows), cols=len(heads))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, (cells, bold) in enumerate([(heads, True), *rows]):
        row = table.rows[index]
        _row_flags(row, header=index == 0)
        for col, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
            cell.width = Cm(widths[col])
            p = cell.paragraphs[0]
            p.style = _style(doc, _CELL_STYLES[kind]["head" if index == 0 else aligns[col]])
            _run(p, text, bold=bold and index > 0)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    return table


def _money(value: str | None) -> str:
    return figure(Decimal(value)) if value is not None else ""


def _pct(value: str | None) -> str:
    """As the capital annex workbook shows it: two decimals, half-up (65,50)."""
    return format_number(Decimal(value), 2) if value is not None else ""


def _narrow_margins(table, cm: float = 0.06) -> None:
    """Small cell margins so "5–12" fits a criterion column of the NTM matrix."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(cm * 567)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _title(doc, number: str, heading: str, note: str) -> None:
    _para(doc, number, "KT Bieu so", page_break=True)
    _para(doc, heading, "KT Tieu de")
    _para(doc, note, "KT Kem theo")


def _ntm_annex(doc, annex: dict, note: str) -> None:
    _title(doc, annex["title"], annex["heading"], note)
    criteria = annex["criteria"]
    heads = ["STT", "Xã", *[str(k["number"]) for k in criteria], "Số TC đạt"]
    rows = [([r["stt"], r["name"] + (" (*)" if r["recognised"] else ""), *r["cells"],
              r["met"] + ("+?" if r["unknown"] else "")], False) for r in annex["rows"]]
    rows.append((["", "Số xã đạt", *annex["totals"], ""], True))
    width = min(0.95, 19.5 / max(len(criteria), 1))
    table = _table(doc, heads, rows, [1.1, 3.5, *[width] * len(criteria), 1.6],
                   [CENTER, LEFT, *[CENTER] * len(criteria), CENTER], kind="matrix")
    _narrow_margins(table)
    _para(doc, annex["legend"] + ".", "KT Ghi chu")
    _para(doc, f"Tiêu chí (Bộ tiêu chí {annex['criteria_set']}): "
          + "; ".join(f"{k['number']}. {k['name']}" for k in criteria) + ".", "KT Ghi chu dong")


def _capital_annex(doc, annex: dict, note: str) -> None:
    sub = f"{note[:-1]}; số liệu đến ngày {annex['as_of']}; ĐVT: triệu đồng)"
    titles = annex.get("titles") or ["Phụ biểu 04", "Phụ biểu 05"]  # older snapshots
    _title(doc, titles[0], "KẾT QUẢ PHÂN BỔ, GIẢI NGÂN VỐN CÁC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA", sub)
    heads = ["TT", "Nội dung", "Nguồn vốn", "Loại vốn", "Kế hoạch vốn", "Đã giải ngân", "Tỷ lệ (%)", "Còn lại",
             "Hạn giải ngân"]
    rows = [([r["number"], "  " * r["depth"] + r["label"] + (" (dự kiến khoảng)" if r["approximate"] else ""),
              r["fund_source"], r["capital_type"], _money(r["plan"]), _money(r["disbursed"]),
              _pct(r["pct"]), _money(r["remaining"]), r["deadline"]],
             not r["leaf"]) for r in annex["rows"]]
    total = annex["total"]
    rows.append((["", "Tổng cộng", "", "", _money(total["plan"]), _money(total["disbursed"]),
                  _pct(total["pct"]), _money(total["remaining"]), ""],
                 True))
    _table(doc, heads, rows, [1.1, 8.0, 2.8, 2.4, 2.4, 2.4, 1.8, 2.4, 2.2],
           [CENTER, LEFT, LEFT, LEFT, RIGHT, RIGHT, RIGHT, RIGHT, CENTER])
    if annex.get("composition"):
        _para(doc, "Ghi chú: " + annex["composition"], "KT Ghi chu")
    _title(doc, titles[1], "TỔNG HỢP GIẢI NGÂN THEO CHƯƠNG TRÌNH, NGUỒN VỐN, LOẠI VỐN, NĂM GỐC", sub)
    rows = [([group["label"], item["key"], _money(item["plan"]), _money(item["disbursed"]),
              _pct(item["pct"]), _money(item["remaining"])], False)
            for group in annex["groups"] for item in group["items"]]
    _table(doc, ["Nhóm", "Theo", "Kế hoạch vốn", "Đã giải ngân", "Tỷ lệ (%)", "Còn lại"], rows,
           [4.0, 9.7, 3.2, 3.2, 2.4, 3.2], [LEFT, LEFT, RIGHT, RIGHT, RIGHT, RIGHT])


def annex_note(content: dict) -> str:
    header = content["header"]
    return f"(Kèm theo báo cáo {header['number'].replace('Số: ', 'số ')} của {header['issuer_name']})"


INTERNAL_TITLE = "PHỤ LỤC KIỂM TRA SỐ LIỆU (TÀI LIỆU NỘI BỘ, KHÔNG BAN HÀNH)"


def _internal_annex(doc, notes: list[str], note: str) -> None:
    """The office's own checks (a printed % against disbursed / plan, report figures against the
    NTM matrix): only when asked for (content meta internal_notes), never numbered as a Biểu."""
    _title(doc, "Nội bộ", INTERNAL_TITLE, note)
    for text in notes or ["Không có điểm nào cần kiểm tra."]:
        _para(doc, "- " + text, "KT Noi dung")


def _charts(doc, content: dict, note: str) -> None:
    """The report's charts (reports/charts.py), one per landscape page, numbered Biểu đồ 1, 2 …"""
    from io import BytesIO

    from ktxh.reports.charts import report_charts

    drawn = report_charts(content)
    # python-docx's add_picture finds a free shape id by reading every id of the document (a
    # whole-tree XPath per picture, 0,1 s each on 6.000 annex rows): one look at the drawings.
    shape_id = max((int(i) for i in _DOC_PR_IDS(doc.part.element) if i.isdigit()), default=0)
    for number, (caption, png) in enumerate(drawn, 1):
        _title(doc, f"Biểu đồ {number}", caption.upper(), note)
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")  # PNG IHDR
        # fit the landscape page: 24 cm wide, at most 14 cm high
        size = {"width": Cm(24)} if height * 24 <= width * 14 else {"height": Cm(14)}
        rid, image = doc.part.get_or_add_image(BytesIO(png))
        shape_id += 1
        paragraph = doc.add_paragraph(style=_style(doc, "KT Bang giua"))
        paragraph.add_run()._r.add_drawing(CT_Inline.new_pic_inline(shape_id, rid, image.filename,
                                                                    *image.scaled_dimensions(**size)))


def append_programme_annexes(doc, content: dict) -> None:
    """Add the charts, the NTM matrix, the capital annex and, when asked for, the internal check annex to a
    rendered report (python-docx Document)."""
    programmes = content.get("programmes") or {}
    note = annex_note(content)
    _charts(doc, content, note)
    if programmes.get("ntm"):
        _ntm_annex(doc, programmes["ntm"], note)
    if programmes.get("capital"):
        _capital_annex(doc, programmes["capital"], note)
    if content.get("meta", {}).get("internal_notes"):
        _internal_annex(doc, content.get("quality_notes", []), note)
