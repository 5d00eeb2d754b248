"""What a leader reading the signed report sees: charts drawn from the figures (DOCX and
native XLSX charts), units that wrap only after a slash, a per-commune table that says
"no plan" once, and sources cited as documents."""

import io

from docx import Document
from openpyxl import load_workbook

from ktxh.reports.content import build_content
from ktxh.reports.services import build_document
from ktxh.reports.tests.conftest import docx_text


def test_the_docx_has_the_main_indicator_and_commune_charts_as_figures(draft):
    data = build_document(build_content(draft("annual", "2023")), "docx")
    text = docx_text(data)
    assert "Biểu đồ 1" in text and "SỐ CHỈ TIÊU ĐẠT, KHÔNG ĐẠT KẾ HOẠCH THEO NHÓM CHỈ TIÊU" in text
    assert "SO SÁNH GIỮA CÁC XÃ, THỊ TRẤN" in text
    assert len(Document(io.BytesIO(data)).inline_shapes) >= 2


def test_a_chart_is_drawn_again_when_its_figures_change_and_reused_when_they_do_not(draft):
    import copy

    from ktxh.reports.charts import charts_cache_clear, report_charts

    charts_cache_clear()
    content = build_content(draft("annual", "2023"))
    first = report_charts(content)
    assert report_charts(copy.deepcopy(content)) == first  # the same figures: the same PNGs
    changed = copy.deepcopy(content)
    row = next(r for r in changed["annexes"][0]["rows"] if r.get("status") in ("met", "exceeded"))
    row["status"] = "not_met"  # a value corrected below its plan: one more "không đạt" in its group
    redrawn = report_charts(changed)
    assert [c for c, _ in redrawn] == [c for c, _ in first]
    assert redrawn[0][1] != first[0][1] and redrawn[1:] == first[1:]
    charts_cache_clear()
    assert report_charts(content) == first  # drawing is deterministic: the memo changes no byte


def test_the_chart_font_has_every_vietnamese_letter():
    from matplotlib.font_manager import FontProperties, get_font

    from ktxh.reports.charts import FONT_FILES, _font

    family = _font()
    assert family is not None
    path = next(p for p in FONT_FILES if p.exists())
    font = get_font(str(path))
    chars = font.get_charmap()
    assert all(ord(c) in chars for c in "ắằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữựýỳỷỹỵđĐơư")
    assert FontProperties(family=family).get_name() == family


def test_the_main_chart_counts_each_groups_indicators_by_status(draft):
    from ktxh.reports.charts import main_series

    annex = build_content(draft("annual", "2023"))["annexes"][0]
    series = main_series(annex)
    groups = [r["name"] for r in annex["rows"] if r["kind"] == "group"]
    items = [r for r in annex["rows"] if r["kind"] == "item"]
    assert [g[0] for g in series] == groups  # one bar per group, in the order of Biểu 01
    assert sum(sum(g[1:]) for g in series) == len(items)
    assert sum(g[2] for g in series) == sum(r["status"] == "not_met" for r in items) > 0
    assert sum(g[1] for g in series) == sum(r["status"] in ("met", "exceeded") for r in items)


def test_the_xlsx_has_native_charts_over_the_figures(draft):
    content = build_content(draft("annual", "2023"))
    book = load_workbook(io.BytesIO(build_document(content, "xlsx")))
    sheet = book["Biểu đồ"]
    assert len(sheet._charts) >= 2
    assert sheet["A1"].value == "Số chỉ tiêu đạt, không đạt kế hoạch theo nhóm chỉ tiêu"
    from ktxh.reports.charts import main_series

    first = main_series(content["annexes"][0])[0]
    assert [c.value for c in sheet[3][:4]] == list(first)


def test_the_unit_column_wraps_only_after_a_slash_never_inside_a_word(draft):
    document = Document(io.BytesIO(build_document(build_content(draft("annual", "2023")), "docx")))
    units = [row.cells[2].text for table in document.tables for row in table.rows
             if len(row.cells) > 2 and "người/" in row.cells[2].text]
    assert units and all("/\u200b" in u for u in units)


def test_a_commune_table_without_commune_plans_says_so_once(draft):
    content = build_content(draft("annual", "2023"))
    communes = content["annexes"][1]
    unplanned = [g for g in communes["groups"] if g.get("note")]
    assert unplanned and all(r["status_text"] == "" for g in unplanned for r in g["rows"])
    text = docx_text(build_document(content, "docx"))
    assert "chưa có kế hoạch" not in text.split("Biểu 02", 1)[1].split("Biểu đồ 1", 1)[0]
    # the matrix names them once, under its legend
    assert text.count("Các xã, thị trấn chưa được giao kế hoạch các chỉ tiêu") == 1
    note = next(line for line in text.splitlines() if "chưa được giao kế hoạch các chỉ tiêu" in line)
    assert all(f"số {g['stt']} ({g['name']})" in note for g in unplanned)


def test_the_capital_sheet_cites_documents_not_files(draft):
    book = load_workbook(io.BytesIO(build_document(build_content(draft("annual", "2023")), "xlsx")))
    sheet = book["Biểu 03"]
    header = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "TT")
    col = header.index("Nguồn số liệu")
    sources = [r[col] for r in sheet.iter_rows(values_only=True) if r[col] and r[0] != "TT"]
    assert "Báo cáo tình hình kinh tế - xã hội năm 2023 của UBND huyện Phong Thổ, dòng 1222" in sources
    assert not any(".txt" in s or "derived" in s for s in sources)
