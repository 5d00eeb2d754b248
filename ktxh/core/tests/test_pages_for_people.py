"""What every page promises a reader: Vietnamese error pages in the site's layout, a
menu that offers only what the user's roles allow, years never written as quantities."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _menu_links(html: str) -> str:
    start = html.index('<nav class="nav"')
    return html[start:html.index("</nav>", start)]


@override_settings(DEBUG=False)
def test_an_unknown_address_answers_a_vietnamese_404_page_with_a_way_home(client_as, planner):
    response = client_as(planner).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and "Về trang chính" in html
    assert "Not Found" not in html and 'class="topbar"' in html


@override_settings(DEBUG=False)
def test_a_forbidden_page_answers_a_vietnamese_403(client_as, viewer):
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from django.views.defaults import permission_denied

    request = RequestFactory().get("/")
    request.user = viewer
    html = permission_denied(request, PermissionDenied()).content.decode()
    assert "không có quyền" in html and "Forbidden" not in html


def test_a_form_posted_without_its_token_answers_a_vietnamese_page(planner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(planner)
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in html and "CSRF verification failed" not in html


def test_the_500_page_renders_without_a_request_context():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Hệ thống gặp lỗi" in html and "Về trang chính" in html


def test_a_viewer_is_not_offered_data_entry_or_report_import(client_as, viewer):
    menu = _menu_links(client_as(viewer).get(reverse("evaluation")).content.decode())
    assert "Đánh giá chỉ tiêu" in menu and "Báo cáo" in menu
    assert "Nhập liệu" not in menu and "Nhập báo cáo" not in menu


def test_the_planning_office_is_offered_every_part_including_capital_and_tasks(client_as, planner):
    menu = _menu_links(client_as(planner).get(reverse("evaluation")).content.decode())
    for item in ("Nhập liệu", "Nhập báo cáo", "Nông thôn mới", "Vốn MTQG", "Nhiệm vụ"):
        assert item in menu


def test_a_commune_clerk_enters_figures_but_imports_no_reports(client_as, commune_clerk):
    menu = _menu_links(client_as(commune_clerk).get(reverse("evaluation")).content.decode())
    assert "Nhập liệu" in menu and "Nhập báo cáo" not in menu


def test_years_in_page_text_are_not_grouped_like_quantities(client_as, planner):
    html = client_as(planner).get(reverse("evaluation"), {"unit": "109", "period": "2024-H1"}).content.decode()
    assert "kế hoạch cả năm 2024" in html
    assert "2.024" not in html


def test_a_commune_clerk_lands_on_their_reports_to_fill(client_as, commune_clerk):
    response = client_as(commune_clerk).get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("entry_home")
    assert 'data-testid="my-report"' in response.content.decode()


def test_the_planning_office_lands_on_the_evaluation_table(client_as, planner):
    response = client_as(planner).get("/")
    assert response["Location"] == reverse("evaluation")
