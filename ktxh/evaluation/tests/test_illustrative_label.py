"""A demo figure that is not a published one ("Số liệu minh họa", ktxh/demo/data/README.md)
keeps its label wherever it goes: carried into a new commune's table, on the evaluation
page, in the JSON, in the report's Biểu 01 notes, in the commune comparison and its XLSX.
Figures from the seed reports never carry it."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import User

from ktxh.core.display import ILLUSTRATIVE_LABEL, is_illustrative
from ktxh.evaluation.commands import table_document
from ktxh.evaluation.table import evaluation_table
from ktxh.orgunits.selectors import unit_resolve
from ktxh.reports.documents import build_content
from ktxh.reports.models import Report

pytestmark = pytest.mark.django_db

NEW_KHONG_LAO = "03583@2025"


def test_the_label_is_read_from_a_source_whatever_its_case_or_tone_mark_placement():
    assert is_illustrative("Số liệu minh họa (không phải số liệu công bố)")
    assert is_illustrative("SỐ LIỆU MINH HOẠ")
    assert not is_illustrative("Báo cáo 375/BC-UBND ngày 25/6/2024, dòng 130")
    assert not is_illustrative("") and not is_illustrative(None)


def test_a_figure_carried_from_illustrative_old_commune_values_carries_the_label():
    table = evaluation_table(unit=unit_resolve(NEW_KHONG_LAO), period="2024", main_only=False)
    grain = next(r for r in table.rows if r.indicator.code == "02.01")
    assert grain.carried is not None and grain.carried.illustrative
    assert ILLUSTRATIVE_LABEL in grain.carried.source and grain.illustrative
    rows = {r["code"]: r for r in table_document(table)["rows"]}
    assert rows["02.01"]["illustrative"] is True and ILLUSTRATIVE_LABEL in rows["02.01"]["carry_note"]


def test_the_seed_district_s_figures_carry_no_label(client_as, planner):
    table = evaluation_table(unit=unit_resolve("109"), period="2023")
    assert table.rows and not table.illustrative
    page = client_as(planner).get("/danh-gia/?unit=109&period=2023").content.decode()
    assert 'data-testid="illustrative-note"' not in page and "minh họa" not in page


def test_the_evaluation_page_labels_a_table_built_on_illustrative_targets(client):
    client.force_login(User.objects.get(username="so_tai_chinh"))
    page = client.get(f"/danh-gia/?unit={NEW_KHONG_LAO}&period=2026").content.decode()
    assert 'data-testid="illustrative-note"' in page
    assert page.count('data-testid="illustrative"') >= 3  # its 2026 plan is illustrative, row by row


def test_the_report_annex_notes_every_illustrative_figure():
    report = Report(org_unit=unit_resolve(NEW_KHONG_LAO), kind="annual", period="2024")
    annex = build_content(report)["annexes"][0]
    marked = [r for r in annex["rows"] if r.get("illustrative")]
    assert marked, "no row of Biểu 01 is marked"
    assert sum(ILLUSTRATIVE_LABEL in note for note in annex["notes"]) >= len(marked)


def test_the_commune_comparison_and_its_xlsx_label_the_illustrative_cells(client_as, planner):
    # the old communes' 2024 figures are illustrative (lai_chau_history.csv)
    page = client_as(planner).get("/so-sanh-xa/?unit=109&period=2024").content.decode()
    assert '<small class="illustrative">minh họa</small>' in page
    book = openpyxl.load_workbook(io.BytesIO(client_as(planner).get("/so-sanh-xa/?unit=109&period=2024&format=xlsx")
                                             .content))
    comments = [c.comment.text for row in book["So sánh xã"].iter_rows() for c in row if c.comment]
    assert comments and set(comments) == {ILLUSTRATIVE_LABEL}


def test_the_report_s_commune_annex_labels_the_illustrative_figures_in_word_and_excel():
    from ktxh.reports.services import build_document
    from ktxh.reports.tests.conftest import docx_text

    content = build_content(Report(org_unit=unit_resolve("109"), kind="annual", period="2024"))
    communes = next(a for a in content["annexes"] if a["title"] == "Biểu 02")
    marked = [g for g in communes["groups"] if g["illustrative"]]
    assert marked and all(name.startswith(("Xã", "Thị trấn")) for g in marked for name in g["illustrative"])
    assert ILLUSTRATIVE_LABEL + ": số " in docx_text(build_document(content, "docx"))
    sheet = openpyxl.load_workbook(io.BytesIO(build_document(content, "xlsx")))["Biểu 02"]
    assert any("số liệu minh họa" in str(c.value or "") for row in sheet.iter_rows() for c in row)
