"""The evaluation page: what a person sees after logging in."""

import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_users_see_only_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/dang-nhap/")
    response = client.get("/danh-gia/?unit=109&period=2023")
    assert response.status_code == 302
    assert client.get("/dang-nhap/").status_code == 200


def test_logging_in_with_the_demo_password_lands_on_phong_tho_2023(client):
    response = client.post("/dang-nhap/", {"username": "planner", "password": "ktxh-demo"}, follow=True)
    page = response.content.decode()
    assert "Huyện Phong Thổ" in page and "Năm 2023" in page
    assert "Kết quả thực hiện các chỉ tiêu chủ yếu" in page


def test_the_page_shows_grain_exceeded_and_forest_cover_not_met(client_as, planner):
    page = client_as(planner).get("/danh-gia/?unit=109&period=2023").content.decode()
    assert "Tổng sản lượng lương thực có hạt" in page
    assert "36.595,83" in page and "100,43" in page and "+0,43 %" in page
    row = page[page.index("Tỷ lệ che phủ rừng"):]
    row = row[:row.index("</tr>")]
    assert "không đạt" in row


def test_the_summary_line_is_computed_in_the_reports_own_form(client_as, leader):
    page = client_as(leader).get("/danh-gia/?unit=109&period=2023").content.decode()
    assert "nhóm chỉ tiêu chủ yếu đạt và vượt" in page
    assert "chỉ tiêu thành phần đạt và vượt" in page
    assert "(tỷ lệ che phủ rừng)" in page


def test_lower_is_better_indicators_are_judged_by_their_ceiling(client_as, planner):
    page = client_as(planner).get("/danh-gia/?unit=109&period=2023").content.decode()
    row = page[page.index("thể nhẹ cân"):]
    row = row[:row.index("</tr>")]
    assert "16,55" in row and "+0,85 điểm %" in row and "vượt" in row


def test_a_six_month_period_shows_progress_not_a_verdict(client_as, planner):
    page = client_as(planner).get("/danh-gia/?unit=109&period=2024-H1").content.decode()
    assert "tiến độ thực hiện" in page
    row = page[page.index("Tổng sản lượng lương thực có hạt"):]
    row = row[:row.index("</tr>")]
    assert "12,12" in row and "đang thực hiện" in row and "không đạt" not in row


def test_a_bad_period_in_the_address_gets_a_clear_message(client_as, planner):
    response = client_as(planner).get("/danh-gia/?unit=109&period=2023-Q9")
    assert response.status_code == 200
    assert "không hợp lệ" in response.content.decode()


def test_a_commune_clerk_cannot_open_the_district_or_another_commune(client_as, commune_clerk):
    from ktxh.accounts.models import RoleAssignment
    from ktxh.orgunits.models import OrgUnit

    own = RoleAssignment.objects.get(user=commune_clerk).org_unit
    other = OrgUnit.objects.filter(parent__code="109", kind="commune").exclude(pk=own.pk).first()
    client = client_as(commune_clerk)
    assert client.get("/danh-gia/?unit=109").status_code == 404
    assert client.get(f"/danh-gia/?unit={other.code}").status_code == 404
    assert client.get(f"/danh-gia/?unit={own.code}").status_code == 200


def test_a_user_without_any_role_is_told_so(client):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("nobody", password="x-long-password-1")
    client.force_login(user)
    response = client.get("/danh-gia/")
    assert response.status_code == 403 and "Chưa được phân quyền" in response.content.decode()


def test_the_admin_is_in_vietnamese_and_edits_targets(client_as, admin_user):
    client = client_as(admin_user)
    page = client.get("/quan-tri/").content.decode()
    assert "Chỉ tiêu kế hoạch" in page and "Đơn vị hành chính" in page
    assert client.get("/quan-tri/catalog/target/").status_code == 200
    assert client.get("/quan-tri/catalog/indicator/add/").status_code == 200


def test_forms_require_a_csrf_token():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/dang-nhap/", {"username": "planner", "password": "ktxh-demo"})
    assert response.status_code == 403
