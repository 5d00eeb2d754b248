"""DOCX: the docxtpl template (templates_docx/report.docx) filled with a report's content."""

from io import BytesIO
from pathlib import Path

from docx.oxml.ns import nsmap
from docx.oxml.parser import element_class_lookup
from docxtpl import DocxTemplate
from lxml import etree

from ktxh.reports.docx_communes import commune_annex_xml
from ktxh.reports.docx_programmes import annex_note, append_programme_annexes

TEMPLATE = Path(__file__).parent / "templates_docx" / "report.docx"
_DOC_PR = etree.XPath("//wp:docPr", namespaces=nsmap)


_BREAK_AFTER_SLASH = "/\u200b"  # a zero-width space: "triệu đồng/người/năm" wraps after a slash, never mid-word


def _units_wrappable(annex: dict) -> dict:
    rows = [{**r, "unit": r["unit"].replace("/", _BREAK_AFTER_SLASH)} if r.get("unit") else r
            for r in annex.get("rows", [])]
    groups = [{**g, "unit": (g.get("unit") or "").replace("/", _BREAK_AFTER_SLASH)} for g in annex.get("groups", [])]
    return {**annex, "rows": rows, **({"groups": groups} if "groups" in annex else {})}


# The paragraph of the template that Biểu 02 replaces (docx_communes.py)
ANNEX2_MARKER = "KTXH-BIEU-02-7f3c"


def template_context(content: dict) -> dict:
    annexes = content.get("annexes", [])
    return {**content, "annex1": _units_wrappable(annexes[0]) if annexes else {"rows": [], "labels": {}},
            "annex2": annexes[1] if len(annexes) > 1 else None, "annex2_marker": ANNEX2_MARKER,
            "issuer_name": content["header"]["issuer_name"]}


def _replace_paragraph(xml: str, marker: str, replacement: str) -> str:
    """The rendered body with the paragraph holding `marker` replaced by `replacement`."""
    at = xml.find(marker)
    if at < 0:
        return xml
    start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
    end = xml.index("</w:p>", at) + len("</w:p>")
    return xml[:start] + replacement + xml[end:]


class _ReportTemplate(DocxTemplate):
    """docxtpl with two passes skipped that this template never needs; on a district of
    300 indicators and 20 communes they took 15 of 24 seconds (bench/report.py)."""

    def resolve_listing(self, xml):
        # Rewrites tabs and line breaks inside texts; content.py leaves none in any text.
        return xml

    annex2_xml = ""  # Biểu 02, written into the rendered body before it is parsed

    def fix_tables(self, xml):
        # docxtpl's own only repairs column counts after {%tc %} column loops, which the template
        # has none of. The rendered body is parsed here inside the template's own document tags,
        # with python-docx's element classes, so map_tree swaps whole documents: moving a parsed
        # body into the template's tree (docxtpl's way) re-homes every element, 3 of 12 s on
        # 300 indicators x 20 communes (bench/report.py).
        xml = _replace_paragraph(xml, ANNEX2_MARKER, self.annex2_xml)
        root = etree.tostring(self.docx._element, encoding="unicode")
        start, end = root.index("<w:body"), root.index("</w:body>") + len("</w:body>")
        parser = etree.XMLParser(recover=True, huge_tree=True)
        parser.set_element_class_lookup(element_class_lookup)
        return etree.fromstring(root[:start] + xml + root[end:], parser=parser)

    def fix_docpr_ids(self, tree):
        # docxtpl's own, with lxml's XPath: python-docx's elements take no `namespaces` argument
        for element in _DOC_PR(tree):
            self.docx_ids_index += 1
            element.attrib["id"] = str(self.docx_ids_index)

    def map_tree(self, tree):
        self.docx._element = self.docx._part._element = tree
        self.docx._Document__body = None  # python-docx's cached body of the old tree


def build_docx(content: dict, template: Path = TEMPLATE) -> bytes:
    document = _ReportTemplate(str(template))
    annexes = content.get("annexes") or []
    if len(annexes) > 1 and annexes[1]:
        document.init_docx()
        document.annex2_xml = commune_annex_xml(document.docx, annexes[1], annex_note(content))
    # autoescape: office prose may contain "&" or "<", which must not break the XML.
    document.render(template_context(content), autoescape=True)
    append_programme_annexes(document.docx, content)
    properties = document.docx.core_properties
    properties.title = f"{content['title']} {content['subtitle']}"[:250]
    properties.author = content["meta"]["unit_name"]
    out = BytesIO()
    document.save(out)
    return out.getvalue()
