"""The generated DOCX and XLSX opened back with python-docx / openpyxl: numbers,
phrases and the Decree 30/2020 layout settings."""

import io
from decimal import Decimal

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm
from openpyxl import load_workbook

from ktxh.reports.content import build_content
from ktxh.reports.services import build_document
from ktxh.reports.tests.conftest import docx_text


@pytest.fixture
def annual_2023(draft):
    report = draft(number="412/BC-UBND", signer_name="Nguyễn Văn A",
                   sections={"achievements": "Kinh tế tiếp tục phục hồi & phát triển <ổn định>.",
                             "tasks": "- Tập trung sản xuất vụ Đông xuân.\n- Đẩy nhanh giải ngân."})
    return build_content(report)


def test_the_annual_docx_reads_like_section_iii_of_000_with_consistent_numbers(annual_2023):
    text = docx_text(build_document(annual_2023, "docx"))
    assert "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU ĐÃ GIAO TẠI NGHỊ QUYẾT 96/NQ-HĐND CỦA HĐND HUYỆN PHONG THỔ" in text
    assert "Tổng sản lượng lương thực có hạt ước đạt 36.595,83 tấn, vượt 0,43% kế hoạch" in text
    assert "Mức giảm tỷ lệ hộ nghèo 5,88%, vượt 0,58 điểm phần trăm so với kế hoạch" in text
    assert "chỉ tiêu không đạt kế hoạch đề ra (tỷ lệ che phủ rừng)" in text
    assert "(2). Tổng sản lượng lương thực có hạt" in text
    assert "II. CÁC CHỈ TIÊU CHỦ YẾU NĂM 2024" in text and "đạt 36.100 tấn" in text


def test_the_docx_has_the_official_header_number_signature_and_recipients(annual_2023):
    text = docx_text(build_document(annual_2023, "docx"))
    for phrase in ("ỦY BAN NHÂN DÂN", "HUYỆN PHONG THỔ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                   "Độc lập - Tự do - Hạnh phúc", "Số: 412/BC-UBND", "Phong Thổ, ngày", "BÁO CÁO",
                   "Nơi nhận:", "- Sở Kế hoạch và Đầu tư tỉnh;", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                   "Nguyễn Văn A", "/."):
        assert phrase in text, phrase


def test_office_prose_is_kept_verbatim_even_with_xml_characters(annual_2023):
    text = docx_text(build_document(annual_2023, "docx"))
    assert "Kinh tế tiếp tục phục hồi & phát triển <ổn định>." in text
    assert "- Đẩy nhanh giải ngân." in text
    assert "(Chưa soạn nội dung: Khó khăn, hạn chế.)" in text  # unwritten sections are visible


def test_the_docx_layout_is_a4_times_new_roman_with_decree_30_margins_and_page_numbers(annual_2023):
    document = Document(io.BytesIO(build_document(annual_2023, "docx")))
    body, annex = document.sections[0], document.sections[-1]
    assert (round(body.page_width.cm, 1), round(body.page_height.cm, 1)) == (21.0, 29.7)
    assert round(body.left_margin.cm, 1) == 3.0 and round(body.right_margin.cm, 1) == 1.5
    assert round(body.top_margin.cm, 1) == 2.0 and round(body.bottom_margin.cm, 1) == 2.0
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= document.styles["KT Noi dung"].font.size.pt <= 14
    assert "PAGE" in body.header._element.xml and body.different_first_page_header_footer
    assert annex.orientation == WD_ORIENT.LANDSCAPE and annex.page_width > Cm(29)


def test_the_annex_table_repeats_its_header_row_and_carries_the_engine_figures(annual_2023):
    document = Document(io.BytesIO(build_document(annual_2023, "docx")))
    annex = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert "w:tblHeader" in annex.rows[0]._tr.xml
    heads = [c.text for c in annex.rows[0].cells]
    assert heads[3:6] == ["TH năm 2022", "KH năm 2023", "Ước TH năm 2023"] and heads[8] == "KH năm 2024"
    grain = next(r for r in annex.rows if r.cells[1].text == "Tổng sản lượng lương thực có hạt")
    assert [c.text for c in grain.cells][4:10] == ["36.440", "36.595,83", "100,43", "", "36.100", "vượt"]
    assert "w:cantSplit" in grain._tr.xml  # a row never breaks across pages


def test_the_xlsx_annex_holds_numbers_equal_to_the_docx_text_and_prints_on_a4_landscape(annual_2023):
    book = load_workbook(io.BytesIO(build_document(annual_2023, "xlsx")))
    sheet = book["Biểu 01"]
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.freeze_panes == "C6" and sheet.print_title_rows == "$5:$5"
    rows = {r[1].value: r for r in sheet.iter_rows(min_row=6) if r[1].value}
    grain = rows["Tổng sản lượng lương thực có hạt"]
    assert grain[4].value == 36440 and grain[5].value == pytest.approx(36595.83) and grain[6].value == 100.43
    assert grain[5].number_format == "#,##0.00" and grain[6].number_format == "#,##0.00"
    item = next(r for r in annual_2023["annexes"][0]["rows"] if r.get("code") == "02.01")
    assert Decimal(item["pct"]["v"]) == Decimal("100.43") and item["pct"]["t"] == "100,43"
    labour = rows["Tỷ lệ lao động qua đào tạo"]
    assert labour[7].value == 2.5 and "điểm" in labour[7].number_format


