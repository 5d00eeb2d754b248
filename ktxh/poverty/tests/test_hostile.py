"""The household list import and edit form against the same gates as every other input
(issue 13): numbers through engine.numbers.storable_number and engine.poverty.income_problem
(refused with the limit named, never rounded, nothing written, no 5xx), files bounded by
imports.tabular/core.safefiles, user text quote-prefixed in every XLSX (finding 9)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from ktxh.core.tests import hostile
from ktxh.orgunits.selectors import unit_resolve
from ktxh.poverty import services
from ktxh.poverty.models import HouseholdYear, Review
from ktxh.poverty.tests.test_review import HEADER, line, write

pytestmark = pytest.mark.django_db


def user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def review(db):
    return services.review_open(actor=user("xa_khong_lao"), commune=unit_resolve("03583@2025"), year=2027)


@pytest.mark.parametrize(("income", "says"), [
    ("111111111111111111111111111111", "tối đa 15 chữ số phần nguyên"),  # finding 1
    ("1.450.000,5", "không có phần lẻ"),  # finding 8: the column holds whole đồng; never rounded
    ("-5", "âm"),
    ("١٢٣", "không phải số"), ("１２３", "không phải số"), ("१२३", "không phải số"),  # finding 8
    ("1e16", "không phải số"), ("NaN", "không phải số"), ("inf", "không phải số"),
])
def test_a_list_row_with_an_income_beyond_the_gate_is_refused_and_nothing_is_written(tmp_path, review, income,
                                                                                       says):
    path = write(tmp_path, line("H-1", year="2027"), line("H-2", income=income, year="2027"))
    with pytest.raises(services.PovertyError) as caught:
        services.review_list_import(actor=user("xa_khong_lao"), review=review, path=path)
    assert any(m.startswith("Dòng 3: thu nhập bình quân") and says in m for m in caught.value.messages), \
        caught.value.messages
    assert not HouseholdYear.objects.filter(review=review).exists()


@pytest.mark.parametrize(("attack", "says"), [("laughs", "XML không an toàn"), ("declared", "1.048.576 dòng"),
                                            ("inflating", "bom nén")])
def test_a_hostile_list_xlsx_gets_one_message_through_the_web_and_writes_nothing(client, review, attack, says):
    rows = [HEADER.split(","), line("H-1", year="2027").replace('"', "").split(",")]
    data = {"laughs": hostile.laughs, "declared": hostile.declared, "inflating": hostile.inflating}[attack](
        hostile.xlsx(rows))
    client.force_login(user("xa_khong_lao"))
    response = client.post(f"/ho-ngheo/ra-soat/{review.pk}/nhap/", {"file": SimpleUploadedFile("ds.xlsx", data)})
    assert response.status_code == 400, attack
    assert says in response.content.decode(), attack
    assert not HouseholdYear.objects.filter(review=review).exists()


@pytest.mark.parametrize(("income", "members", "says"), [
    ("111.111.111.111.111.111.111.111.111.111", "3", "tối đa 15 chữ số phần nguyên"),
    ("1.450.000,5", "3", "không có phần lẻ"),
    ("2.000.000.000", "3", "lớn bất thường"),
    ("1.450.000", "2,5", "Số nhân khẩu phải là số nguyên"),  # once truncated to 2
])
def test_the_household_form_refuses_a_value_beyond_the_gate_with_a_message(client, income, members, says):
    review = Review.objects.get(commune=unit_resolve("03583@2025"), year=2026)
    entry = review.entries.first()
    before = (entry.income, entry.members, entry.klass)
    client.force_login(user("xa_khong_lao"))
    response = client.post(f"/ho-ngheo/ra-soat/{review.pk}/ho/{entry.pk}/",
                           {"income": income, "members": members, "status": "present"})
    assert response.status_code == 200 and says in response.content.decode()
    entry.refresh_from_db()
    assert (entry.income, entry.members, entry.klass) == before
    assert client.get(f"/ho-ngheo/ra-soat/{review.pk}/").status_code == 200


def test_formula_like_names_are_written_as_text_in_the_list_and_the_annex(tmp_path, client, review):
    path = write(tmp_path, line("H-1", village="=1+1", ethnicity="@SUM(1)", year="2027"),
                 line("H-2", village="+1", year="2027"))
    services.review_list_import(actor=user("xa_khong_lao"), review=review, path=path)
    client.force_login(user("xa_khong_lao"))
    for url in (f"/ho-ngheo/ra-soat/{review.pk}/danh-sach.xlsx", f"/ho-ngheo/ra-soat/{review.pk}/phu-luc.xlsx"):
        response = client.get(url)
        assert response.status_code == 200, url
        cells = [c for row in load_workbook(io.BytesIO(response.content)).active.iter_rows() for c in row
                 if isinstance(c.value, str) and c.value[:1] and c.value[0] in "=+@"]
        assert cells, url
        assert all(c.data_type == "s" and c.quotePrefix for c in cells), [(c.coordinate, c.value, c.data_type, c.quotePrefix) for c in cells]
