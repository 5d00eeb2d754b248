"""Builds party.docx, plan.docx and resolution.docx, the docxtpl templates of the
planning-cycle documents (run it after a change:
`.venv/bin/python ktxh/reports/templates_docx/build_cycle_templates.py`).

Like report.docx (build_template.py, whose helpers this reuses) they are ordinary Word
documents with {{ ... }} / {%p ... %} / {%tr ... %} tags and the "KT ..." styles an office
may restyle. party.docx follows Hướng dẫn 36-HD/VPTW (Party documents); plan.docx and
resolution.docx Decree 30/2020. A body item of type "table" prints a marker paragraph that
ktxh/reports/cycle/docx.py replaces by the table (its columns vary with the period).
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).parent))
import build_template as base  # noqa: E402 — the sibling script of report.docx

HERE = Path(__file__).parent
CENTER, JUSTIFY, RIGHT = base.CENTER, base.JUSTIFY, base.RIGHT


def _document():
    doc = Document()
    normal = doc.styles["Normal"]
    base._font(normal, 14)
    normal.paragraph_format.space_after = Pt(0)
    base._style(doc, "KT Tieu de", size=15, bold=True, align=CENTER, indent=0, before=12, after=0)
    base._style(doc, "KT Trich yeu", bold=True, align=CENTER, indent=0, after=6)
    base._style(doc, "KT Phan", bold=True, align=CENTER, indent=0, before=6, after=6)
    base._style(doc, "KT Muc 1", bold=True, before=6)
    base._style(doc, "KT Muc 2", bold=True)
    base._style(doc, "KT Dieu", bold=True, before=6)
    base._style(doc, "KT Giua", bold=True, align=CENTER, indent=0, before=6, after=6)
    base._style(doc, "KT Noi dung")
    base._style(doc, "KT Bang", size=11, indent=0, after=0)
    missing = base._style(doc, "KT Chua co", italic=True)
    missing.font.color.rgb = RGBColor(0xA4, 0x23, 0x23)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    base._page_number_header(section)
    return doc


def _clean_cells(table) -> None:
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.first_line_indent = None
                p.paragraph_format.space_after = Pt(0)


def _party_header(doc, v: str) -> None:
    """36-HD/VPTW: the committee above (upper case, 14, upright), the issuing committee
    (upper case, 14, bold), a star, "Số 12-BC/HU"; on the right "ĐẢNG CỘNG SẢN VIỆT NAM"
    (upper case, 15, bold) underlined, then place and date (14, italic)."""
    table = doc.add_table(rows=1, cols=2)
    base._no_borders(table)
    left, right = table.rows[0].cells
    left.paragraphs[0].alignment = CENTER
    base._font(left.paragraphs[0].add_run("{{ " + v + ".header.parent }}"), 14)
    base._para(left, "{{ " + v + ".header.issuer }}", size=14, bold=True, align=CENTER)
    base._para(left, "*", size=14, align=CENTER)
    base._para(left, "{{ " + v + ".header.number }}", size=14, align=CENTER)
    right.paragraphs[0].alignment = CENTER
    base._font(right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM"), 15, bold=True)
    base._rule(right, 0.9)
    base._para(right, "", size=14)
    base._para(right, "{{ " + v + ".header.place_date }}", size=14, italic=True, align=CENTER)
    _clean_cells(table)
    base._widths(table, [7.3, 9.2])


def _state_header(doc, v: str) -> None:
    """Decree 30/2020: organ and unit (13, the unit bold) over a rule, "Số: .../KH-UBND";
    the national title and motto over a rule, then place and date."""
    table = doc.add_table(rows=1, cols=2)
    base._no_borders(table)
    left, right = table.rows[0].cells
    left.paragraphs[0].alignment = CENTER
    base._font(left.paragraphs[0].add_run("{{ " + v + ".header.issuer_parent }}"), 13, bold=True)
    base._para(left, "{{ " + v + ".header.issuer }}", size=13, bold=True, align=CENTER, after=0)
    base._rule(left, 2.0)
    base._para(left, "{{ " + v + ".header.number }}", size=13, align=CENTER)
    right.paragraphs[0].alignment = CENTER
    base._font(right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12, bold=True)
    base._para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=CENTER, after=0)
    base._rule(right, 2.6)
    base._para(right, "{{ " + v + ".header.place_date }}", size=13, italic=True, align=CENTER)
    _clean_cells(table)
    base._widths(table, [6.3, 10.2])


def _body(doc, v: str, party: bool) -> None:
    base._para(doc, "{{ " + v + ".title }}", style="KT Tieu de")
    base._para(doc, "{{ " + v + ".subtitle }}", style="KT Trich yeu")
    base._para(doc, "-----" if party else "", style="KT Trich yeu")
    base._para(doc, "{%p if " + v + ".to %}", style="KT Noi dung")
    base._para(doc, "{{ " + v + ".to }}", style="KT Giua")
    base._para(doc, "{%p endif %}", style="KT Noi dung")
    loop = [
        ("{%p for b in " + v + ".body %}", None), ("{%p if b.type == 'part' %}", None), ("{{ b.text }}", "KT Phan"),
        ("{%p elif b.type == 'h1' %}", None), ("{{ b.text }}", "KT Muc 1"),
        ("{%p elif b.type == 'h2' %}", None), ("{{ b.text }}", "KT Muc 2"),
        ("{%p elif b.type == 'article' %}", None), ("{{ b.text }}", "KT Dieu"),
        ("{%p elif b.type == 'center' %}", None), ("{{ b.text }}", "KT Giua"),
        ("{%p elif b.type == 'missing' %}", None), ("{{ b.text }}", "KT Chua co"),
        ("{%p elif b.type == 'table' %}", None), ("{{ b.marker }}", "KT Bang"),
        ("{%p else %}", None), ("{{ b.text }}", "KT Noi dung"), ("{%p endif %}", None), ("{%p endfor %}", None),
        ("{%p if " + v + ".closing %}", None), ("{{ " + v + ".closing }}", "KT Noi dung"), ("{%p endif %}", None),
    ]
    for text, style in loop:
        base._para(doc, text, style=style or "KT Noi dung")


def _signature(doc, v: str, party: bool) -> None:
    table = doc.add_table(rows=1, cols=2)
    base._no_borders(table)
    left, right = table.rows[0].cells
    if party:  # 36-HD/VPTW: "Nơi nhận:" 14 upright underlined, the recipients 12
        run = left.paragraphs[0].add_run("Nơi nhận:")
        base._font(run, 14)
        run.font.underline = True
    else:
        base._font(left.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    base._para(left, "{%p for r in " + v + ".recipients %}", size=12 if party else 11)
    base._para(left, "- {{ r }}", size=12 if party else 11)
    base._para(left, "{%p endfor %}", size=12 if party else 11)
    right.paragraphs[0].alignment = CENTER
    base._font(right.paragraphs[0].add_run("{{ " + v + ".signer.authority }}"), 14, bold=True)
    base._para(right, "{{ " + v + ".signer.title }}", size=14, bold=True, align=CENTER)
    for _ in range(4):
        base._para(right, "", size=14)
    base._para(right, "{{ " + v + ".signer.name }}", size=14, bold=True, align=CENTER)
    _clean_cells(table)
    base._cant_split(table.rows[0])  # the signer's authority, title and name stay on one page
    base._widths(table, [8.0, 8.5])


def _party_annex(doc) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    base._para(doc, "{{ annex.title }}", style="KT Tieu de")
    base._para(doc, "{{ annex.heading }}", style="KT Trich yeu")
    base._para(doc, "{{ annex.attached }}", size=13, italic=True, align=CENTER)
    heads = ["TT", "Chỉ tiêu", "ĐVT", "{{ annex.labels.plan }}", "{{ annex.labels.value }}",
             "{{ annex.labels.next_plan }}", "{{ annex.labels.pct }}", "Đánh giá"]
    cells = [("{{ r.stt }}", CENTER), ("{{ r.name }}", None), ("{{ r.unit }}", CENTER),
             ("{{ r.plan.t if r.plan else '' }}", RIGHT), ("{{ r.value.t if r.value else 'chưa có số liệu' }}", RIGHT),
             ("{{ r.next_plan.t if r.next_plan else '' }}", RIGHT), ("{{ r.pct.t if r.pct else '' }}", RIGHT),
             ("{{ r.status_text }}", CENTER)]
    base._annex_table(doc, heads, cells, [1.2, 8.6, 2.2, 2.6, 2.6, 2.6, 2.4, 3.5], "annex.rows")


def build_party(path: Path) -> Path:
    doc = _document()
    _party_header(doc, "doc")
    _body(doc, "doc", party=True)
    _signature(doc, "doc", party=True)
    _party_annex(doc)
    doc.save(path)
    return path


def build_plan(path: Path) -> Path:
    doc = _document()
    _state_header(doc, "doc")
    _body(doc, "doc", party=False)
    _signature(doc, "doc", party=False)
    doc.save(path)
    return path


def build_resolution(path: Path) -> Path:
    """The submission (tờ trình), then on a new page the draft resolution."""
    doc = _document()
    _state_header(doc, "sub")
    _body(doc, "sub", party=False)
    _signature(doc, "sub", party=False)
    # the resolution is a document of its own: a new section whose pages count from 1
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    # the paragraph that ends the submission's section: tiny, so a full last page never
    # pushes it onto a blank page of its own
    mark = doc.paragraphs[-1]  # python-docx moves the previous section's sectPr into this new last paragraph
    mark.paragraph_format.space_before = mark.paragraph_format.space_after = Pt(0)
    mark.paragraph_format.line_spacing = Pt(1)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    run_props = OxmlElement("w:rPr")
    run_props.append(size)
    mark._p.pPr.sectPr.addprevious(run_props)  # schema order: rPr before sectPr
    section.different_first_page_header_footer = True
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    following = section._sectPr.find(qn("w:cols"))  # schema order: pgNumType before cols
    following.addprevious(numbering) if following is not None else section._sectPr.append(numbering)
    base._para(doc, "{%p if res.draft %}", style="KT Noi dung")
    base._para(doc, "DỰ THẢO", size=13, bold=True, align=RIGHT)
    base._para(doc, "{%p endif %}", style="KT Noi dung")
    _state_header(doc, "res")
    _body(doc, "res", party=False)
    _signature(doc, "res", party=False)
    doc.save(path)
    return path


if __name__ == "__main__":
    for name, build in (("party", build_party), ("plan", build_plan), ("resolution", build_resolution)):
        print(build(HERE / f"{name}.docx"))
