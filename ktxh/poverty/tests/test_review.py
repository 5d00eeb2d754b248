"""The annual review end to end through the services and the command line: a list is
imported whole or not at all, classified by the year's standard, published, approved, and
its figures reach the commune's and the province's indicators with their provenance."""

import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from ktxh.cli import main
from ktxh.engine.poverty import INDICATOR_CODES, PLAIN_COLUMNS
from ktxh.orgunits.selectors import unit_resolve
from ktxh.poverty import services
from ktxh.poverty.models import Household, HouseholdYear, PovertyEvent, Review
from ktxh.poverty.selectors import review_figures
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db
HEADER = ",".join([*PLAIN_COLUMNS, "thon", "dan_toc", "nam"])


def line(code, income="1.200.000", lacking=3, commune="03583", village="Bản A", ethnicity="Mông", year="2027"):
    flags = ["1" if i < lacking else "0" for i in range(len(INDICATOR_CODES))]
    return ",".join([code, commune, "nong_thon", "4", f'"{income}"', *flags, village, ethnicity, year])


def write(tmp_path, *rows, name="ds.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def clerk(db):
    return get_user_model().objects.get(username="xa_khong_lao")


@pytest.fixture
def review(clerk):
    return services.review_open(actor=clerk, commune=unit_resolve("03583@2025"), year=2027)


def test_the_command_prints_one_json_line_per_household_and_writes_nothing(tmp_path, capsys):
    path = write(tmp_path, line("T-1"), line("T-2", income="1.600.000", lacking=0), line("T-3", lacking=2))
    before = HouseholdYear.objects.count()
    assert main(["poverty", "classify", str(path), "--standard", "2022-2025"]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(o["household"], o["class"], o["deprivations"]) for o in out] == [
        ("T-1", "poor", 3), ("T-2", "middle", 0), ("T-3", "near_poor", 2)]
    assert out[0]["reason"].startswith("thu nhập 1.200.000 đ ≤ chuẩn nông thôn 1.500.000 đ")
    assert main(["poverty", "classify", str(path), "--standard", "2026-2030"]) == 0
    assert [json.loads(x)["class"] for x in capsys.readouterr().out.splitlines()][1] == "near_poor"
    assert HouseholdYear.objects.count() == before


def test_the_command_lists_every_bad_row_and_exits_2(tmp_path, capsys):
    path = write(tmp_path, line("T-1", income="nhiều"), line("T-2", income="-5"), line("T-1"))
    assert main(["poverty", "classify", str(path), "--standard", "2022-2025", "--format", "table"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("Dòng 2: thu nhập bình quân 'nhiều' không phải số")
    assert err[1] == "Dòng 3: thu nhập bình quân '-5' âm."
    assert err[-1].startswith("Lỗi: Tệp ds.csv có 2 lỗi")


def test_a_list_with_problems_writes_nothing_and_names_each_one(tmp_path, clerk, review):
    other = Household.objects.filter(commune=unit_resolve("03549@2025")).first()
    path = write(tmp_path, line("N-1"), line("N-2", commune="03549"), line("N-3", year="2026"),
                 line(other.code), line("N-1"), line("N-4", income="abc"))
    with pytest.raises(services.PovertyError) as error:
        services.review_list_import(actor=clerk, review=review, path=path)
    messages = error.value.messages
    assert any("Dòng 3: hộ N-2 thuộc xã '03549'" in m for m in messages)
    assert any("Dòng 4: danh sách năm 2026, đợt rà soát là năm 2027" in m for m in messages)
    assert any(f"hộ {other.code} đã có trong danh sách của Xã Phong Thổ" in m for m in messages)
    assert any("mã hộ N-1 trùng với dòng 2" in m for m in messages)
    assert any("Dòng 7: thu nhập bình quân 'abc'" in m for m in messages)
    assert not Household.objects.filter(code__startswith="N-").exists()
    assert not review.entries.exists()


def test_the_review_classifies_publishes_and_the_chair_approves_into_the_indicators(tmp_path, clerk, review):
    chair = get_user_model().objects.get(username="lanh_dao_khong_lao")
    previous = review_figures(Review.objects.get(commune=review.commune, year=2026)) if Review.objects.filter(
        commune=review.commune, year=2026).exists() else None
    rows = [line("KL-0003", lacking=0)]  # the demo's poor household of 2025-2026, now near-poor
    rows += [line(f"M-{i}", income="2.100.000", lacking=0, ethnicity="Kinh", village="Bản B") for i in range(6)]
    rows += [line("M-P1"), line("M-P2", income="2.200.000")]  # 2027 lines: 2.200.000 đ rural
    result = services.review_list_import(actor=clerk, review=review, path=write(tmp_path, *rows))
    assert result.entries == 9 and result.counts == {"near_poor": 7, "poor": 2}
    assert review.standard == "2026-2030"
    figures = review_figures(review)
    assert (figures.commune.total, figures.commune.poor, figures.commune.near_poor) == (9, 2, 7)
    assert figures.commune.poor_rate == Decimal("22.22")
    assert (figures.ethnic.total, figures.ethnic.poor) == (3, 2)
    assert [v.label for v in figures.villages] == ["Bản A", "Bản B"]
    with pytest.raises(services.PovertyError):
        services.review_approve(actor=chair, review=review)  # not published yet
    services.review_publish(actor=clerk, review=review)
    services.review_approve(actor=chair, review=Review.objects.get(pk=review.pk))
    value = DataValue.objects.get(org_unit=review.commune, period="2027", indicator__code="08.05")
    assert value.value == Decimal("22.22") and value.source == "rà soát năm 2027, Xã Khổng Lào"
    assert DataValue.objects.get(org_unit=review.commune, period="2027", indicator__code="08.09").value == 7
    if previous is not None:
        fall = DataValue.objects.get(org_unit=review.commune, period="2027", indicator__code="08.01").value
        assert fall == previous.commune.poor_rate - Decimal("22.22")
    province = DataValue.objects.get(org_unit=review.province, period="2027", indicator__code="08.07")
    assert province.value == 2 and "1/" in province.source and province.kind == "estimate"  # 1 of 38 communes
    assert list(PovertyEvent.objects.filter(review=review).values_list("action", flat=True).order_by("pk")) == [
        "open", "import", "publish", "approve"]


def test_province_rates_come_from_the_sums_of_the_communes(tmp_path, clerk):
    from ktxh.poverty.selectors import figures_sum

    reviews = list(Review.objects.filter(year=2025, state="approved"))
    assert len(reviews) == 2
    parts = [review_figures(r).commune for r in reviews]
    total = figures_sum(reviews, [])
    assert total["poor"] == sum(p.poor for p in parts) and total["total"] == sum(p.total for p in parts)
    assert total["poor_rate"] == (Decimal(total["poor"]) * 100 / total["total"]).quantize(Decimal("0.01"))
    stored = DataValue.objects.get(org_unit=reviews[0].province, period="2025", indicator__code="08.05")
    assert stored.value == total["poor_rate"]


def test_a_correction_reclassifies_the_household_and_keeps_history(clerk):
    review = Review.objects.get(commune=unit_resolve("03583@2025"), year=2026)
    entry = review.entries.select_related("household").filter(klass="poor", movement="unchanged").first()
    services.household_entry_save(actor=clerk, entry=entry, income=Decimal(5_000_000), members=entry.members,
                                  deprived=frozenset(), status="present", village="Bản giả định 1",
                                  head_name=entry.household.head_name, ethnicity="Dao")
    entry.refresh_from_db()
    assert entry.klass == "other" and entry.movement == "escaped"
    assert PovertyEvent.objects.filter(review=review, action="edit", actor=clerk).exists()


def test_reclassifying_a_province_uses_the_years_standard_and_leaves_approved_reviews(clerk):
    review = Review.objects.get(commune=unit_resolve("03583@2025"), year=2026)
    before = dict(review.entries.values_list("household_id", "klass"))
    counts = services.province_reclassify(actor=clerk, province=review.province, year=2026)
    assert sum(counts.values()) == len(before)
    assert dict(review.entries.values_list("household_id", "klass")) == before  # same standard, same result
    review.entries.update(klass="other", reason="sai")  # a stale result is computed again and written
    services.province_reclassify(actor=clerk, province=review.province, year=2026)
    assert dict(review.entries.values_list("household_id", "klass")) == before
    assert not review.entries.filter(reason="sai").exists()
    approved = Review.objects.get(commune=review.commune, year=2025)
    assert services.province_reclassify(actor=clerk, province=review.province, year=2025) == {}
    assert approved.entries.count() > 0
