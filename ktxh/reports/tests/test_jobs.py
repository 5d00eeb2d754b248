"""Long report generation runs as a job the page follows (reports/jobs.py). Jobs run inline
in these tests (conftest.tasks_run_inline); a real worker process, killed mid-job and
started again, is driven in test_job_worker.py and tests/browser/test_report_jobs_in_browser.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ktxh.reports.models import ReportFile, ReportJob
from ktxh.reports.services import report_save


@pytest.fixture
def annual(planner, phong_tho):
    return report_save(actor=planner, org_unit=phong_tho, kind="annual", period="2023")


@pytest.fixture
def fake_pdf(monkeypatch):
    """LibreOffice is slow; the job flow does not depend on what it prints."""
    monkeypatch.setattr("ktxh.reports.pdf.docx_to_pdf", lambda data: b"%PDF-1.7 test")


def test_a_pdf_is_made_by_a_job_whose_page_ends_with_the_download_link(client_as, planner, annual, fake_pdf):
    client = client_as(planner)
    response = client.post(f"/bao-cao/{annual.pk}/tao/pdf/")
    job = ReportJob.objects.get(report=annual)
    assert response.status_code == 302 and response.url == f"/bao-cao/{annual.pk}/tac-vu/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert job.status == ReportJob.Status.DONE and job.file.format == "pdf"
    assert "Đã tạo xong tệp PDF" in page and f"/bao-cao/{annual.pk}/tep/{job.file_id}/" in page
    assert 'hx-trigger="every 1s"' not in page  # finished: no more polling
    download = client.get(f"/bao-cao/{annual.pk}/tep/{job.file_id}/")
    assert download.content == b"%PDF-1.7 test" and download["Content-Type"] == "application/pdf"


def test_a_running_job_shows_its_step_and_keeps_polling(client_as, planner, annual):
    job = ReportJob.objects.create(province=annual.province, report=annual, format="pdf", steps=3, step=2,
                                   status=ReportJob.Status.RUNNING, step_label="Tạo tệp DOCX", created_by=planner)
    part = client_as(planner).get(f"/bao-cao/{annual.pk}/tac-vu/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Đang tạo tệp PDF... (bước 2/3)" in part
    assert 'hx-trigger="every 1s"' in part and "<html" not in part  # only the polled part


def test_a_second_click_while_a_job_runs_follows_the_same_job(client_as, planner, annual):
    job = ReportJob.objects.create(province=annual.province, report=annual, format="pdf", steps=3, step=1,
                                   status=ReportJob.Status.RUNNING, created_by=planner)
    response = client_as(planner).post(f"/bao-cao/{annual.pk}/tao/pdf/")
    assert response.url == f"/bao-cao/{annual.pk}/tac-vu/{job.pk}/"
    assert ReportJob.objects.filter(report=annual).count() == 1


def test_a_job_silent_since_its_worker_died_is_run_again_and_ends_with_its_file(client_as, planner, annual,
                                                                                fake_pdf):
    job = ReportJob.objects.create(province=annual.province, report=annual, format="pdf", steps=3, step=3,
                                   status=ReportJob.Status.RUNNING, created_by=planner)
    ReportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    page = client_as(planner).get(f"/bao-cao/{annual.pk}/tac-vu/{job.pk}/").content.decode()
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE and job.attempts == 2 and job.file.format == "pdf"
    assert "Đã tạo xong tệp PDF" in page


def test_a_job_interrupted_twice_is_failed_with_the_reason(client_as, planner, annual):
    job = ReportJob.objects.create(province=annual.province, report=annual, format="pdf", steps=3, step=3,
                                   attempts=2, status=ReportJob.Status.RUNNING, created_by=planner)
    ReportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    page = client_as(planner).get(f"/bao-cao/{annual.pk}/tac-vu/{job.pk}/").content.decode()
    assert "bị dừng giữa chừng (máy xử lý nền bị tắt hoặc khởi động lại) 2 lần" in page
    assert ReportJob.objects.get(pk=job.pk).status == ReportJob.Status.FAILED


def test_a_running_job_with_a_recent_heartbeat_is_left_running(client_as, planner, annual):
    job = ReportJob.objects.create(province=annual.province, report=annual, format="pdf", steps=3, step=2,
                                   status=ReportJob.Status.RUNNING, created_by=planner)
    client_as(planner).get(f"/bao-cao/{annual.pk}/tac-vu/{job.pk}/")
    job.refresh_from_db()
    assert job.status == ReportJob.Status.RUNNING and job.attempts == 1


def test_a_queued_job_no_worker_picks_up_says_it_waits(client_as, planner, annual):
    job = ReportJob.objects.create(province=annual.province, report=annual, format="pdf", steps=3,
                                   status=ReportJob.Status.QUEUED, created_by=planner)
    ReportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
    part = client_as(planner).get(f"/bao-cao/{annual.pk}/tac-vu/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "đang xếp hàng chờ máy xử lý nền" in part and 'hx-trigger="every 1s"' in part


def test_a_failing_job_says_so_in_vietnamese_and_keeps_no_file(client_as, planner, annual, monkeypatch):
    def broken(report):
        raise RuntimeError("disk full")

    monkeypatch.setattr("ktxh.reports.jobs.build_content", broken)
    page = client_as(planner).post(f"/bao-cao/{annual.pk}/tao/pdf/", follow=True).content.decode()
    assert "Không tạo được tệp PDF. Không tạo được tệp do lỗi của máy chủ" in page
    assert "disk full" not in page and not ReportFile.objects.exists()


def test_docx_of_a_large_unit_also_runs_as_a_job_and_a_small_one_downloads_at_once(client_as, planner, annual,
                                                                                   settings):
    client = client_as(planner)
    small = client.post(f"/bao-cao/{annual.pk}/tao/docx/")
    assert small.status_code == 200 and small["Content-Disposition"].endswith('.docx"')
    settings.KTXH_REPORT_ASYNC_VALUES = 10  # Phong Thổ 2023 then counts as large
    large = client.post(f"/bao-cao/{annual.pk}/tao/docx/")
    job = ReportJob.objects.get(report=annual, format="docx")
    assert large.url == f"/bao-cao/{annual.pk}/tac-vu/{job.pk}/" and job.status == ReportJob.Status.DONE
    assert job.file.filename == "bao-cao-annual-109-2023.docx"


def test_someone_who_cannot_see_the_report_cannot_see_its_job(client_as, planner, commune_clerk, annual, fake_pdf):
    client_as(planner).post(f"/bao-cao/{annual.pk}/tao/pdf/")
    job = ReportJob.objects.get(report=annual)
    assert client_as(commune_clerk).get(f"/bao-cao/{annual.pk}/tac-vu/{job.pk}/").status_code == 404


def test_a_leader_cannot_start_a_job(client_as, leader, annual):
    assert client_as(leader).post(f"/bao-cao/{annual.pk}/tao/pdf/").status_code == 404
    assert not ReportJob.objects.exists()


def test_the_internal_annex_is_asked_for_on_the_page_and_made_by_the_same_job_path(client_as, planner, annual,
                                                                                   settings):
    """Issue 15: the office's copy with the internal annex of data checks, from the web page;
    the signed document never has it. A job (here every DOCX runs as one) carries the choice."""
    import io

    from openpyxl import load_workbook

    from ktxh.reports.tests.conftest import docx_text

    client = client_as(planner)
    page = client.get(f"/bao-cao/{annual.pk}/").content.decode()
    internal = page[page.index('data-testid="internal-downloads"'):].split("</div>")[0]
    assert "Bản nội bộ (kèm phụ lục kiểm tra số liệu, không dùng để ký, ban hành)" in internal
    assert internal.count('name="noi_bo" value="1"') == 3  # DOCX, XLSX, PDF
    settings.KTXH_REPORT_ASYNC_VALUES = 0  # every format through the job
    signed = client.post(f"/bao-cao/{annual.pk}/tao/docx/")
    job = ReportJob.objects.get(report=annual)
    assert signed.status_code == 302 and not job.internal_notes and not job.file.internal
    assert "PHỤ LỤC KIỂM TRA SỐ LIỆU" not in docx_text(bytes(job.file.data))
    response = client.post(f"/bao-cao/{annual.pk}/tao/docx/", {"noi_bo": "1"})
    job = ReportJob.objects.filter(report=annual, internal_notes=True).get()
    assert response.url == f"/bao-cao/{annual.pk}/tac-vu/{job.pk}/"
    assert "Bản nội bộ: kèm phụ lục kiểm tra số liệu" in client.get(response.url).content.decode()
    assert job.file.internal and job.file.filename.endswith("-noi-bo.docx")
    text = docx_text(bytes(job.file.data))
    assert "PHỤ LỤC KIỂM TRA SỐ LIỆU (TÀI LIỆU NỘI BỘ, KHÔNG BAN HÀNH)" in text
    assert "số giải ngân / kế hoạch = 3.890 / 5.939 = 65,50%" in text
    client.post(f"/bao-cao/{annual.pk}/tao/xlsx/", {"noi_bo": "1"})
    book = ReportJob.objects.get(report=annual, internal_notes=True, format="xlsx").file
    assert "Nội bộ - kiểm tra số liệu" in load_workbook(io.BytesIO(bytes(book.data))).sheetnames
    listing = client.get(f"/bao-cao/{annual.pk}/").content.decode()
    assert listing.count("bản nội bộ, không ban hành") == 2


def test_the_internal_annex_without_a_job_too(client_as, planner, annual):
    from ktxh.reports.tests.conftest import docx_text

    response = client_as(planner).post(f"/bao-cao/{annual.pk}/tao/docx/", {"noi_bo": "1"})
    assert response.status_code == 200 and "-noi-bo.docx" in response["Content-Disposition"]
    assert "PHỤ LỤC KIỂM TRA SỐ LIỆU" in docx_text(response.content)
    plain = client_as(planner).post(f"/bao-cao/{annual.pk}/tao/docx/")
    assert "PHỤ LỤC KIỂM TRA SỐ LIỆU" not in docx_text(plain.content) and "noi-bo" not in plain["Content-Disposition"]
    assert ReportFile.objects.filter(report=annual, internal=True).count() == 1
