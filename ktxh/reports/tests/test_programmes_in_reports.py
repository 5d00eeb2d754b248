"""The programme modules in the official reports: the MTQG capital annex (phụ biểu 04–05)
and its disbursement sentences, the NTM matrix with its aggregates and findings, and the
data-quality warning of the preview. Figures are the demo's (docs/programmes.md)."""

import io
import re

import pytest
from openpyxl import load_workbook

from ktxh.reports.content import build_content, inputs_digest
from ktxh.reports.services import build_document, report_file_rebuild, report_generate, report_save
from ktxh.reports.tests.conftest import docx_text


@pytest.fixture
def ntm_docx(draft):
    return docx_text(build_document(build_content(draft("ntm", "2023")), "docx"))


def test_the_annual_report_says_how_much_mtqg_capital_was_disbursed_from_the_computed_figures(draft):
    text = docx_text(build_document(build_content(draft("annual", "2023")), "docx"))
    # 188.685 (000) already includes NTM's 3.244 (003): counted once
    assert ("Tổng kế hoạch vốn các chương trình năm 2023 là 198.062 triệu đồng, gồm: vốn đầu tư các chương trình "
            "MTQG năm 2023 188.685 triệu đồng (trong đó vốn đầu tư NTM năm 2023 3.244 triệu đồng); vốn đầu tư NTM "
            "năm 2022 chuyển nguồn sang năm 2023 (48 dự án) 5.939 triệu đồng;") in text
    assert "đã giải ngân 106.421 triệu đồng, đạt 53,73% kế hoạch, còn lại 91.641 triệu đồng." in text
    assert "Vốn đầu tư NTM năm 2023 (giải ngân 39,77%)" in text


def test_check_notes_stay_out_of_the_signed_document_unless_the_internal_annex_is_asked_for(draft):
    report = draft("annual", "2023")
    text = docx_text(build_document(build_content(report), "docx"))
    assert "Lưu ý" not in text and "65,6%" not in text and "số giải ngân / kế hoạch" not in text
    assert "bảng tính" not in text and "Chậm giải ngân" not in text  # no sheet the PDF lacks
    internal = build_content(report, internal_notes=True)
    text = docx_text(build_document(internal, "docx"))
    assert "PHỤ LỤC KIỂM TRA SỐ LIỆU (TÀI LIỆU NỘI BỘ, KHÔNG BAN HÀNH)" in text
    # the stated 65,6% against the computed 3.890 / 5.939 = 65,50%
    assert "báo cáo ghi giải ngân 65,6%, số giải ngân / kế hoạch = 3.890 / 5.939 = 65,50%" in text
    book = load_workbook(io.BytesIO(build_document(internal, "xlsx")))
    assert "Nội bộ - kiểm tra số liệu" in book.sheetnames
    assert "Nội bộ - kiểm tra số liệu" not in load_workbook(
        io.BytesIO(build_document(build_content(report), "xlsx"))).sheetnames


def test_annexes_are_numbered_without_a_gap(draft):
    text = docx_text(build_document(build_content(draft("ntm", "2023")), "docx"))
    titles = [line for line in text.splitlines() if re.fullmatch(r"(Phụ biểu|Biểu) \d+", line)]
    assert titles == ["Biểu 01", "Biểu 02", "Biểu 03", "Biểu 04", "Biểu 05"]


def test_the_docx_has_the_capital_annex_tables_with_their_header_repeated_on_landscape_pages(draft):
    from docx import Document

    data = build_document(build_content(draft("annual", "2023")), "docx")
    text = docx_text(data)
    assert "Biểu 03" in text and "Biểu 04" in text and "Phụ biểu" not in text
    assert "2 | Vốn đầu tư NTM năm 2022 chuyển nguồn sang năm 2023 (48 dự án) | Ngân sách Trung ương | Vốn đầu tư " \
           "| 5.939 | 3.890 | 65,50 | 2.049 | 31/12/2023" in text
    assert " | Tổng cộng |  |  | 198.062 | 106.421 | 53,73 | 91.641 | " in text
    assert "Phần còn lại chưa tách chi tiết |  |  | 185.441 | 101.241 | 54,59 | 84.200 | " in text
    assert ("Tổng cộng = dòng 1 (188.685) + dòng 2 (5.939) + dòng 3 (1.570) + dòng 4 (1.868) = 198.062 triệu "
            "đồng") in text
    document = Document(io.BytesIO(data))
    capital = next(t for t in document.tables if t.rows[0].cells[1].text == "Nội dung")
    assert capital.rows[0]._tr.trPr.xpath("./w:tblHeader")
    assert document.sections[-1].page_width > document.sections[-1].page_height


