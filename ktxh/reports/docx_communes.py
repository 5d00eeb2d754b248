"""DOCX Biểu 02: the communes' results as a matrix — one row per indicator, one column per
commune (at most COLUMNS per table; a district of 20 communes has two tables), each cell the
commune's result over its % of plan. Written as one string of XML into docxtpl's rendered body, in
place of the template's marker paragraph, before that body is parsed (elements built apart
and moved into the document cost 5 s: lxml re-homes every node); its cells only name the
template's styles ("KT Ma tran ..."): a long list of one
row per commune and indicator was 201 landscape pages for 300 indicators x 20 communes
(LibreOffice's PDF time follows the pages); this is 30.

Built from the content's groups (one per indicator, its commune rows), so a report rebuilt
from an older snapshot gets the same matrix."""

from xml.sax.saxutils import escape

from ktxh.core.display import ILLUSTRATIVE_LABEL

COLUMNS = 10  # communes per table: a result such as 12.110,33 still fits its 1,9 cm column at 9 pt
PAGE_WIDTH_CM = 25.7  # landscape A4 between the annex section's 2 cm margins
STT_CM, UNIT_CM, COMMUNE_CM = 1.0, 1.6, 1.9
NOT_MET = "not_met"
# The engine's statuses (engine.semantics.Status) as one letter of their Vietnamese word.
LETTERS = {"exceeded": "V", "met": "Đ", "not_met": "K", "no_data": "C", "in_progress": "T",
           "no_prior": "N"}  # no plan: "KH –" on the plan line says it, no letter
WORDS = {"exceeded": "vượt", "met": "đạt", "not_met": "không đạt", "no_data": "chưa có số liệu",
         "in_progress": "đang thực hiện", "no_prior": "chưa đủ số liệu năm trước"}
LEGEND = ("Mỗi ô: dòng 1 là kết quả thực hiện của xã, thị trấn; dòng 2 là kế hoạch của xã (KH); dòng 3 là tỷ lệ % "
          "so với kế hoạch và chữ đánh giá (KH –: xã chưa được giao kế hoạch); số in đậm có dấu * là không đạt kế hoạch.")


def _legend_letters(groups: list[dict], communes: list[str]) -> str:
    """The letters the matrix uses, in the engine's words ("V: vượt; Đ: đạt; ...")."""
    used = {r.get("status") for g in groups for r in g.get("rows", [])}
    if any(len(g.get("rows", [])) < len(communes) for g in groups):
        used.add("no_data")
    return "Chữ đánh giá: " + "; ".join(f"{LETTERS[s]}: {WORDS[s]}" for s in LETTERS if s in used) + "."


UNPLANNED = "Các xã, thị trấn chưa được giao kế hoạch các chỉ tiêu "


def _twips(cm: float) -> int:
    return round(cm * 567)


def _style_ids(doc) -> dict:
    """The template's style ids by name ("KT Ma tran so" -> "KTMatranso"); a style an office
    deleted leaves its paragraphs in Normal rather than failing."""
    names = ("KT Ma tran", "KT Ma tran so", "KT Ma tran giua", "KT Ma tran dau", "KT Bieu so", "KT Tieu de", "KT Kem theo",
             "KT Ghi chu", "KT Khong dat", "Table Grid")
    found = {}
    for name in names:
        try:
            found[name] = doc.styles[name].style_id
        except KeyError:
            found[name] = None
    return found


