"""Uploads are read in the job worker (imports/jobs.py), and bad input gets a clear message.

Jobs run inline here (conftest.tasks_run_inline); a queued job is left in the queue by
replacing `enqueue`, then run by hand as the worker would."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ktxh.engine.text import analyse
from ktxh.imports import jobs
from ktxh.imports.models import ImportedDocument, ImportJob
from ktxh.imports.readers import DocumentError, read_document
from ktxh.imports.tests._cp1258 import cp1258
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db

REPORT = ("BÁO CÁO\nTình hình kinh tế - xã hội năm 2022 của huyện Phong Thổ\n"
          "1. Tổng sản lượng lương thực có hạt ước đạt 35.120,5 tấn, đạt 101,2% kế hoạch.\n"
          "2. Thu ngân sách nhà nước trên địa bàn đạt 61.500 triệu đồng.\n")


REPORT_BYTES = REPORT.encode()


def _upload(client, data=REPORT_BYTES, name="bao-cao.txt"):
    return client.post(reverse("import_upload"), {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def queued(monkeypatch):
    """Tasks stay in the queue (no worker runs them) until the test runs them."""
    monkeypatch.setattr(jobs, "enqueue", lambda task, *args: "")
    monkeypatch.setattr("ktxh.core.jobs.enqueue", lambda task, *args: "")  # the retry (core/jobs.py)


def test_an_upload_is_read_by_a_job_that_records_its_steps_and_opens_the_review(client_as, planner):
    response = _upload(client_as(planner))
    job = ImportJob.objects.get()
    doc = ImportedDocument.objects.get()
    assert response.url == reverse("import_review", args=[doc.pk])
    assert job.status == ImportJob.Status.DONE and job.document == doc and job.step == 2
    assert job.fact_count >= 2 and bytes(job.data) == b""  # the bytes are not kept once read


def test_a_queued_upload_shows_its_progress_and_the_poll_moves_on_to_the_review(client_as, planner, queued):
    client = client_as(planner)
    response = _upload(client)
    job = ImportJob.objects.get()
    assert response.url == reverse("import_job", args=[job.pk]) and not ImportedDocument.objects.exists()
    page = client.get(response.url).content.decode()
    assert "Đang đọc tệp bao-cao.txt" in page and 'hx-trigger="every 1s"' in page
    assert "<script>" not in page  # strict CSP: htmx from a file, no inline script
    jobs.job_run(job.pk, 1)  # what the worker does
    poll = client.get(response.url, HTTP_HX_REQUEST="true")
    doc = ImportedDocument.objects.get()
    assert poll.status_code == 204 and poll["HX-Redirect"] == reverse("import_review", args=[doc.pk])


def test_a_double_click_follows_the_same_job_and_another_user_cannot_see_it(client_as, planner, admin_user,
                                                                             queued):
    client = client_as(planner)
    _upload(client)
    _upload(client)
    job = ImportJob.objects.get()
    assert client_as(admin_user).get(reverse("import_job", args=[job.pk])).status_code == 404


def test_a_job_whose_worker_died_is_run_again_and_ends_at_the_review(client_as, planner, queued):
    client = client_as(planner)
    _upload(client)
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, step=1,
                                               updated_at=timezone.now() - timedelta(hours=1))
    client.get(reverse("import_job", args=[job.pk]))
    job.refresh_from_db()
    assert job.attempts == 2 and job.status == ImportJob.Status.QUEUED and "chạy lại" in job.step_label
    jobs.job_run(job.pk, 2)
    assert client.get(reverse("import_job", args=[job.pk])).url.startswith("/nhap-bao-cao/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE


def _scanned_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)  # a page with no text layer, as a scanner makes
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_scanned_pdf_gets_a_clear_message_and_nothing_is_stored(client_as, planner):
    response = _upload(client_as(planner), _scanned_pdf(), "ban-scan.pdf")
    page = response.content.decode()
    assert response.status_code == 400 and "không có lớp chữ" in page and "OCR" in page
    assert not ImportedDocument.objects.exists()
    assert ImportJob.objects.get().status == ImportJob.Status.FAILED


def test_a_queued_scanned_pdf_fails_on_the_progress_page_with_the_reason(client_as, planner, queued):
    client = client_as(planner)
    response = _upload(client, _scanned_pdf(), "ban-scan.pdf")
    jobs.job_run(ImportJob.objects.get().pk, 1)
    page = client.get(response.url).content.decode()
    assert "Không đọc được tệp ban-scan.pdf" in page and "không có lớp chữ" in page
    assert 'hx-trigger="every 1s"' not in page and not ImportedDocument.objects.exists()


def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path, client_as, planner):
    big = tmp_path / "bao-cao-100mb.txt"
    with big.open("wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    with pytest.raises(DocumentError, match="quá lớn"):
        read_document(big)
    # the web upload: the request body is refused by its length, before Django parses it
    response = client_as(planner).post(reverse("import_upload"), {"file": SimpleUploadedFile("a.txt", b"x")},
                                       CONTENT_LENGTH=str(100 * 1024 * 1024))
    assert response.status_code == 413 and not ImportJob.objects.exists()


def test_a_text_in_mixed_encodings_is_read_line_by_line(client_as, planner):
    data = (REPORT.encode("utf-8")
            + cp1258("3. Tỷ lệ che phủ rừng ước đạt 43,9%.\n"))  # a paragraph pasted from an old cp1258 file
    _upload(client_as(planner), data)
    doc = ImportedDocument.objects.get()
    assert "Tổng sản lượng lương thực" in doc.text and "Tỷ lệ che phủ rừng ước đạt 43,9%" in doc.text


def test_a_results_table_split_across_pages_keeps_its_columns():
    header = "TT\tChỉ tiêu\tĐVT\tKế hoạch 2022\tTH 2022\tTH/KH (%)"
    text = ("BÁO CÁO\nKết quả thực hiện năm 2022 của huyện Phong Thổ\n" + header + "\n"
            "1\tSản lượng lương thực có hạt\ttấn\t36.440\t35.120,5\t96,38\n"
            "12\n\f"  # page number, page break
            "2\tTỷ lệ che phủ rừng\t%\t44\t43,9\t99,77\n")
    facts = analyse(text)[0]
    forest = [f for f in facts if f.line == 6 and f.value == Decimal("43.9")]
    assert forest and forest[0].plan_value == Decimal("44")


def test_the_same_file_read_by_two_jobs_at_once_is_one_document_and_accepting_twice_adds_nothing(
        client_as, planner, queued):
    client = client_as(planner)
    _upload(client)
    first = ImportJob.objects.get()
    second = ImportJob.objects.create(province=first.province, file_name="ban-sao.txt", sha256=first.sha256,
                                      size=first.size, data=bytes(first.data), created_by=planner)
    jobs.job_run(first.pk, 1)
    jobs.job_run(second.pk, 1)
    second.refresh_from_db()
    doc = ImportedDocument.objects.get()
    assert second.document == doc and second.existed
    for _ in range(2):
        client.post(reverse("import_accept", args=[doc.pk]), {"nhan-tat-ca": "1"})
    grain = DataValue.objects.filter(indicator__code="02.01", org_unit__code="109", period="2022")
    assert grain.count() == 1 and grain.get().value == Decimal("35120.5")
    # and an upload of the same bytes later opens the stored document without a new job
    assert _upload(client, name="lan-ba.txt").url == reverse("import_review", args=[doc.pk])
    assert ImportJob.objects.count() == 2


def test_the_job_stores_the_extraction_once_and_the_review_renders_from_it(client_as, planner, monkeypatch):
    from ktxh.catalog.models import Indicator
    from ktxh.imports import services

    calls = []
    real = services.analyse
    monkeypatch.setattr(services, "analyse", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    client = client_as(planner)
    response = _upload(client)
    doc = ImportedDocument.objects.get()
    assert len(calls) == 1 and doc.extraction["facts"]  # read by the job, stored with the document
    first = client.get(response.url)
    second = client.get(response.url)
    assert len(calls) == 1  # neither view read the text again
    assert "35.120,5" in first.content.decode() and "35.120,5" in second.content.decode()
    facts, findings = services.document_extraction(doc)
    fresh = analyse(doc.text, catalog=services.catalog_entries())  # the stored facts are the same facts
    assert [f.to_dict() for f in facts] == [f.to_dict() for f in fresh[0]] and facts[0].value == Decimal("35120.5")
    assert [f.to_dict() for f in findings] == [f.to_dict() for f in fresh[1]]
    assert facts[0].extra["match_words"] == fresh[0][0].extra["match_words"]  # why it matched, shown beside it
    # a catalog change makes the stored matches stale: read once more, then stored again
    Indicator.objects.filter(code=Indicator.objects.order_by("code").first().code).update(name="Tên đã đổi")
    client.get(response.url)
    client.get(response.url)
    assert len(calls) == 2