def test_xlsx_cells_from_user_text_starting_with_formula_characters_stay_text(annual_2023):
    rows = annual_2023["annexes"][0]["rows"]
    rows[1] = {**rows[1], "name": "=HYPERLINK(\"http://x\",\"y\")", "unit": "+1", "status_text": "@SUM(A1)"}
    sheet = load_workbook(io.BytesIO(build_document(annual_2023, "xlsx")))["Biểu 01"]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+@"]
    assert len(cells) == 3 and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_a_period_without_data_still_makes_a_report_with_the_gaps_marked(draft):
    content = build_content(draft(kind="annual", period="2019"))
    text = docx_text(build_document(content, "docx"))
    assert "chưa có số liệu" in text
    load_workbook(io.BytesIO(build_document(content, "xlsx")))  # opens


def test_a_half_year_report_follows_001_with_two_parts(draft):
    text = docx_text(build_document(build_content(draft(kind="half-year", period="2024")), "docx"))
    assert "Phần thứ nhất" in text and "Phần thứ hai" in text
    assert "MỘT SỐ NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM 6 THÁNG CUỐI NĂM 2024" in text
    assert "bằng 12,12% kế hoạch năm, tăng 240,29 tấn (5,81%) so với cùng kỳ năm trước" in text
    assert "% so KH năm (tiến độ)" in text


def test_the_ntm_report_keeps_only_new_rural_development_indicators(draft):
    content = build_content(draft(kind="ntm", period="2023"))
    names = {r["name"] for r in content["annexes"][0]["rows"] if r["kind"] == "item"}
    assert "Bình quân tiêu chí nông thôn mới" in names and "Tổng sản lượng lương thực có hạt" not in names
    assert "Chương trình MTQG xây dựng nông thôn mới năm 2023" in content["subtitle"]


def test_commune_values_add_a_per_commune_annex_to_docx_and_xlsx(draft, phong_tho, planner):
    from ktxh.catalog.models import Indicator
    from ktxh.catalog.services import target_set
    from ktxh.orgunits.models import OrgUnit
    from ktxh.values.services import value_set

    grain = Indicator.objects.get(code="02.01")
    communes = list(OrgUnit.objects.filter(parent=phong_tho).order_by("path")[:2])
    for commune, value in zip(communes, ("2100.5", "1800"), strict=True):
        value_set(actor=planner, indicator=grain, org_unit=commune, period="2023", kind="estimate", value=Decimal(value))
    target_set(actor=planner, indicator=grain, org_unit=communes[0], period="2023", comparator=">=", value=Decimal("2000"))
    content = build_content(draft())
    annex = content["annexes"][1]
    assert annex["title"] == "Biểu 02" and annex["communes"] >= 2
    # the DOCX: one row per indicator, one column per commune, each cell its result over its % of plan
    document = Document(io.BytesIO(build_document(content, "docx")))
    matrix = next(t for t in document.tables if t.rows[0].cells[0].text == "STT"
                  and communes[0].name in [c.text for c in t.rows[0].cells])
    heads = [c.text for c in matrix.rows[0].cells]
    row = next(r for r in matrix.rows if r.cells[1].text == grain.name)
    assert row.cells[2].text == "tấn"
    assert row.cells[heads.index(communes[0].name)].text == "2.100,5\nKH ≥ 2.000\n105,03% V"
    assert row.cells[heads.index(communes[1].name)].text == "1.800\nKH –"  # no plan of its own: no %, no letter
    sheet = load_workbook(io.BytesIO(build_document(content, "xlsx")))["Biểu 02"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=6)]
    assert [communes[0].name, "tấn", 2000, 2100.5, 105.03, "vượt"] in [v[1:] for v in values]


def test_the_annex_prints_no_percent_of_plan_for_growth_rates_and_changes_in_points(annual_2023):
    # 000 §III writes these in points ("vượt 6,2%", "vượt 0,58", "vượt 1,64"); "177,50" or
    # "428,00" % of plan would read as a share of something (docs/evaluation.md §2).
    document = Document(io.BytesIO(build_document(annual_2023, "docx")))
    annex = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in annex.rows}
    for name in ("Tốc độ tăng tổng lượt khách du lịch", "Mức giảm tỷ suất sinh", "Mức giảm tỷ lệ hộ nghèo"):
        assert rows[name][6] == "" and rows[name][9] == "vượt", (name, rows[name])
    assert rows["Tỷ lệ che phủ rừng"][6] != ""  # a rate against a level plan keeps its % of plan


def test_a_plan_stated_against_last_year_is_written_in_words_not_as_its_change(phong_tho):
    from ktxh.catalog.models import Target
    from ktxh.reports.content import _plan

    visitors = Target.objects.get(indicator__code="04.03", org_unit=phong_tho, period="2024")
    assert _plan(visitors, visitors.indicator) == {"v": None, "t": "tăng 10% so với năm 2023"}
    poverty = Target.objects.get(indicator__code="08.05", org_unit=phong_tho, period="2025")
    assert _plan(poverty, poverty.indicator) == {"v": "30.000000", "t": "< 30"}