def _p(style: str | None, runs: str, page_break: bool = False, keep_next: bool = False) -> str:
    ppr = ((f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:keepNext/>" if keep_next else "")
           + ("<w:pageBreakBefore/>" if page_break else ""))
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{runs}</w:p>"


def _r(text: str, char_style: str | None = None, br: bool = False) -> str:
    rpr = f'<w:rPr><w:rStyle w:val="{char_style}"/></w:rPr>' if char_style else ""
    return f'<w:r>{rpr}{"<w:br/>" if br else ""}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _tc(width: int, paragraph: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraph}</w:tc>'


def communes_of(annex: dict) -> list[str]:
    """The communes in the order the content lists them (the district's order)."""
    seen: dict[str, None] = {}
    for group in annex.get("groups", []):
        for row in group.get("rows", []):
            seen.setdefault(row["name"], None)
    return list(seen)


def _blocks(communes: list[str]) -> list[list[str]]:
    """Communes split into tables of at most COLUMNS, as even as possible (13 -> 7 + 6)."""
    count = -(-len(communes) // COLUMNS) if communes else 0
    size = -(-len(communes) // count) if count else 0
    return [communes[k:k + size] for k in range(0, len(communes), size)] if size else []


def _cell(row: dict | None, ids: dict) -> str:
    if row is None:  # no value: the letter only, never 0
        return _p(ids["KT Ma tran so"], _r(LETTERS["no_data"]))
    status = row.get("status") or ""
    not_met = status == NOT_MET
    flag = ids["KT Khong dat"] if not_met else None
    runs = _r(row["value"]["t"] if row.get("value") else "", flag)
    plan = (row.get("plan") or {}).get("t")
    runs += _r(f"KH {plan}" if plan else "KH –", br=True)
    pct = f"{row['pct']['t']}%" + ("*" if not_met else "") if row.get("pct") else ""
    letter = LETTERS.get(status, "")
    if pct or letter:  # a commune without a plan has neither: no empty third line
        runs += _r(pct, flag, br=True) + _r(f" {letter}".rstrip() if pct else letter)
    return _p(ids["KT Ma tran so"], runs)


def _table(groups: list[dict], communes: list[str], ids: dict) -> str:
    name_cm = PAGE_WIDTH_CM - STT_CM - UNIT_CM - COMMUNE_CM * len(communes)
    widths = [_twips(STT_CM), _twips(name_cm), _twips(UNIT_CM)] + [_twips(COMMUNE_CM)] * len(communes)
    head, body = ids["KT Ma tran dau"], ids["KT Ma tran"]
    style = f'<w:tblStyle w:val="{ids["Table Grid"]}"/>' if ids["Table Grid"] else ""
    borders = "" if style else ('<w:tblBorders>' + "".join(
        f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for e in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>")
    parts = [f'<w:tbl><w:tblPr>{style}<w:jc w:val="center"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>{borders}'
             '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
             '<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>',
             "".join(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>"]
    heads = ["STT", "Chỉ tiêu", "ĐVT", *communes]
    parts.append('<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
                 + "".join(_tc(w, _p(head, _r(h))) for w, h in zip(widths, heads, strict=True)) + "</w:tr>")
    for group in groups:
        by_commune = {r["name"]: r for r in group.get("rows", [])}
        middle = ids["KT Ma tran giua"]
        cells = [_tc(widths[0], _p(middle, _r(group["stt"]))), _tc(widths[1], _p(body, _r(group["name"]))),
                 _tc(widths[2], _p(middle, _r((group.get("unit") or "").replace("/", "/\u200b"))))]
        cells += [_tc(w, _cell(by_commune.get(c), ids)) for w, c in zip(widths[3:], communes, strict=True)]
        parts.append('<w:tr><w:trPr><w:cantSplit/></w:trPr>' + "".join(cells) + "</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def commune_annex_xml(doc, annex: dict, note: str) -> str:
    """The XML of Biểu 02 (titles, legend, one table per block of communes), in the namespaces
    of the document's body it is written into."""
    ids = _style_ids(doc)
    groups = annex.get("groups", [])
    communes = communes_of(annex)
    blocks = _blocks(communes)
    xml = [_p(ids["KT Bieu so"], _r(annex["title"]), page_break=True), _p(ids["KT Tieu de"], _r(annex["heading"])),
           _p(ids["KT Kem theo"], _r(note)), _p(ids["KT Ghi chu"], _r(LEGEND)),
           _p(ids["KT Ghi chu"], _r(_legend_letters(groups, communes)))]
    unplanned = [g for g in groups if g.get("note")]
    if unplanned:  # said once, under the legend, not in every cell (content._annex_communes)
        xml.append(_p(ids["KT Ghi chu"], _r(
            UNPLANNED + ", ".join(f"số {g['stt']} ({g['name']})" for g in unplanned)
            + "; các chỉ tiêu này chỉ ghi kết quả thực hiện.")))
    illustrative = [g for g in groups if g.get("illustrative")]
    if illustrative:
        xml.append(_p(ids["KT Ghi chu"], _r(
            ILLUSTRATIVE_LABEL + ": " + "; ".join(f"số {g['stt']} ({g['name']}): {', '.join(g['illustrative'])}"
                                                  for g in illustrative) + ".")))
    for number, block in enumerate(blocks, 1):
        if len(blocks) > 1:
            xml.append(_p(ids["KT Ghi chu"], _r(f"Phần {number}/{len(blocks)}: {block[0]} – {block[-1]}"),
                          keep_next=True))
        xml.append(_table(groups, block, ids))
    return "".join(xml)
