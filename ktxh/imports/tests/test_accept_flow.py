"""Accepting figures from real-length reports: positions past character 1.000, accept-all in one
call, pages instead of one huge form, the stored value beside each figure, and "thay thế"."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ktxh.imports.models import ImportedDocument
from ktxh.values.models import DataValue

FILLER = "Công tác chỉ đạo, điều hành được tăng cường, bám sát nhiệm vụ được giao.\n" * 40
REPORT = (
    "BÁO CÁO\nTình hình kinh tế - xã hội năm 2022 của huyện Phong Thổ\n" + FILLER
    + "1. Tổng sản lượng lương thực có hạt đạt 35.120,5 tấn, đạt 101,2% kế hoạch.\n"
    "2. Thu ngân sách nhà nước trên địa bàn đạt 61.500 triệu đồng.\n"
    "3. Tỷ lệ che phủ rừng ước đạt 43,9%.\n"
)


def _upload(client, text=REPORT, name="bao-cao-dai.txt"):
    client.post(reverse("import_upload"), {"file": SimpleUploadedFile(name, text.encode("utf-8"))})
    return ImportedDocument.objects.get(file_name=name)


def _values(code):
    return DataValue.objects.filter(indicator__code=code, org_unit__code="109", period="2022")


def _form_fields(page: str) -> dict:
    """The accept form's fields as the browser would send them, every row ticked."""
    form = page[page.index('data-testid="import-accept"'):]
    data = {"chon": re.findall(r'name="chon" value="([^"]+)"(?![^>]*disabled)', form)}
    for name, value in re.findall(r'<input[^>]*name="((?:start|chi-tieu|ky|don-vi)-\d+)"[^>]*value="([^"]*)"', form):
        data[name] = value
    for name, value in re.findall(r'<select name="(loai-\d+)"[^>]*>.*?<option value="(\w+)" selected', form, re.S):
        data[name] = value
    return data


@pytest.mark.django_db
def test_a_figure_past_character_1000_is_accepted_from_the_rendered_form(client_as, planner):
    client = client_as(planner)
    doc = _upload(client)
    page = client.get(reverse("import_review", args=[doc.pk])).content.decode()
    data = _form_fields(page)
    starts = [int(v) for k, v in data.items() if k.startswith("start-")]
    assert starts and min(starts) > 1000  # rendered without a thousands separator
    response = client.post(reverse("import_accept", args=[doc.pk]), data, follow=True)
    assert "không khớp với văn bản" not in response.content.decode()
    assert _values("02.01").get().value == Decimal("35120.5")


@pytest.mark.django_db
def test_accept_all_writes_every_matched_figure_in_one_go(client_as, planner):
    client = client_as(planner)
    doc = _upload(client)
    response = client.post(reverse("import_accept", args=[doc.pk]), {"nhan-tat-ca": "1"}, follow=True)
    assert response.status_code == 200
    codes = set(DataValue.objects.filter(period="2022", org_unit__code="109").values_list("indicator__code", flat=True))
    assert {"02.01", "03.01", "02.05"} <= codes
    assert _values("02.05").get().kind == "estimate"  # "ước đạt"
    assert _values("03.01").get().value == Decimal("61.5")


@pytest.mark.django_db
def test_the_stored_value_is_shown_and_a_different_one_needs_thay_the_with_a_reason(client_as, planner):
    client = client_as(planner)
    doc = _upload(client)
    client.post(reverse("import_accept", args=[doc.pk]), {"nhan-tat-ca": "1"})
    changed = REPORT.replace("35.120,5 tấn", "35.200 tấn")
    doc2 = _upload(client, changed, name="bao-cao-sua.txt")
    page = client.get(reverse("import_review", args=[doc2.pk])).content.decode()
    assert "35.120,5 tấn (chính thức," in page  # kind, who, when beside the figure
    assert 'name="thay-the-' in page
    data = _form_fields(page)
    grain = next(k.split("-")[-1] for k, v in data.items() if k.startswith("chi-tieu-") and v == "02.01")
    only = {k: v for k, v in data.items() if k.endswith(f"-{grain}")} | {"chon": [grain]}
    page = client.post(reverse("import_accept", args=[doc2.pk]), only, follow=True).content.decode()
    assert "Tích “thay thế” và ghi lý do" in page
    assert _values("02.01").get().value == Decimal("35120.5")
    only[f"thay-the-{grain}"] = "1"
    page = client.post(reverse("import_accept", args=[doc2.pk]), only, follow=True).content.decode()
    assert "cần ghi lý do" in page
    only[f"ly-do-{grain}"] = "Số liệu chính thức của Chi cục Thống kê"
    client.post(reverse("import_accept", args=[doc2.pk]), only)
    value = _values("02.01").get()
    assert value.value == Decimal("35200")
    last = value.history.order_by("-history_date").first()
    assert "Thay thế 35.120,5 tấn" in last.comment and "Chi cục Thống kê" in last.comment


