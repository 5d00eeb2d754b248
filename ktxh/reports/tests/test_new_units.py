"""Documents of the units of the two-level government: header, place, signature and
recipients follow the unit; carried figures are explained in the annex."""

import io

import pytest
from openpyxl import load_workbook

from ktxh.orgunits.selectors import unit_resolve
from ktxh.reports.content import build_content
from ktxh.reports.models import Report
from ktxh.reports.services import ReportInvalid, build_document, report_save
from ktxh.reports.tests.conftest import docx_text


@pytest.fixture
def khong_lao(db):
    return unit_resolve("03583@2025")


def test_a_new_commune_report_is_headed_with_the_new_commune(khong_lao):
    report = report_save(actor=None, org_unit=khong_lao, kind="annual", period="2026", signer_name="Nguyễn Văn B")
    text = docx_text(build_document(build_content(report), "docx"))
    lines = text.splitlines()
    top = lines.index("ỦY BAN NHÂN DÂN")
    assert lines[top + 1].startswith("XÃ KHỔNG LÀO")
    for phrase in ("Khổng Lào, ngày", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn B", "- UBND tỉnh;",
                   "- Sở Tài chính tỉnh;", "- TT. HĐND xã;"):
        assert phrase in text, phrase
    assert "Huyện" not in text.split("Nơi nhận:")[1].split("/.")[0]  # no district after the reform


def test_the_province_report_is_headed_with_the_province(db):
    province = unit_resolve("12")
    content = build_content(Report(org_unit=province, kind="annual", period="2026"))
    assert (content["header"]["issuer_parent"], content["header"]["issuer"]) == ("ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU")
    assert content["header"]["place_date"].startswith("Lai Châu, ngày")
    assert "UBND các xã, phường;" in content["recipients"] and "Bộ Tài chính;" in content["recipients"]


def test_a_new_communes_2024_report_lists_the_provenance_of_carried_figures(khong_lao):
    content = build_content(Report(org_unit=khong_lao, kind="annual", period="2024"))
    notes = content["annexes"][0]["notes"]
    grain = next(n for n in notes if "Tổng sản lượng lương thực có hạt" in n)
    assert "Chuyển từ đơn vị trước sắp xếp: Xã Hoang Thèn, Xã Khổng Lào, Xã Bản Lang" in grain
    assert "cộng dồn" in grain
    assert content["inputs"]["carried"]  # the old values it was computed from are in the snapshot
    docx = docx_text(build_document(content, "docx"))
    assert "Ghi chú: số liệu tính từ các đơn vị hành chính trước sắp xếp (01/07/2025)" in docx and grain in docx
    sheet = load_workbook(io.BytesIO(build_document(content, "xlsx")))["Biểu 01"]
    assert grain in [c.value for row in sheet.iter_rows() for c in row]


def test_a_report_of_a_dissolved_commune_for_a_later_period_is_refused_naming_the_successor(db):
    hoang_then = unit_resolve("109-10")
    with pytest.raises(ReportInvalid, match="Xã Hoang Thèn đã sáp nhập vào Xã Khổng Lào từ 01/07/2025"):
        report_save(actor=None, org_unit=hoang_then, kind="annual", period="2026")
    assert not Report.objects.filter(org_unit=hoang_then).exists()
