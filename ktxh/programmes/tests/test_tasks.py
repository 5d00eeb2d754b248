"""Tasks of 004 §VI: per agency and per plan, overdue first, reminders of reports
due, and progress updates by the agency's own officers."""

from datetime import date

import pytest

from ktxh.catalog.models import Agency
from ktxh.programmes.common import ProgrammeError
from ktxh.programmes.tasks.models import Task, TaskPlan, TaskUpdate
from ktxh.programmes.tasks.services import task_update_post, task_upsert
from ktxh.programmes.tasks.status import derive_status

PAGE = "/chuong-trinh/nhiem-vu/?unit=109"


def test_the_plan_of_004_lists_22_agency_tasks_and_2_reporting_duties(client_as, planner):
    html = client_as(planner).get(PAGE + "&ngay=15/03/2024").content.decode()
    assert html.count('<td class="num-col">VI.') == 24
    assert "Sin Suối Hồ" in html and "đồng phụ trách" in html
    assert "trước ngày 10/12" in html


def test_missed_monthly_reports_are_overdue_and_listed_first(client_as, planner):
    html = client_as(planner).get(PAGE + "&ngay=15/03/2024").content.decode()
    table = html.split('data-testid="tasks"')[1]
    first_row = table.split("<tr>")[2]
    assert "VI.4.a" in first_row and "Quá hạn" in first_row
    reminders = html.split('data-testid="reminders"')[1].split("</table>")[0]
    assert "31/03/2024" in reminders and "<strong>14</strong> kỳ chưa báo cáo" in reminders  # Jan 2023 – Feb 2024


def test_reports_due_are_one_line_per_duty_not_one_per_agency(client_as, planner):
    html = client_as(planner).get(PAGE + "&ngay=15/03/2024").content.decode()
    reminders = html.split('data-testid="reminders"')[1].split("</table>")[0]
    groups = reminders.count('data-testid="reminder-group"')
    assert groups == 2  # the monthly and the yearly report of 004 §VI.4, not ~40 rows
    assert reminders.count("Báo cáo kết quả thực hiện Kế hoạch, lồng ghép") == 1
    assert "cơ quan còn kỳ chưa báo cáo" in reminders


def test_a_department_officer_lands_on_their_agency_and_posts_an_update(client_as, department_officer):
    client = client_as(department_officer)
    html = client.get(PAGE).content.decode()
    assert "Phòng Nông nghiệp và Phát triển nông thôn: 3 nhiệm vụ" in html
    task = Task.objects.get(section="VI.2.20")
    response = client.post(f"/chuong-trinh/nhiem-vu/{task.pk}/cap-nhat/",
                           {"date": "10/12/2024", "text": "Đã kiểm tra tiến độ NTM tại 16 xã"}, follow=True)
    assert "Đã cập nhật tiến độ" in response.content.decode()
    update = TaskUpdate.objects.get(task=task)
    assert update.agency.code == "NN" and update.created_by == department_officer


def test_a_department_officer_cannot_post_on_another_agencys_task(client_as, department_officer):
    task = Task.objects.get(section="VI.2.1")
    response = client_as(department_officer).post(f"/chuong-trinh/nhiem-vu/{task.pk}/cap-nhat/",
                                                  {"date": "10/12/2024", "text": "x"})
    assert response.status_code == 403 and not TaskUpdate.objects.filter(task=task).exists()


def test_a_monthly_update_covers_that_month_for_the_agency(planner):
    duty = Task.objects.get(section="VI.4.a")
    nn = Agency.objects.get(code="NN")
    plan = duty.plan
    for month in range(1, 13):
        task_update_post(actor=planner, task=duty, day=date(2023, month, 20), text="Báo cáo tháng", agency=nn)
    dates = list(TaskUpdate.objects.filter(task=duty, agency=nn).values_list("date", flat=True))
    assert derive_status(today=date(2024, 1, 15), due=None, update_dates=dates, done=False, recurrence="monthly",
                         plan_start=plan.start, plan_end=plan.end) == "in_progress"
    assert derive_status(today=date(2024, 2, 15), due=None, update_dates=dates, done=False, recurrence="monthly",
                         plan_start=plan.start, plan_end=plan.end) == "overdue"


