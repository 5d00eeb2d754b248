"""Re-running the rules from the page is a QualityJob the page follows (quality/jobs.py).
Jobs run inline in these tests (conftest.tasks_run_inline); the worker function is also
called directly, as `ktxh worker` does."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ktxh.orgunits.selectors import subtree
from ktxh.quality import jobs, services
from ktxh.quality.models import QualityJob, Violation

pytestmark = pytest.mark.django_db


def _job(unit, user, **fields) -> QualityJob:
    return QualityJob.objects.create(province=unit.parent or unit, org_unit=unit, period="2023", created_by=user,
                                     **fields)


def test_the_run_button_starts_a_job_whose_page_ends_with_what_it_found(client_as, planner, phong_tho):
    client = client_as(planner)
    response = client.post("/chat-luong/kiem-tra/", {"unit": phong_tho.key, "period": "2023"})  # as the page posts
    job = QualityJob.objects.get()
    assert response.status_code == 302 and response.url == f"/chat-luong/tac-vu/{job.pk}/"
    assert job.status == QualityJob.Status.DONE and job.step == job.steps == 3 and job.created_by == planner
    found = Violation.objects.filter(org_unit__in=subtree(phong_tho), period="2023", is_open=True).count()
    r = job.result
    assert r["found"] == found > 0 and r["broken"] == {}
    said = f"Đã kiểm tra {r['rules']} quy tắc: {found} vi phạm ({r['new']} mới, {r['resolved']} đã hết)"
    page = client.get(response.url).content.decode()
    assert said in page
    assert f"/chat-luong/?unit={phong_tho.key}&amp;period=2023" in page and 'hx-trigger="every 1s"' not in page
    # the polling part of a finished job sends the browser back to the findings, which show the result
    polled = client.get(response.url, HTTP_HX_REQUEST="true")
    assert polled.status_code == 204 and polled["HX-Redirect"] == f"/chat-luong/?unit={phong_tho.key}&period=2023"
    findings = client.get(polled["HX-Redirect"]).content.decode()
    assert said in findings and 'data-testid="violations"' in findings


def test_the_worker_records_each_batch_of_units_as_a_step(planner, phong_tho, monkeypatch):
    monkeypatch.setattr(services, "BATCH", 5)
    real, seen = services.quality_run, []

    def spy(*, progress, **kwargs):
        def watched(step, steps, label):
            progress(step, steps, label)
            row = QualityJob.objects.get()
            seen.append((row.status, row.step, row.steps, row.step_label))
        return real(progress=watched, **kwargs)

    monkeypatch.setattr(jobs, "quality_run", spy)
    job = _job(phong_tho, planner)
    jobs.job_run(job.pk, 1)
    units = subtree(phong_tho).count()
    batches = -(-units // 5)
    assert seen[0] == ("running", 1, batches + 2, f"Đọc số liệu của {units} đơn vị")
    assert [s[3] for s in seen[1:-1]] == [f"Kiểm tra nhóm đơn vị {k}/{batches}" for k in range(1, batches + 1)]
    assert [s[1] for s in seen] == list(range(1, batches + 3)) and seen[-1][3] == "Lưu kết quả"
    job.refresh_from_db()
    assert job.status == QualityJob.Status.DONE and job.result["found"] > 0
    jobs.job_run(job.pk, 1)  # a task delivered twice does nothing more
    assert len(seen) == batches + 2


def test_a_running_job_shows_its_step_and_keeps_polling(client_as, planner, phong_tho):
    job = _job(phong_tho, planner, status=QualityJob.Status.RUNNING, step=2, steps=4,
               step_label="Kiểm tra nhóm đơn vị 1/2")
    part = client_as(planner).get(f"/chat-luong/tac-vu/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Đang kiểm tra... (bước 2/4): kiểm tra nhóm đơn vị 1/2" in part
    assert 'hx-trigger="every 1s"' in part and "<html" not in part


def test_a_second_click_while_a_run_is_going_follows_the_same_job(client_as, planner, phong_tho):
    job = _job(phong_tho, planner, status=QualityJob.Status.RUNNING, step=1, steps=3)
    response = client_as(planner).post("/chat-luong/kiem-tra/", {"unit": "109", "period": "2023"})
    assert response.url == f"/chat-luong/tac-vu/{job.pk}/" and QualityJob.objects.count() == 1


def test_a_job_whose_worker_was_killed_is_run_again_and_ends_with_its_result(client_as, planner, phong_tho):
    job = _job(phong_tho, planner, status=QualityJob.Status.RUNNING, step=2, steps=3)
    QualityJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    page = client_as(planner).get(f"/chat-luong/tac-vu/{job.pk}/").content.decode()
    job.refresh_from_db()
    assert job.status == QualityJob.Status.DONE and job.attempts == 2 and job.result["found"] > 0
    assert "Đã kiểm tra" in page


def test_the_worker_fails_a_job_interrupted_twice_with_the_reason(client_as, planner, phong_tho):
    job = _job(phong_tho, planner, status=QualityJob.Status.RUNNING, step=2, steps=3, attempts=2)
    QualityJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert jobs.jobs_recover() == 1  # what `ktxh worker` runs at start and at every heartbeat
    job.refresh_from_db()
    assert job.status == QualityJob.Status.FAILED
    assert "Việc kiểm tra bị dừng giữa chừng (máy xử lý nền bị tắt hoặc khởi động lại) 2 lần" in job.message
    page = client_as(planner).get(f"/chat-luong/tac-vu/{job.pk}/").content.decode()
    assert "Không kiểm tra được. Việc kiểm tra bị dừng giữa chừng" in page and "thử lại" in page


def test_a_running_job_with_a_recent_heartbeat_is_left_alone(planner, phong_tho):
    job = _job(phong_tho, planner, status=QualityJob.Status.RUNNING, step=2, steps=3)
    assert jobs.jobs_recover() == 0
    job.refresh_from_db()
    assert job.status == QualityJob.Status.RUNNING and job.attempts == 1


def test_a_failing_run_says_so_in_vietnamese_and_stores_nothing(client_as, planner, phong_tho, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(jobs, "quality_run", broken)
    page = client_as(planner).post("/chat-luong/kiem-tra/", {"unit": "109", "period": "2023"},
                                   follow=True).content.decode()
    assert "Không kiểm tra được. Không chạy được kiểm tra do lỗi của máy chủ" in page
    assert "disk full" not in page and QualityJob.objects.get().status == QualityJob.Status.FAILED


def test_someone_who_cannot_see_the_unit_cannot_see_its_job(client_as, planner, commune_clerk, leader, phong_tho):
    job = _job(phong_tho, planner, status=QualityJob.Status.DONE, result={"rules": 1, "found": 0, "new": 0,
                                                                          "resolved": 0, "broken": {}})
    assert client_as(commune_clerk).get(f"/chat-luong/tac-vu/{job.pk}/").status_code == 404
    assert client_as(leader).get(f"/chat-luong/tac-vu/{job.pk}/").status_code == 200  # reads the findings too
    assert client_as(leader).post("/chat-luong/kiem-tra/", {"unit": "109", "period": "2023"}).status_code == 403
    assert QualityJob.objects.count() == 1
