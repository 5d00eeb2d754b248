"""A commune's own Excel review list through the web import: the header rows are found (merged
group header, numbering row), its columns proposed by their Vietnamese names, corrected by the
clerk, the whole file validated (every problem with its line and column, nothing written),
imported by a background job whose progress the page shows, and the mapping remembered for the
commune's next list."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from ktxh.orgunits.selectors import unit_resolve
from ktxh.poverty import jobs, services
from ktxh.poverty.columns import (
    REVIEW_COMMUNE,
    TARGETS,
    column_labels,
    header_guess,
    mapping_check,
    mapping_propose,
)
from ktxh.poverty.demo import commune_list_xlsx
from ktxh.poverty.listfile import cells_read
from ktxh.poverty.models import ColumnMemory, HouseholdYear, ListImport, Review

pytestmark = pytest.mark.django_db

# Where the plain columns sit in the file commune_list_xlsx writes (0-based).
EXPECTED = {"chu_ho": "1", "ma_ho": "2", "dan_toc": "3", "thon": "4", "khu_vuc": "5", "so_nhan_khau": "6",
            "thu_nhap_binh_quan": "7", "viec_lam": "8", "nguoi_phu_thuoc": "9", "dinh_duong": "10",
            "bao_hiem_y_te": "11", "giao_duc_nguoi_lon": "12", "tre_em_di_hoc": "13", "chat_luong_nha_o": "14",
            "dien_tich_nha_o": "15", "nuoc_sinh_hoat": "16", "nha_tieu": "17", "dich_vu_vien_thong": "18",
            "tiep_can_thong_tin": "19", "doi_tuong": "20", "xa": REVIEW_COMMUNE, "tinh_trang": "", "nam": ""}


def clerk():
    return get_user_model().objects.get(username="xa_khong_lao")


@pytest.fixture
def review(db):
    return services.review_open(actor=clerk(), commune=unit_resolve("03583@2025"), year=2027)


def selected(page: str) -> dict[str, str]:
    """The choices the mapping form proposes, as the browser would send them."""
    choices = {}
    for code, body in re.findall(r'<select id="cot_(\w+)" name="cot_\w+">(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        choices[f"cot_{code}"] = chosen.group(1) if chosen else ""
    return choices


def upload(client, review, path):
    with path.open("rb") as f:
        response = client.post(f"/ho-ngheo/ra-soat/{review.pk}/nhap/", {"file": f})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def test_the_header_of_a_commune_list_is_found_and_every_column_proposed(tmp_path):
    cells, error = cells_read(commune_list_xlsx(tmp_path / "ds.xlsx", size=30, year=2027))
    assert error is None
    first, last = header_guess(cells)
    assert (first, last) == (4, 6)  # title above; two header rows and the numbering row "(1) (2) …"
    labels = column_labels(cells, first, last)
    assert labels[8] == "Các chỉ số thiếu hụt dịch vụ xã hội cơ bản (đánh dấu x) / Việc làm"  # merged group
    assert labels[2] == "Mã hộ" and len(labels) == 22
    proposal = mapping_propose(labels)
    assert proposal == EXPECTED
    assert mapping_check(proposal, labels) == []


def test_a_mapping_with_a_column_twice_or_a_required_one_missing_is_refused_with_each_problem():
    labels = ["Mã hộ", "Số khẩu", "Thu nhập", *[f"Chỉ số {i}" for i in range(12)]]
    choices = {t.code: "" for t in TARGETS}
    choices.update(ma_ho="0", so_nhan_khau="1", thu_nhap_binh_quan="1", xa=REVIEW_COMMUNE, khu_vuc="nong_thon")
    problems = mapping_check(choices, labels)
    assert "Chưa chọn cột cho «Việc làm»." in problems and len([p for p in problems if "Chưa chọn" in p]) == 12
    assert any(p.startswith("Cột B (Số khẩu) được chọn cho nhiều mục") for p in problems)
    choices["ma_ho"] = "99"
    assert "Lựa chọn cho «Mã hộ» không phải một cột của tệp." in mapping_check(choices, labels)


def test_a_10000_household_commune_list_is_mapped_validated_and_imported_in_the_background(client, tmp_path,
                                                                                         review):
    client.force_login(clerk())
    path = commune_list_xlsx(tmp_path / "Danh sach ra soat 2027.xlsx", size=10_000, year=2027)
    mapping_url = upload(client, review, path)
    page = client.get(mapping_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="4"' in html and 'value="6"' in html  # the header rows found
    form = selected(html)
    assert form == {f"cot_{k}": v for k, v in EXPECTED.items()}
    response = client.post(mapping_url, {"action": "nhap", "hang_dau": "4", "hang_cuoi": "6", **form})
    assert response.status_code == 302 and response["Location"].endswith("/tien-do/")
    done = client.get(response["Location"])  # the immediate backend ran the job inside the request
    assert done.status_code == 302 and done["Location"] == f"/ho-ngheo/ra-soat/{review.pk}/"
    job = ListImport.objects.get(review=review)
    assert (job.status, job.step, job.entries, job.created, job.skipped) == ("done", 3, 10_000, 10_000, 9)
    assert bytes(job.data) == b""  # the file's bytes are not kept once written
    assert HouseholdYear.objects.filter(review=review).count() == 10_000
    one = HouseholdYear.objects.select_related("household").get(review=review, household__code="KL-00097")
    assert one.household.policy_groups == "Hộ có người có công" and one.household.village == "Bản giả định 1"
    message = client.get(f"/ho-ngheo/ra-soat/{review.pk}/").content.decode()
    assert "Đã nhập 10.000 hộ từ Danh sach ra soat 2027.xlsx (10.000 hộ mới" in message
    memory = ColumnMemory.objects.get(commune=review.commune)
    assert memory.columns["thu_nhap_binh_quan"] == "thu nhap binh quan dau nguoi thang dong"
    assert memory.columns["xa"] == REVIEW_COMMUNE and memory.header_rows == 3


def test_every_problem_of_the_file_is_listed_with_its_line_and_column_and_nothing_is_written(client, tmp_path,
                                                                                             review):
    client.force_login(clerk())
    path = commune_list_xlsx(tmp_path / "ds.xlsx", size=300, year=2027,
                             bad={5: (7, "abc"), 9: (10, "7"), 250: (6, "0"), 252: (2, "KL-00251")})
    mapping_url = upload(client, review, path)
    form = selected(client.get(mapping_url).content.decode())
    progress = client.post(mapping_url, {"action": "nhap", "hang_dau": "4", "hang_cuoi": "6", **form})["Location"]
    page = client.get(progress)
    assert page.status_code == 200
    html = page.content.decode()
    job = ListImport.objects.get(review=review)
    assert job.status == "failed" and job.message == "Danh sách có 4 lỗi; không ghi hộ nào."
    # line = household + 6 header/title rows + one village title row per 38 households before it
    assert job.problems == [
        "Dòng 12: thu nhập bình quân 'abc' không phải số (đồng/người/tháng, ví dụ 1.450.000) (cột H).",
        "Dòng 16: chỉ số thiếu hụt dinh_duong = '7' không hợp lệ (0 hoặc 1) (cột K).",
        "Dòng 263: số nhân khẩu '0' phải là số nguyên từ 1 đến 100 (cột G).",
        "Dòng 265: mã hộ KL-00251 trùng với dòng 264 (cột C).",
    ]
    assert "Dòng 265: mã hộ KL-00251 trùng với dòng 264 (cột C)." in html and "Sửa cách ghép cột" in html
    assert not HouseholdYear.objects.filter(review=review).exists()
    assert not ColumnMemory.objects.filter(commune=review.commune).exists()  # remembered only once imported
    assert bytes(ListImport.objects.get(pk=job.pk).data)  # kept: the clerk may correct the mapping
    review_page = client.get(f"/ho-ngheo/ra-soat/{review.pk}/").content.decode()
    assert "Lần nhập tệp ds.xlsx chưa được: Danh sách có 4 lỗi; không ghi hộ nào." in review_page


def test_a_wrong_mapping_is_shown_again_with_its_problems_and_starts_no_job(client, tmp_path, review):
    client.force_login(clerk())
    mapping_url = upload(client, review, commune_list_xlsx(tmp_path / "ds.xlsx", size=20, year=2027))
    form = selected(client.get(mapping_url).content.decode())
    form["cot_so_nhan_khau"] = form["cot_thu_nhap_binh_quan"]
    form["cot_viec_lam"] = ""
    response = client.post(mapping_url, {"action": "nhap", "hang_dau": "4", "hang_cuoi": "6", **form})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Chưa chọn cột cho «Việc làm»." in html
    assert "được chọn cho nhiều mục: «Số nhân khẩu», «Thu nhập bình quân (đồng/người/tháng)»" in html
    assert ListImport.objects.get(review=review).status == "draft"


def test_the_clerk_can_read_the_header_again_from_other_rows(client, tmp_path, review):
    client.force_login(clerk())
    mapping_url = upload(client, review, commune_list_xlsx(tmp_path / "ds.xlsx", size=20, year=2027))
    html = client.post(mapping_url, {"action": "doc_lai", "hang_dau": "5", "hang_cuoi": "5"}).content.decode()
    form = selected(html)
    assert form["cot_viec_lam"] == "8" and form["cot_ma_ho"] == ""  # row 5 alone has only the sub-headers


def test_the_mapping_is_remembered_for_the_communes_next_list_whatever_its_column_order(client, tmp_path, review):
    """A header no alias knows ("TN BQ"), mapped by hand once, is proposed the next year even
    though the columns moved."""
    client.force_login(clerk())
    head = ["Mã hộ", "Số khẩu", "TN BQ", "Khu vực", *[f"CS{i}" for i in range(1, 13)]]
    rows = [",".join(head), ",".join(["H-1", "4", "1.200.000", "nông thôn", *["x"] * 3, *[""] * 9])]
    first_list = tmp_path / "nam_2027.csv"
    first_list.write_text("\n".join(rows) + "\n", encoding="utf-8")
    mapping_url = upload(client, review, first_list)
    form = selected(client.get(mapping_url).content.decode())
    assert form["cot_thu_nhap_binh_quan"] == ""  # "TN BQ" is not a known name
    form.update(cot_thu_nhap_binh_quan="2", **{f"cot_{t.code}": str(3 + i) for i, t in enumerate(TARGETS[5:17], 1)})
    progress = client.post(mapping_url, {"action": "nhap", "hang_dau": "1", "hang_cuoi": "1", **form})["Location"]
    assert client.get(progress).status_code == 302
    assert ListImport.objects.get(review=review).status == "done"
    nxt = services.review_open(actor=clerk(), commune=review.commune, year=2028)
    moved = [head[2], head[0], head[3], head[1], *head[4:]]  # next year's template orders them otherwise
    second = tmp_path / "nam_2028.csv"
    second.write_text(",".join(moved) + "\n" + ",".join(["1.200.000", "H-1", "nông thôn", "4", *["x"] * 3,
                                                          *[""] * 9]) + "\n", encoding="utf-8")
    html = client.get(upload(client, nxt, second)).content.decode()
    assert "Đề xuất theo cách ghép cột lần nhập trước của xã (tệp nam_2027.csv" in html
    form = selected(html)
    assert form["cot_thu_nhap_binh_quan"] == "0" and form["cot_ma_ho"] == "1" and form["cot_viec_lam"] == "4"


def test_the_progress_page_shows_the_step_without_reloading(client, tmp_path, review):
    client.force_login(clerk())
    mapping_url = upload(client, review, commune_list_xlsx(tmp_path / "ds.xlsx", size=5, year=2027))
    job = ListImport.objects.get(review=review)
    ListImport.objects.filter(pk=job.pk).update(status="running", step=2, step_label=jobs.STEPS[1],
                                                updated_at=timezone.now())
    url = mapping_url + "tien-do/"
    page = client.get(url).content.decode()
    assert "bước 2/3</strong>: kiểm tra toàn bộ danh sách theo cách ghép cột" in page
    assert 'hx-trigger="every 1s"' in page and "htmx-2.min.js" in page
    part = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert part.lstrip().startswith("{#") is False and 'id="job-status"' in part and "<html" not in part
    assert client.get(mapping_url).status_code == 302  # a running job is followed, not mapped again


def test_a_job_interrupted_by_a_restart_is_run_again_once_then_shown_failed_with_the_reason(client, tmp_path,
                                                                                            review, settings):
    client.force_login(clerk())
    mapping_url = upload(client, review, commune_list_xlsx(tmp_path / "ds.xlsx", size=5, year=2027))
    job = ListImport.objects.get(review=review)
    old = timezone.now() - timedelta(seconds=settings.KTXH_JOB_STALE_SECONDS + 5)
    ListImport.objects.filter(pk=job.pk).update(status="running", step=2, attempts=2, updated_at=old)
    page = client.get(mapping_url + "tien-do/").content.decode()
    job.refresh_from_db()
    assert job.status == "failed" and job.message.startswith(jobs.INTERRUPTED)
    assert "bị dừng giữa chừng" in page and "2 lần" in page
    assert not HouseholdYear.objects.filter(review=review).exists()
    # interrupted once: queued again (the immediate backend runs it now) with the mapping it had
    form = {t.code: v for t, v in zip(TARGETS, [EXPECTED[t.code] for t in TARGETS], strict=True)}
    ListImport.objects.filter(pk=job.pk).update(status="running", step=3, attempts=1, updated_at=old,
                                                header_first=4, header_last=6, mapping=form, message="")
    jobs.jobs_recover()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.entries) == ("done", 2, 5)


def test_only_the_communes_clerk_reaches_an_uploaded_list(client, tmp_path, review):
    client.force_login(clerk())
    mapping_url = upload(client, review, commune_list_xlsx(tmp_path / "ds.xlsx", size=5, year=2027))
    for persona in ("so_giam_ngheo", "lanh_dao_khong_lao", "so_tai_chinh"):
        client.force_login(get_user_model().objects.get(username=persona))
        assert client.get(mapping_url).status_code == 404
        assert client.get(mapping_url + "tien-do/").status_code == 404


def test_a_file_that_cannot_be_read_is_refused_at_the_upload(client, tmp_path, review):
    client.force_login(clerk())
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with broken.open("rb") as f:
        response = client.post(f"/ho-ngheo/ra-soat/{review.pk}/nhap/", {"file": f})
    assert response.status_code == 400 and "hong.xlsx" in response.content.decode()
    assert not ListImport.objects.filter(review=review).exists()
    Review.objects.filter(pk=review.pk).update(state="published")
    with (tmp_path / "ds.xlsx").open("wb") as out:
        out.write(commune_list_xlsx(tmp_path / "x.xlsx", size=3, year=2027).read_bytes())
    with (tmp_path / "ds.xlsx").open("rb") as f:
        response = client.post(f"/ho-ngheo/ra-soat/{review.pk}/nhap/", {"file": f})
    assert response.status_code == 400 and "không nhập lại danh sách" in response.content.decode()
