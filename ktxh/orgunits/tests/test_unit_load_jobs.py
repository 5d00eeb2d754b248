"""Loading the national units from the web page is a UnitLoadJob the page follows
(orgunits/jobs.py). Jobs run inline in these tests (conftest.tasks_run_inline); the worker
function is also called directly, as `ktxh worker` does."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from ktxh.orgunits import jobs, national
from ktxh.orgunits.models import OrgUnit, UnitLoadJob

pytestmark = pytest.mark.django_db
URL = "/don-vi/nap-du-lieu-quoc-gia/"


@pytest.fixture
def province_planner(db):
    """Planning officer of the provincial finance department of Lai Châu (12)."""
    return get_user_model().objects.get(username="so_tai_chinh")


def test_a_province_planner_starts_a_load_whose_page_ends_with_what_it_loaded(client_as, province_planner):
    client = client_as(province_planner)
    form = client.get(URL).content.decode()
    assert 'value="12"' in form and "Cả nước" not in form  # only their province
    response = client.post(URL, {"province": "12"})
    job = UnitLoadJob.objects.get()
    assert response.status_code == 302 and response.url == f"{URL}tac-vu/{job.pk}/"
    assert job.status == UnitLoadJob.Status.DONE and job.step == job.steps == 3 and job.created_by == province_planner
    assert job.result["created"] + job.result["updated"] + job.result["unchanged"] > 38
    assert OrgUnit.objects.filter(vintage="2025", parent__code="12").count() == 38
    page = client.get(response.url).content.decode()
    assert "Đã nạp xong" in page and "Tỉnh Lai Châu" in page and 'hx-trigger="every 1s"' not in page
    assert f'href="{URL}tac-vu/{job.pk}/"' in client.get(URL).content.decode()  # listed among the recent loads


def test_the_worker_records_each_of_the_three_steps(province_planner, monkeypatch):
    real, seen = national.national_load, []

    def spy(*, progress, **kwargs):
        def watched(step):
            progress(step)
            row = UnitLoadJob.objects.get()
            seen.append((row.status, row.step, row.step_label))
        return real(progress=watched, **kwargs)

    monkeypatch.setattr(national, "national_load", spy)
    job = UnitLoadJob.objects.create(province="12", created_by=province_planner)
    jobs.job_run(job.pk, 1)
    assert seen == [("running", 1, "Đọc dữ liệu quốc gia"), ("running", 2, "Ghi đơn vị hành chính"),
                    ("running", 3, "Ghi quan hệ trước - sau sắp xếp")]
    job.refresh_from_db()
    assert job.status == UnitLoadJob.Status.DONE
    jobs.job_run(job.pk, 1)  # a task delivered twice does nothing more
    assert len(seen) == 3


def test_a_running_load_shows_its_step_and_keeps_polling(client_as, province_planner):
    job = UnitLoadJob.objects.create(province="12", created_by=province_planner, status=UnitLoadJob.Status.RUNNING,
                                     step=2, step_label="Ghi đơn vị hành chính")
    part = client_as(province_planner).get(f"{URL}tac-vu/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Đang nạp... (bước 2/3): ghi đơn vị hành chính" in part
    assert 'hx-trigger="every 1s"' in part and "<html" not in part


def test_a_second_click_while_a_load_is_going_follows_the_same_job(client_as, province_planner):
    job = UnitLoadJob.objects.create(province="12", created_by=province_planner, status=UnitLoadJob.Status.RUNNING,
                                     step=1)
    response = client_as(province_planner).post(URL, {"province": "12"})
    assert response.url == f"{URL}tac-vu/{job.pk}/" and UnitLoadJob.objects.count() == 1


def test_a_load_whose_worker_was_killed_is_run_again_and_ends_loaded(client_as, province_planner):
    job = UnitLoadJob.objects.create(province="12", created_by=province_planner, status=UnitLoadJob.Status.RUNNING,
                                     step=2)
    UnitLoadJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    page = client_as(province_planner).get(f"{URL}tac-vu/{job.pk}/").content.decode()
    job.refresh_from_db()
    assert job.status == UnitLoadJob.Status.DONE and job.attempts == 2 and "Đã nạp xong" in page


def test_the_worker_fails_a_load_interrupted_twice_with_the_reason(client_as, province_planner):
    job = UnitLoadJob.objects.create(province="12", created_by=province_planner, status=UnitLoadJob.Status.RUNNING,
                                     step=3, attempts=2)
    UnitLoadJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert jobs.jobs_recover() == 1  # what `ktxh worker` runs at start and at every heartbeat
    job.refresh_from_db()
    assert job.status == UnitLoadJob.Status.FAILED
    assert "Việc nạp đơn vị bị dừng giữa chừng (máy xử lý nền bị tắt hoặc khởi động lại) 2 lần" in job.message
    page = client_as(province_planner).get(f"{URL}tac-vu/{job.pk}/").content.decode()
    assert "Không nạp được. Việc nạp đơn vị bị dừng giữa chừng" in page and "nạp lại" in page


def test_a_failing_load_says_so_in_vietnamese_and_changes_no_unit(client_as, admin_user, monkeypatch):
    before = OrgUnit.objects.count()
    commune = OrgUnit.objects.filter(vintage="2025", parent__code="12").order_by("code").first()
    OrgUnit.objects.filter(pk=commune.pk).update(name="Tên sai")  # the load would write the file's name back
    real = national._lineage_load

    def broken(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(national, "_lineage_load", broken)
    page = client_as(admin_user).post(URL, {"province": "12"}, follow=True).content.decode()
    assert "Không nạp được do lỗi của máy chủ; không đơn vị nào bị thay đổi" in page and "disk full" not in page
    assert UnitLoadJob.objects.get().status == UnitLoadJob.Status.FAILED and OrgUnit.objects.count() == before
    commune.refresh_from_db()
    assert commune.name == "Tên sai"  # the units the load had written were rolled back with it
    monkeypatch.setattr(national, "_lineage_load", real)
    client_as(admin_user).post(URL, {"province": "12"})
    commune.refresh_from_db()
    assert commune.name != "Tên sai"


def test_only_an_administrator_loads_the_whole_country_and_others_cannot_start_or_see(
        client_as, admin_user, province_planner, planner, viewer):
    assert 'value="">Cả nước' in client_as(admin_user).get(URL).content.decode()
    assert client_as(province_planner).post(URL, {"province": ""}).status_code == 403
    assert client_as(province_planner).post(URL, {"province": "01"}).status_code == 403  # another province
    for user in (planner, viewer):  # a district planner, a viewer
        assert client_as(user).get(URL).status_code == 403
        assert client_as(user).post(URL, {"province": "12"}).status_code == 403
    assert UnitLoadJob.objects.count() == 0
    job = UnitLoadJob.objects.create(province="01", status=UnitLoadJob.Status.DONE)
    assert client_as(province_planner).get(f"{URL}tac-vu/{job.pk}/").status_code == 404
    assert client_as(admin_user).get(f"{URL}tac-vu/{job.pk}/").status_code == 200