@pytest.mark.django_db
def test_an_estimate_never_silently_replaces_an_official_figure(client_as, planner):
    client = client_as(planner)
    doc = _upload(client)
    client.post(reverse("import_accept", args=[doc.pk]), {"nhan-tat-ca": "1"})
    estimate = REPORT.replace("có hạt đạt 35.120,5 tấn", "có hạt ước đạt 36.000 tấn")
    doc2 = _upload(client, estimate, name="bao-cao-uoc.txt")
    page = client.post(reverse("import_accept", args=[doc2.pk]), {"nhan-tat-ca": "1"}, follow=True).content.decode()
    assert "số ước không thay số chính thức" in page
    assert list(_values("02.01").values_list("kind", "value")) == [
        ("official", Decimal("35120.5"))]


@pytest.mark.django_db
def test_show_all_on_a_long_report_comes_in_pages_under_the_field_limit(client_as, planner, settings):
    client = client_as(planner)
    lines = "".join(f"- Thôn {i} trồng được {i},5 ha ngô.\n" for i in range(1, 260))
    doc = _upload(client, REPORT + lines, name="bao-cao-nhieu.txt")
    page = client.get(reverse("import_review", args=[doc.pk]) + "?tat-ca=1").content.decode()
    assert "trang=2" in page and "trang=3" in page
    data = _form_fields(page)
    fields = sum(len(v) if isinstance(v, list) else 1 for v in data.values())
    assert fields < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    page3 = client.get(reverse("import_review", args=[doc.pk]) + "?tat-ca=1&trang=3").content.decode()
    assert "259,5" in page3


UNTITLED = (
    " date 2025-07 Theo báo cáo trong 6 tháng đầu năm 2025, tình hình kinh tế - xã hội trên địa bàn huyện "
    "tiếp tục phát triển. Tổng sản lượng lương thực có hạt đạt 17.800 tấn, tăng 240 tấn so với cùng kỳ năm 2024.\n"
)


@pytest.mark.django_db
def test_a_text_without_a_title_asks_for_its_period_and_unit_with_a_guess(client_as, planner):
    client = client_as(planner)
    doc = _upload(client, UNTITLED, name="trich-doan.txt")
    page = client.get(reverse("import_review", args=[doc.pk])).content.decode()
    assert 'data-testid="import-period"' in page and 'value="2025-H1"' in page  # never the prior 2024
    assert 'data-testid="import-facts"' not in page  # nothing read before the user confirms
    client.post(reverse("import_period", args=[doc.pk]), {"ky": "2025-H1", "don-vi": "109"})
    doc.refresh_from_db()
    assert doc.period == "2025-H1"
    page = client.get(reverse("import_review", args=[doc.pk])).content.decode()
    assert 'data-testid="import-facts"' in page and 'value="2025-H1"' in page
    client.post(reverse("import_accept", args=[doc.pk]), {"nhan-tat-ca": "1"})
    assert DataValue.objects.get(indicator__code="02.01", org_unit__code="109", period="2025-H1").value == 17800


@pytest.mark.django_db
def test_a_bad_period_is_refused_with_a_message(client_as, planner):
    client = client_as(planner)
    doc = _upload(client, UNTITLED, name="trich-doan.txt")
    page = client.post(reverse("import_period", args=[doc.pk]), {"ky": "giữa năm", "don-vi": "109"},
                       follow=True).content.decode()
    assert "không hợp lệ" in page
    doc.refresh_from_db()
    assert doc.period == ""


@pytest.mark.django_db
def test_an_untitled_text_cannot_be_accepted_before_its_period_and_a_viewer_cannot_set_it(
        client_as, planner, viewer):
    client = client_as(planner)
    doc = _upload(client, UNTITLED, name="trich-doan.txt")
    page = client.post(reverse("import_accept", args=[doc.pk]), {"nhan-tat-ca": "1"}, follow=True).content.decode()
    assert "Chọn kỳ báo cáo" in page and not DataValue.objects.filter(period="2025-H1").exists()
    response = client_as(viewer).post(reverse("import_period", args=[doc.pk]), {"ky": "2025", "don-vi": "109"})
    assert response.status_code in (403, 404)
    doc.refresh_from_db()
    assert doc.period == ""


@pytest.mark.django_db
def test_an_income_per_head_printed_without_per_head_and_per_year_is_accepted(client_as, planner):
    """Matching takes "58 triệu đồng" for "Thu nhập bình quân đầu người" (triệu đồng/người/năm);
    accepting must take it too, not refuse the unit it matched on."""
    client = client_as(planner)
    text = REPORT + "4. Thu nhập bình quân đầu người đạt 58 triệu đồng, tăng 4 triệu đồng.\n"
    doc = _upload(client, text, name="thu-nhap.txt")
    page = client.get(reverse("import_review", args=[doc.pk])).content.decode()
    assert "không quy đổi được sang" not in page
    client.post(reverse("import_accept", args=[doc.pk]), {"nhan-tat-ca": "1"})
    assert _values("01.02").get().value == Decimal("58")