def test_the_ntm_report_speaks_of_its_own_programme_capital(ntm_docx):
    assert ("Tổng vốn chương trình MTQG xây dựng nông thôn mới kế hoạch năm 2023 là 12.621 triệu đồng; đến ngày "
            "31/12/2023 đã giải ngân 5.180 triệu đồng, đạt 41,04% kế hoạch") in ntm_docx
    assert "Tổng vốn 03 chương trình MTQG" not in ntm_docx


def test_the_ntm_report_gives_the_matrix_figures_as_ranges_while_cells_are_unknown(ntm_docx):
    assert "năm 2023 huyện Phong Thổ có 16 xã xây dựng nông thôn mới; 4 xã đã được công nhận" in ntm_docx
    assert ("0 xã đạt đủ 19 tiêu chí; 1 xã đạt từ 15 đến 18 tiêu chí; 5 đến 6 xã đạt từ 10 đến 14 tiêu chí; "
            "9 đến 10 xã đạt dưới 10 tiêu chí.") in ntm_docx
    assert "Bình quân đạt 9,19 đến 9,75 tiêu chí/xã (còn 9 ô tiêu chí chưa rõ kết quả" in ntm_docx
    assert "tiêu chí 8 (Thông tin và truyền thông) 5 đến 12/16 xã" in ntm_docx
    assert "So với mục tiêu năm 2025: số xã đạt chuẩn 4, mục tiêu 7 (chưa đạt)" in ntm_docx


def test_the_ntm_report_flags_what_the_seed_reports_state_against_the_matrix_in_its_internal_annex(draft, ntm_docx):
    assert "Đối chiếu số liệu" not in ntm_docx
    text = docx_text(build_document(build_content(draft("ntm", "2023"), internal_notes=True), "docx"))
    paragraph = next(line for line in text.splitlines() if "Đối chiếu số liệu" in line)
    assert re.search(r"\d+ điểm mâu thuẫn, \d+ điểm chưa kiểm chứng được, \d+ điểm khớp", paragraph)
    assert "Bình quân tiêu chí/xã: báo cáo ghi 11,06, nhưng bảng tiêu chí chỉ cho phép từ 9,19 đến 9,75" in paragraph


def test_the_ntm_matrix_annex_marks_met_blank_and_unknown_cells(ntm_docx):
    lines = ntm_docx.splitlines()
    assert "STT | Xã | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | Số TC đạt" \
        in lines
    huoi_luong = next(line for line in lines if "Huổi Luông (*) |" in line).split(" | ")
    assert huoi_luong[2:] == ["x", "x", "x", "x", "x", "x", "x", "x", "", "x", "", "?", "", "?", "", "x", "", "x",
                              "x", "12+?"]
    assert next(line for line in lines if "| Số xã đạt |" in line).split(" | ")[2:11] == \
        ["16", "4", "16", "16", "9", "3", "16", "5–12", "3"]


def test_the_xlsx_gets_the_matrix_and_the_capital_sheets_as_numbers(draft):
    book = load_workbook(io.BytesIO(build_document(build_content(draft("ntm", "2023")), "xlsx")))
    assert [n for n in book.sheetnames if re.fullmatch(r"Biểu \d+", n)] == ["Biểu 01", "Biểu 02", "Biểu 03",
                                                                           "Biểu 04", "Biểu 05"]
    plan = book["Biểu 04"]
    row = next(r for r in plan.iter_rows(values_only=True) if r[1] and r[1].startswith("Vốn đầu tư NTM năm 2022"))
    assert row[6:8] == (5939, 3890) and round(row[8], 2) == 65.5


