"""The pages as people use them: the clerk imports, publishes, the chair approves; a viewer of
another commune or an administrator sees aggregates but no names; every view and export of
records is logged; the annexes open."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from ktxh.orgunits.selectors import unit_resolve
from ktxh.poverty.models import PovertyEvent, Review
from ktxh.poverty.tests.test_review import line, write
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db


def user(name):
    return get_user_model().objects.get(username=name)


def import_through_pages(client, review, path):
    """Upload, accept the proposed mapping, follow the job: the progress page's last answer."""
    import re

    with path.open("rb") as f:
        mapping_url = client.post(f"/ho-ngheo/ra-soat/{review.pk}/nhap/", {"file": f})["Location"]
    page = client.get(mapping_url).content.decode()
    form = {f"cot_{code}": (re.search(r'<option value="([^"]*)" selected>', body) or [None, ""])[1]
            for code, body in re.findall(r'<select id="cot_(\w+)" name="cot_\w+">(.*?)</select>', page, re.S)}
    first, last = re.search(r'name="hang_dau" value="(\d+)"><input type="hidden" name="hang_cuoi" value="(\d+)"',
                            page).groups()
    response = client.post(mapping_url, {"action": "nhap", "hang_dau": first, "hang_cuoi": last, **form})
    assert response.status_code == 302, response.content.decode()[:3000]
    return client.get(response["Location"])


@pytest.fixture
def review_2026(db):
    return Review.objects.get(commune=unit_resolve("03583@2025"), year=2026)


def test_the_clerk_imports_publishes_and_the_chair_approves(client, tmp_path):
    client.force_login(user("xa_khong_lao"))
    commune = unit_resolve("03583@2025")
    response = client.post("/ho-ngheo/mo/", {"commune": commune.pk, "year": "2028"})
    review = Review.objects.get(commune=commune, year=2028)
    assert response.status_code == 302 and response["Location"] == f"/ho-ngheo/ra-soat/{review.pk}/"
    bad = write(tmp_path, line("W-1", income="-1", year="2028"), name="sai.csv")
    response = import_through_pages(client, review, bad)
    assert response.status_code == 200 and "Dòng 2: thu nhập bình quân &#x27;-1&#x27; âm (cột E)." in \
        response.content.decode()
    good = write(tmp_path, line("W-1", year="2028"), line("W-2", lacking=0, year="2028"), name="dung.csv")
    assert import_through_pages(client, review, good).status_code == 302
    page = client.get(f"/ho-ngheo/ra-soat/{review.pk}/").content.decode()
    assert "Nhập danh sách" in page and "50,00" in page and "<script" not in page.split("</head>")[1]
    assert client.post(f"/ho-ngheo/ra-soat/{review.pk}/phe-duyet/").status_code == 403  # the clerk is not the chair
    client.post(f"/ho-ngheo/ra-soat/{review.pk}/niem-yet/")
    client.force_login(user("lanh_dao_khong_lao"))
    client.post(f"/ho-ngheo/ra-soat/{review.pk}/phe-duyet/")
    assert Review.objects.get(pk=review.pk).state == "approved"
    value = DataValue.objects.get(org_unit=commune, period="2028", indicator__code="08.05")
    assert value.value == Decimal(50) and value.source == "rà soát năm 2028, Xã Khổng Lào"


@pytest.mark.parametrize(("persona", "sees_names"), [
    ("xa_khong_lao", True), ("lanh_dao_khong_lao", True), ("so_giam_ngheo", True),
    ("so_tai_chinh", False), ("so_nong_nghiep", False), ("admin", False),
])
def test_names_are_shown_only_to_the_commune_and_the_province_poverty_officer(client, review_2026, persona,
                                                                              sees_names):
    client.force_login(user(persona))
    summary = client.get(f"/ho-ngheo/ra-soat/{review_2026.pk}/")
    if persona == "admin" or persona.startswith("so_") or persona.endswith("khong_lao"):
        assert summary.status_code == 200  # aggregates for everyone who reads the unit
        assert "Hộ giả định" not in summary.content.decode()
    listing = client.get(f"/ho-ngheo/ra-soat/{review_2026.pk}/danh-sach/")
    assert (listing.status_code == 200) == sees_names
    if sees_names:
        assert "Hộ giả định KL-0001" in listing.content.decode()
        event = PovertyEvent.objects.filter(review=review_2026, action="view").latest("pk")
        assert event.actor == user(persona) and event.detail.startswith("Xem danh sách hộ")
    else:
        assert "Hộ giả định" not in listing.content.decode()


def test_a_commune_clerk_of_the_old_world_reaches_no_review_of_the_new_commune(client, review_2026):
    client.force_login(user("commune"))
    assert client.get(f"/ho-ngheo/ra-soat/{review_2026.pk}/").status_code == 404


def test_exports_of_records_stay_in_the_commune_and_are_logged(client, review_2026):
    client.force_login(user("so_giam_ngheo"))
    assert client.get(f"/ho-ngheo/ra-soat/{review_2026.pk}/danh-sach.xlsx").status_code == 403
    client.force_login(user("xa_khong_lao"))
    response = client.get(f"/ho-ngheo/ra-soat/{review_2026.pk}/danh-sach.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "ma_ho" and sheet["C2"].value.startswith("Hộ giả định")
    assert PovertyEvent.objects.filter(review=review_2026, action="export", actor__username="xa_khong_lao").exists()


def test_the_annexes_carry_the_figures_of_the_page(client, review_2026):
    from ktxh.poverty.selectors import review_figures

    figures = review_figures(review_2026)
    client.force_login(user("so_tai_chinh"))
    book = load_workbook(io.BytesIO(client.get(f"/ho-ngheo/ra-soat/{review_2026.pk}/phu-luc.xlsx").content))
    sheet = book.active
    assert sheet["A5"].value == "Tổng số hộ" and sheet["B5"].value == figures.commune.total
    assert "Hộ giả định" not in str([c.value for row in sheet.iter_rows() for c in row])
    docx = client.get(f"/ho-ngheo/ra-soat/{review_2026.pk}/phu-luc.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_the_printable_list_is_the_official_a4_layout(client, review_2026):
    client.force_login(user("xa_khong_lao"))
    page = client.get(f"/ho-ngheo/ra-soat/{review_2026.pk}/danh-sach/?in=1&loai=poor").content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "CHỦ TỊCH" in page and "hộ nghèo" in page


def test_the_clerk_corrects_a_household_in_the_open_review(client, review_2026):
    entry = review_2026.entries.filter(klass="poor").first()
    client.force_login(user("xa_khong_lao"))
    form = client.get(f"/ho-ngheo/ra-soat/{review_2026.pk}/ho/{entry.pk}/")
    assert form.status_code == 200
    response = client.post(f"/ho-ngheo/ra-soat/{review_2026.pk}/ho/{entry.pk}/", {
        "income": "4.000.000", "members": "3", "status": "present", "village": "Bản giả định 1",
        "head_name": "Hộ giả định sửa", "ethnicity": "Dao"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.klass == "other" and entry.income == 4_000_000
    bad = client.post(f"/ho-ngheo/ra-soat/{review_2026.pk}/ho/{entry.pk}/", {"income": "bốn triệu", "members": "3"})
    assert "phải là số" in bad.content.decode()
    client.force_login(user("so_giam_ngheo"))
    assert client.get(f"/ho-ngheo/ra-soat/{review_2026.pk}/ho/{entry.pk}/").status_code == 403
