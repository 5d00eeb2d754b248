"""Biểu 02 as a matrix (docx_communes.py) and the annex tables written with styles only."""

import io

from docx import Document
from docx.oxml.ns import qn

from ktxh.reports.docx_builder import TEMPLATE, build_docx
from ktxh.reports.docx_communes import COLUMNS, commune_annex_xml


def _annex(communes: int) -> dict:
    names = [f"Xã Số {k}" for k in range(1, communes + 1)]
    groups = []
    for number, status in ((1, "exceeded"), (2, "not_met")):
        rows = [{"kind": "item", "stt": f"{number}.{k}", "name": n, "unit": "tấn",
                 "plan": {"v": "100", "t": "≥ 100"}, "value": {"v": "98.5", "t": f"98,{k}"},
                 "pct": {"v": "98.5", "t": "98,5"}, "status": status, "status_text": ""}
                for k, n in enumerate(names, 1)]
        groups.append({"kind": "group", "stt": str(number), "name": f"Chỉ tiêu {number}", "unit": "triệu đồng/người",
                       "rows": rows})
    groups[1]["rows"] = groups[1]["rows"][1:]  # the first commune has no value for the second indicator
    return {"title": "Biểu 02", "heading": "KẾT QUẢ THEO XÃ", "groups": groups, "rows": []}


def _content(annex: dict) -> dict:
    return {"meta": {"kind": "annual", "unit_name": "Huyện A", "internal_notes": False}, "title": "BÁO CÁO",
            "subtitle": "Thử", "header": {"issuer_parent": "ỦY BAN NHÂN DÂN", "issuer": "HUYỆN A", "number": "Số: 1/BC",
                                          "place_date": "A, ngày 1", "issuer_name": "UBND huyện A"},
            "body": [], "closing": "", "recipients": [], "signer": {"authority": "", "title": "", "name": ""},
            "annexes": [{"title": "Biểu 01", "heading": "H", "labels": {}, "rows": [], "notes": []}, annex],
            "programmes": {}}


def test_communes_are_split_into_even_tables_of_at_most_ten_columns():
    document = Document(io.BytesIO(build_docx(_content(_annex(13)))))
    matrices = [t for t in document.tables if len(t.columns) > 3 and t.rows[0].cells[3].text.startswith("Xã Số")]
    assert [len(t.columns) - 3 for t in matrices] == [7, 6] and 7 <= COLUMNS
    first, second = matrices
    assert [c.text for c in first.rows[0].cells][3:] == [f"Xã Số {k}" for k in range(1, 8)]
    row = first.rows[1]
    assert row.cells[1].text == "Chỉ tiêu 1" and row.cells[2].text == "triệu đồng/\u200bngười"
    assert row.cells[3].text == "98,1\nKH ≥ 100\n98,5% V"  # value, the commune's plan, % and status letter
    lagging = first.rows[2]
    assert lagging.cells[3].text == "C"  # no value: "chưa có số liệu", never 0
    assert lagging.cells[4].text == "98,2\nKH ≥ 100\n98,5%* K"
    flagged = [r for p in lagging.cells[4].paragraphs for r in p.runs if r.style.name == "KT Khong dat"]
    assert [r.text for r in flagged] == ["98,2", "\n98,5%*"]  # not met: a character style, not direct bold
    legend = [p.text for p in document.paragraphs if p.text.startswith("Chữ đánh giá")]
    assert legend == ["Chữ đánh giá: V: vượt; K: không đạt; C: chưa có số liệu."]
    assert second.rows[0].cells[-1].text == "Xã Số 13"
    assert first.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # the header repeats on every page


def test_the_annex_cells_name_a_style_and_carry_no_formatting_of_their_own(draft):
    from ktxh.reports.content import build_content
    from ktxh.reports.services import build_document

    document = Document(io.BytesIO(build_document(build_content(draft("annual", "2023")), "docx")))
    annex_tables = [t for t in document.tables if [c.text for c in t.rows[0].cells[:2]] == ["STT", "Chỉ tiêu"]]
    assert len(annex_tables) >= 2  # Biểu 01 and Biểu 02
    for table in annex_tables:
        for p in table._tbl.iter(qn("w:p")):
            ppr = p.find(qn("w:pPr"))
            assert ppr is not None and ppr.find(qn("w:pStyle")).get(qn("w:val")).startswith("KT")
            assert [c.tag for c in ppr] == [qn("w:pStyle")]  # no alignment, spacing, indent of its own
            for rpr in p.iter(qn("w:rPr")):
                assert [c.tag for c in rpr] == [qn("w:rStyle")]


def test_the_template_defines_the_table_styles_an_office_restyles():
    document = Document(str(TEMPLATE))
    names = {s.name for s in document.styles}
    assert {"KT Bang", "KT Bang so", "KT Bang dau", "KT Ma tran", "KT Ma tran so", "KT Khong dat"} <= names
    assert document.styles["KT Bang"].font.size.pt == 10 and document.styles["KT Ma tran"].font.size.pt == 9


def test_a_template_without_the_matrix_styles_still_writes_biểu_02(tmp_path):
    document = Document(str(TEMPLATE))
    for name in ("KT Ma tran so", "KT Khong dat"):
        element = document.styles[name].element
        element.getparent().remove(element)
    xml = commune_annex_xml(document, _annex(3), "(Kèm theo)")
    assert "KTMatranso" not in xml and "98,1" in xml