def test_a_capital_label_starting_with_equals_stays_text_in_the_xlsx(draft):
    content = build_content(draft("annual", "2023"))
    content["programmes"]["capital"]["rows"][0]["label"] = "=HYPERLINK(\"http://x\")"
    sheet = load_workbook(io.BytesIO(build_document(content, "xlsx")))["Biểu 03"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=HYPERLINK(\"http://x\")")
    assert cell.data_type == "s"


def test_no_capital_or_matrix_annex_without_their_data(draft):
    content = build_content(draft("annual", "2024"))  # the demo has no capital lines of 2024
    assert content["programmes"] == {"capital": None, "ntm": None}
    assert "KẾT QUẢ PHÂN BỔ, GIẢI NGÂN VỐN" not in docx_text(build_document(content, "docx"))
    # Biểu 02 (per commune) is there: the demo has 2024 values of some old communes
    assert [n for n in load_workbook(io.BytesIO(build_document(content, "xlsx"))).sheetnames
            if re.fullmatch(r"Biểu \d+", n)] == ["Biểu 01", "Biểu 02"]
    half = build_content(draft("half-year", "2024-H1"))
    assert half["programmes"] == {"capital": None, "ntm": None}


def test_a_kept_ntm_file_is_rebuilt_from_its_snapshot_after_a_cell_changes(planner, phong_tho):
    from ktxh.programmes.ntm.models import CommuneCriterion

    report = report_save(actor=planner, org_unit=phong_tho, kind="ntm", period="2023")
    kept = report_generate(actor=planner, report=report, fmt="docx")
    assert kept.snapshot["inputs"]["ntm_cells"] and kept.snapshot["inputs"]["capital"]
    cell = CommuneCriterion.objects.filter(commune__name="Xã Huổi Luông", year=2023, criterion__number=12,
                                           criterion__criteria_set__code="1285/QĐ-UBND").get()
    CommuneCriterion.objects.filter(pk=cell.pk).update(state=CommuneCriterion.State.MET)
    assert inputs_digest(build_content(report)) != kept.inputs_digest
    rebuilt = docx_text(report_file_rebuild(kept))
    assert "Bình quân đạt 9,19 đến 9,75 tiêu chí/xã" in rebuilt


def test_the_preview_warns_of_unverified_quality_findings_but_the_document_does_not(client_as, planner, phong_tho):
    from ktxh.quality.selectors import violation_counts
    from ktxh.quality.services import quality_run

    report = report_save(actor=planner, org_unit=phong_tho, kind="annual", period="2023")
    quality_run(unit=phong_tho, period="2023", actor=planner)
    open_count = violation_counts(unit=phong_tho, period="2023", user=planner)["unchecked"]
    assert open_count > 0  # the demo's seeds disagree with themselves (docs/quality)
    client = client_as(planner)
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert f"Số liệu còn {open_count} vấn đề chưa xác minh" in page
    document = client.post(f"/bao-cao/{report.pk}/tao/docx/").content
    assert "chưa xác minh" not in docx_text(document)


def test_no_quality_warning_when_nothing_is_open(client_as, planner, phong_tho):
    report = report_save(actor=planner, org_unit=phong_tho, kind="annual", period="2024")
    assert "vấn đề chưa xác minh" not in client_as(planner).get(f"/bao-cao/{report.pk}/").content.decode()


def test_the_preview_shows_the_matrix_and_the_capital_annex(client_as, planner, phong_tho):
    report = report_save(actor=planner, org_unit=phong_tho, kind="ntm", period="2023")
    page = client_as(planner).get(f"/bao-cao/{report.pk}/").content.decode()
    assert 'data-testid="ntm-matrix"' in page and 'data-testid="capital-annex"' in page
    assert "65,50" in page and "198.062" in page
    assert "Kiểm tra số liệu (chỉ hiện trên trang, không in vào báo cáo)" in page


def test_the_programme_annexes_name_styles_not_direct_formatting(draft):
    """NTM matrix, capital annex, chart titles, internal annex: every paragraph names a KT style
    and bold text is the character style KT Bang dam, so a clerk restyles them in Word."""
    import io as _io

    from docx import Document as _Document
    from docx.oxml.ns import qn as _qn

    from ktxh.reports.content import build_content
    from ktxh.reports.docx_programmes import INTERNAL_TITLE
    from ktxh.reports.services import build_document

    document = _Document(_io.BytesIO(build_document(build_content(draft("ntm", "2023"), internal_notes=True), "docx")))
    body = document.element.body
    texts = [p.text for p in document.paragraphs]
    start = next(k for k, t in enumerate(texts) if t.startswith("Biểu đồ 1"))
    after = document.paragraphs[start:]
    assert INTERNAL_TITLE in [p.text for p in after]
    assert {p.style.name for p in after if p.text} <= {"KT Bieu so", "KT Tieu de", "KT Kem theo", "KT Ghi chu",
                                                        "KT Ghi chu dong", "KT Noi dung"}
    tables = [t for t in document.tables if t.rows[0].cells[0].text in ("TT", "Nhóm") or
              t.rows[0].cells[-1].text == "Số TC đạt"]
    assert len(tables) == 3
    bold = 0
    for table in tables:
        for p in table._tbl.iter(_qn("w:p")):
            assert p.find(_qn("w:pPr")).find(_qn("w:pStyle")).get(_qn("w:val")).startswith("KT")
            for r in p.iter(_qn("w:r")):
                rpr = r.find(_qn("w:rPr"))
                assert rpr is None or [c.tag for c in rpr] == [_qn("w:rStyle")]
                bold += rpr is not None
    assert bold > 0 and body is not None
