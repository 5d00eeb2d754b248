"""The web review flow: upload a report, see its figures beside the text, accept some."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ktxh.imports import services
from ktxh.imports.models import ImportedDocument
from ktxh.values.models import DataValue

REPORT = (
    "BÁO CÁO\nTình hình kinh tế - xã hội năm 2022 của huyện Phong Thổ\n"
    "1. Tổng sản lượng lương thực có hạt ước đạt 35.120,5 tấn, đạt 101,2% kế hoạch.\n"
    "2. Thu ngân sách nhà nước trên địa bàn đạt 61.500 triệu đồng.\n"
    "3. Tỷ lệ che phủ rừng đạt 43,9%.\n"
    "4. Đường ngõ xóm đạt 120/160km, đạt 70%.\n"
)


REPORT_BYTES = REPORT.encode("utf-8")


def upload(client, name="bao-cao-2022.txt", data=REPORT_BYTES):
    return client.post(reverse("import_upload"), {"file": SimpleUploadedFile(name, data)})


def choose(doc, *codes_by_quote, kind="estimate"):
    """POST data choosing the facts whose quote starts with each given text."""
    facts = services.analyse(doc.text)[0]
    data = {"chon": []}
    for quote_start, code in codes_by_quote:
        i, fact = next((i, f) for i, f in enumerate(facts) if f.quote.startswith(quote_start))
        data["chon"].append(str(i))
        data.update({f"start-{i}": str(fact.start), f"chi-tieu-{i}": code, f"ky-{i}": "2022",
                     f"loai-{i}": kind, f"don-vi-{i}": "109"})
    return data


@pytest.mark.django_db
def test_a_planner_uploads_a_report_and_sees_figures_beside_the_highlighted_text(client_as, planner):
    client = client_as(planner)
    response = upload(client)
    doc = ImportedDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("import_review", args=[doc.pk])
    assert doc.org_unit.code == "109" and doc.province.code == "12" and len(doc.sha256) == 64
    page = client.get(response["Location"]).content.decode()
    assert 'class="q"' in page and "35.120,5 tấn" in page  # the quote is highlighted in the source
    assert "Tổng sản lượng lương thực có hạt" in page  # matched to the catalog
    assert "35.120,5" in page and "101,2% KH" in page
    assert "Tỷ lệ % ghi không khớp" in page and "75%" in page  # 120/160 is 75%, not 70%


@pytest.mark.django_db
def test_accepting_writes_values_with_provenance_and_converts_units(client_as, planner):
    client = client_as(planner)
    upload(client)
    doc = ImportedDocument.objects.get()
    data = choose(doc, ("35.120,5", "02.01"), ("61.500", "03.01"), ("43,9", "02.05"))
    response = client.post(reverse("import_accept", args=[doc.pk]), data)
    assert response.status_code == 302
    grain = DataValue.objects.get(indicator__code="02.01", org_unit__code="109", period="2022")
    assert grain.value == Decimal("35120.5") and grain.kind == "estimate"
    assert grain.source == "bao-cao-2022.txt:3" and grain.source_quote == "35.120,5 tấn"
    # pages cite the document by its header, not by the file name
    from ktxh.values.selectors import source_citation

    assert source_citation(grain.source) == ("Báo cáo Tình hình kinh tế - xã hội năm 2022 của huyện Phong Thổ, "
                                             "dòng 3")
    assert grain.updated_by == planner
    budget = DataValue.objects.get(indicator__code="03.01", org_unit__code="109", period="2022")
    assert budget.value == Decimal("61.5")  # 61.500 triệu đồng into an indicator kept in tỷ đồng
    doc.refresh_from_db()
    assert doc.accepted_count == 3


@pytest.mark.django_db
def test_uploading_and_accepting_the_same_file_again_does_not_duplicate(client_as, planner):
    client = client_as(planner)
    upload(client)
    doc = ImportedDocument.objects.get()
    data = choose(doc, ("35.120,5", "02.01"))
    client.post(reverse("import_accept", args=[doc.pk]), data)
    before = DataValue.objects.count()
    again = upload(client, name="ban-sao.txt")
    assert again["Location"] == reverse("import_review", args=[doc.pk])
    assert ImportedDocument.objects.count() == 1
    client.post(reverse("import_accept", args=[doc.pk]), data)
    assert DataValue.objects.count() == before
    assert DataValue.objects.filter(indicator__code="02.01", period="2022", org_unit__code="109").count() == 1


@pytest.mark.django_db
def test_a_refused_row_writes_nothing_and_says_why(client_as, planner):
    client = client_as(planner)
    upload(client)
    doc = ImportedDocument.objects.get()
    before = DataValue.objects.count()
    data = choose(doc, ("35.120,5", "02.01"), ("43,9", "02.01"))  # a % into an indicator in tấn
    response = client.post(reverse("import_accept", args=[doc.pk]), data, follow=True)
    assert DataValue.objects.count() == before
    page = response.content.decode()
    assert "Chưa ghi số liệu nào" in page and "không quy đổi" in page


@pytest.mark.django_db
def test_a_department_officer_accepts_only_their_agencys_indicators(client_as, department_officer):
    client = client_as(department_officer)
    upload(client)
    doc = ImportedDocument.objects.get()
    before = DataValue.objects.count()
    client.post(reverse("import_accept", args=[doc.pk]), choose(doc, ("61.500", "03.01")))
    assert DataValue.objects.count() == before  # finance indicator: refused
    client.post(reverse("import_accept", args=[doc.pk]), choose(doc, ("35.120,5", "02.01")))
    assert DataValue.objects.filter(indicator__code="02.01", period="2022").exists()


@pytest.mark.django_db
def test_a_viewer_reads_a_report_but_cannot_upload_or_accept(client_as, planner, viewer):
    upload(client_as(planner))
    doc = ImportedDocument.objects.get()
    client = client_as(viewer)
    assert upload(client).status_code == 403
    page = client.get(reverse("import_review", args=[doc.pk])).content.decode()
    assert "35.120,5" in page and "Nhận các số liệu đã chọn" not in page
    assert client.post(reverse("import_accept", args=[doc.pk]), choose(doc, ("35.120,5", "02.01"))).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("name, data, message", [
    ("rac.pdf", bytes(range(256)) * 40, "rac.pdf"),
    ("anh.exe", b"MZ\x90\x00", "chỉ nhận"),
    ("sai-ma.txt", "Thu nhập đạt 40 triệu đồng".encode("utf-16-le"), "sai-ma.txt"),
    ("rong.txt", b"   \n", "rong.txt"),
])
def test_bad_files_get_a_clear_error_and_nothing_is_stored(client_as, planner, name, data, message):
    response = upload(client_as(planner), name=name, data=data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ImportedDocument.objects.count() == 0


@pytest.mark.django_db
def test_an_oversized_upload_is_refused_before_it_is_read(client_as, planner, monkeypatch):
    monkeypatch.setattr(services, "MAX_UPLOAD_BYTES", 100)
    response = upload(client_as(planner))
    assert response.status_code == 400 and "quá lớn" in response.content.decode()
    assert ImportedDocument.objects.count() == 0


@pytest.mark.django_db
def test_the_nav_links_to_the_import_page(client_as, leader):
    page = client_as(leader).get(reverse("import_upload")).content.decode()
    assert "Nhập báo cáo" in page and "Báo cáo đã tải lên" in page


@pytest.mark.django_db
def test_the_review_counts_a_long_reports_figures_in_vietnamese_notation(client_as, planner):
    client = client_as(planner)
    lines = "".join(f"{i}. Diện tích trồng mới cây ăn quả ở thôn số {i} đạt {i},5 ha.\n" for i in range(1, 1201))
    response = upload(client, data=(REPORT + lines).encode("utf-8"))
    page = client.get(response["Location"]).content.decode()
    total = len(services.analyse(ImportedDocument.objects.get().text)[0])
    assert total > 1000
    assert f"{total // 1000}.{total % 1000:03d} số liệu đọc được" in page  # 1.204, never "1204"
