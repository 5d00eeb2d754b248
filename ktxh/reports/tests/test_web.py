"""The report pages: create, write prose, preview, generate and download; scoped
through accounts.access; every generated file keeps the snapshot of its inputs."""

import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from ktxh.reports.models import Report, ReportFile
from ktxh.reports.services import report_file_rebuild, report_save
from ktxh.reports.tests.conftest import docx_text


@pytest.fixture
def annual(planner, phong_tho):
    return report_save(actor=planner, org_unit=phong_tho, kind="annual", period="2023", number="412/BC-UBND")


def test_a_planner_creates_a_report_for_the_district_from_the_list_page(client_as, planner):
    client = client_as(planner)
    page = client.get("/bao-cao/")
    assert page.status_code == 200 and "Lập báo cáo" in page.content.decode()
    response = client.post("/bao-cao/", {"kind": "annual", "unit": "109", "period": "2023"})
    report = Report.objects.get(org_unit__code="109", kind="annual", period="2023")
    assert response.status_code == 302 and response.url == f"/bao-cao/{report.pk}/"
    assert report.province.code == "12" and report.created_by == planner


def test_a_period_that_does_not_fit_the_kind_is_refused_in_vietnamese_and_nothing_is_saved(client_as, planner):
    response = client_as(planner).post("/bao-cao/", {"kind": "annual", "unit": "109", "period": "2024-H1"})
    assert response.status_code == 400
    assert "Báo cáo năm không lập cho kỳ" in response.content.decode()
    assert not Report.objects.exists()


def test_the_preview_shows_the_main_indicator_sentences_and_the_office_prose(client_as, planner, annual):
    client = client_as(planner)
    response = client.post(f"/bao-cao/{annual.pk}/", {
        "number": "412/BC-UBND", "issued_on": "2023-12-05", "place": "", "signer_authority": "TM. ỦY BAN NHÂN DÂN",
        "signer_title": "CHỦ TỊCH", "signer_name": "Trần Bảo Trung", "recipients": "UBND tỉnh;\nLưu: VT.",
        "section_limitations": "Chuyển dịch cơ cấu kinh tế vẫn còn chậm.",
    })
    assert response.status_code == 302
    page = client.get(f"/bao-cao/{annual.pk}/").content.decode()
    assert "Tổng sản lượng lương thực có hạt ước đạt 36.595,83 tấn, vượt 0,43% kế hoạch" in page
    assert "Chuyển dịch cơ cấu kinh tế vẫn còn chậm." in page
    assert "Phong Thổ, ngày 05 tháng 12 năm 2023" in page
    annual.refresh_from_db()
    assert annual.sections["limitations"] == "Chuyển dịch cơ cấu kinh tế vẫn còn chậm."


def test_downloading_a_docx_keeps_the_file_with_the_snapshot_of_its_inputs(client_as, planner, annual):
    response = client_as(planner).post(f"/bao-cao/{annual.pk}/tao/docx/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-annual-109-2023.docx"'
    assert "Mức giảm tỷ lệ hộ nghèo 5,88%" in docx_text(response.content)
    stored = ReportFile.objects.get(report=annual)
    assert bytes(stored.data) == response.content and stored.created_by == planner
    assert len(stored.inputs_digest) == 64 and stored.snapshot["inputs"]["values"]
    assert any(v[1] == "02.01" and Decimal(v[5]) == Decimal("36595.83") for v in stored.snapshot["inputs"]["values"])


def test_a_kept_file_is_rebuilt_from_its_snapshot_even_after_the_data_changed(client_as, planner, annual):
    from ktxh.catalog.models import Indicator
    from ktxh.values.services import value_set

    client_as(planner).post(f"/bao-cao/{annual.pk}/tao/xlsx/")
    stored = ReportFile.objects.get(report=annual)
    value_set(actor=planner, indicator=Indicator.objects.get(code="02.01"), org_unit=annual.org_unit,
              period="2023", kind="estimate", value=Decimal("30000"))
    rebuilt = load_workbook(io.BytesIO(report_file_rebuild(stored)))["Biểu 01"]
    values = [row[5].value for row in rebuilt.iter_rows(min_row=6) if row[1].value == "Tổng sản lượng lương thực có hạt"]
    assert values == [pytest.approx(36595.83)]
    download = client_as(planner).get(f"/bao-cao/{annual.pk}/tep/{stored.pk}/")
    assert download.status_code == 200 and download.content == bytes(stored.data)


def test_a_leader_reads_and_downloads_but_cannot_edit_or_generate(client_as, leader, planner, annual):
    client_as(planner).post(f"/bao-cao/{annual.pk}/tao/xlsx/")
    client = client_as(leader)
    page = client.get(f"/bao-cao/{annual.pk}/").content.decode()
    assert "Tổng sản lượng lương thực có hạt" in page and "Lưu và xem trước" not in page
    assert client.post(f"/bao-cao/{annual.pk}/", {"number": "1/BC"}).status_code == 404
    assert client.post(f"/bao-cao/{annual.pk}/tao/docx/").status_code == 404
    stored = ReportFile.objects.get(report=annual)
    assert client.get(f"/bao-cao/{annual.pk}/tep/{stored.pk}/").status_code == 200


def test_a_commune_clerk_does_not_see_the_district_report(client_as, commune_clerk, annual):
    client = client_as(commune_clerk)
    assert client.get(f"/bao-cao/{annual.pk}/").status_code == 404
    assert "412/BC-UBND" not in client.get("/bao-cao/").content.decode()
    assert client.post("/bao-cao/", {"kind": "annual", "unit": "109", "period": "2023"}).status_code == 400


def test_generating_needs_the_csrf_token(planner, annual):
    client = Client(enforce_csrf_checks=True)
    client.force_login(planner)
    assert client.post(f"/bao-cao/{annual.pk}/tao/docx/").status_code == 403
    assert not ReportFile.objects.exists()


def test_a_missing_libreoffice_is_said_clearly_and_nothing_is_kept(client_as, planner, annual, monkeypatch):
    monkeypatch.setattr("ktxh.reports.pdf.soffice_path", lambda: None)
    response = client_as(planner).post(f"/bao-cao/{annual.pk}/tao/pdf/", follow=True)
    assert "Máy chủ chưa cài LibreOffice" in response.content.decode()
    assert not ReportFile.objects.exists()


def test_an_over_long_section_is_refused_and_nothing_is_saved(planner, annual):
    from ktxh.reports.services import ReportInvalid

    with pytest.raises(ReportInvalid, match="dài quá"):
        report_save(actor=planner, report=annual, org_unit=annual.org_unit, kind="annual", period="2023",
                    sections={"tasks": "x" * 60_001})
    annual.refresh_from_db()
    assert annual.sections == {}