def test_a_due_date_before_the_plan_starts_is_refused_and_nothing_is_written(planner):
    plan = TaskPlan.objects.get(code="004-THOAT-NGHEO")
    count = Task.objects.count()
    with pytest.raises(ProgrammeError, match="trước ngày bắt đầu kế hoạch 01/01/2023"):
        task_upsert(actor=planner, plan=plan, section="X.1", title="Việc mới", agencies=[],
                    due_date=date(2022, 12, 1))
    assert Task.objects.count() == count


def test_one_off_task_status_follows_dates_and_updates():
    d = date(2024, 6, 30)
    assert derive_status(today=date(2024, 5, 1), due=d, update_dates=[], done=False) == "not_started"
    assert derive_status(today=date(2024, 5, 1), due=d, update_dates=[date(2024, 4, 1)], done=False) == "in_progress"
    assert derive_status(today=date(2024, 7, 1), due=d, update_dates=[date(2024, 4, 1)], done=False) == "overdue"
    assert derive_status(today=date(2024, 7, 1), due=d, update_dates=[date(2024, 6, 1)], done=True) == "done"


def test_an_empty_update_is_refused(client_as, planner):
    task = Task.objects.get(section="VI.2.20")
    response = client_as(planner).post(f"/chuong-trinh/nhiem-vu/{task.pk}/cap-nhat/", {"date": "", "text": " "},
                                       follow=True)
    assert "Hãy nhập nội dung" in response.content.decode()
    assert not TaskUpdate.objects.filter(task=task).exists()


def test_the_planner_assigns_a_task_and_a_due_date_before_the_plan_is_refused(client_as, planner):
    client = client_as(planner)
    form = {"unit": "109", "plan": "004-THOAT-NGHEO", "section": "VI.2.25", "title": "Rà soát hộ nghèo quý IV",
            "agency": "LDTBXH", "due_date": "15/12/2022"}
    response = client.post("/chuong-trinh/nhiem-vu/them/", form, follow=True)
    assert "trước ngày bắt đầu kế hoạch 01/01/2023" in response.content.decode()
    assert not Task.objects.filter(section="VI.2.25").exists()
    response = client.post("/chuong-trinh/nhiem-vu/them/", {**form, "due_date": "15/12/2024"}, follow=True)
    assert "Đã giao nhiệm vụ VI.2.25" in response.content.decode()
    task = Task.objects.get(section="VI.2.25")
    assert task.due_date == date(2024, 12, 15) and task.agencies.get().agency.code == "LDTBXH"


def test_a_department_officer_cannot_assign_tasks(client_as, department_officer):
    response = client_as(department_officer).post("/chuong-trinh/nhiem-vu/them/", {
        "unit": "109", "plan": "004-THOAT-NGHEO", "section": "X", "title": "x", "agency": "NN"})
    assert response.status_code == 403


def test_the_reports_due_are_paged_beyond_the_next_few(client_as, planner, monkeypatch):
    from ktxh.programmes.tasks import views

    monkeypatch.setattr(views, "REMINDERS_PER_PAGE", 1)
    client = client_as(planner)
    first = client.get(PAGE + "&ngay=15/03/2024").content.decode()
    second = client.get(PAGE + "&ngay=15/03/2024&nhac=2").content.decode()
    assert first.count('data-testid="reminder-group"') == second.count('data-testid="reminder-group"') == 1
    assert "Trang 1/2" in first and "Trang 2/2" in second
    def due(html):
        return html.split('data-testid="reminders"')[1].split("</table>")[0]

    assert ("lồng ghép trong báo cáo hàng tháng" in due(first)) != ("lồng ghép trong báo cáo hàng tháng" in due(second))


def test_a_province_planning_office_opens_the_ntm_page_of_a_district_in_its_province(client, db):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="so_tai_chinh"))  # Sở Tài chính Lai Châu (2025)
    response = client.get("/chuong-trinh/nong-thon-moi/")
    assert response.status_code == 200  # was a server error: a province has no parent district
    assert "Bộ tiêu chí xã nông thôn mới" in response.content.decode()
