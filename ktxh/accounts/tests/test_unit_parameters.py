"""Every unit parameter outside the dashboards uses the one rule (accounts.unit_pages,
orgunits.selectors.unit_pick): a bare code by the date of the period, CODE@2025 / CODE@cu
explicitly, a dissolved unit in a later period sent to its successors."""

import pytest

from ktxh.engine.periods import Period
from ktxh.evaluation.tests.carry_world import build, fill
from ktxh.imports.services import ImportFailed, _unit_for_period
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import unit_choices, unit_pick
from ktxh.reports.models import Report


@pytest.fixture
def world(db):
    w = build()
    fill(w, years=("2024",))
    return w


def test_a_bare_code_names_the_unit_in_force_at_the_end_of_the_period(world):
    units = OrgUnit.objects.filter(code__startswith="98")
    assert unit_pick(units, "98101", Period.parse("2024").end) == world["an"]
    assert unit_pick(units, "98101", Period.parse("2026").end) == world["moi"]
    assert unit_pick(units, "98101@cu", Period.parse("2026").end) == world["an"]
    assert unit_pick(units, "98101@2025", Period.parse("2024").end) == world["moi"]
    assert unit_pick(units, "98101@xyz", None) is None


def test_the_picker_sends_a_reused_code_with_its_vintage_and_groups_by_vintage(world):
    groups = unit_choices(OrgUnit.objects.filter(code__startswith="98").order_by("path"), Period.parse("2026").end)
    assert [label for label, _ in groups] == ["Đơn vị từ 01/07/2025", "Đơn vị trước 01/07/2025"]
    new = dict(groups)["Đơn vị từ 01/07/2025"]
    assert ("98101@2025", world["moi"]) in new and ("98202", world["sau"]) in new
    assert world["binh"] not in [u for _, u in new]


def test_the_capital_page_resolves_the_code_by_its_period(world, client_as, admin_user):
    client = client_as(admin_user)
    page = client.get("/chuong-trinh/von/?unit=98101&period=2026").content.decode()
    assert "Xã Mới · Năm 2026" in page
    picker = page[page.index('name="unit"'):]
    picker = picker[:picker.index("</select>")]
    assert 'label="Đơn vị từ 01/07/2025"' in picker and 'value="98101@2025" selected' in picker


def test_the_capital_page_sends_a_merged_commune_to_its_successor(world, client_as, admin_user):
    client = client_as(admin_user)
    response = client.get("/chuong-trinh/von/?unit=98102&period=2026")
    assert response.status_code == 302 and "unit=98101%402025" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Xã Mới · Năm 2026" in page


def test_the_ntm_page_lists_the_successors_of_a_split_commune(world, client_as, admin_user):
    response = client_as(admin_user).get("/chuong-trinh/nong-thon-moi/?unit=98201&year=2026")
    page = response.content.decode()
    assert response.status_code == 200 and 'data-testid="moved"' in page
    assert "Xã Dũng đã sáp nhập vào Xã Mới, Xã Sau, Xã Lẻ từ 01/07/2025." in page
    assert "unit=98202@2025" in page and "year=2026" in page


def test_the_ntm_page_of_a_dissolved_district_says_it_ended(world, client_as, admin_user):
    page = client_as(admin_user).get("/chuong-trinh/nong-thon-moi/?unit=981&year=2026").content.decode()
    assert "Huyện Một không còn hiệu lực từ 01/07/2025." in page


def test_the_report_form_resolves_the_code_by_the_report_period(world, client_as, admin_user):
    client = client_as(admin_user)
    client.post("/bao-cao/", {"kind": "annual", "unit": "98101", "period": "2024"})
    client.post("/bao-cao/", {"kind": "annual", "unit": "98101", "period": "2026"})
    assert set(Report.objects.filter(org_unit__code="98101").values_list("org_unit__name", "period")) == {
        ("Xã An", "2024"), ("Xã Mới", "2026")}


def test_the_report_form_refuses_a_dissolved_unit_naming_its_successor(world, client_as, admin_user):
    response = client_as(admin_user).post("/bao-cao/", {"kind": "annual", "unit": "98102", "period": "2026"})
    assert response.status_code == 400
    assert "Xã Bình đã sáp nhập vào Xã Mới từ 01/07/2025." in response.content.decode()
    assert not Report.objects.filter(org_unit=world["binh"]).exists()


def test_the_report_import_resolves_a_code_by_the_row_period(world):
    allowed = OrgUnit.objects.filter(code__startswith="98")
    assert _unit_for_period(allowed, "98101 Xã An", Period.parse("2024")) == world["an"]
    assert _unit_for_period(allowed, "98101", Period.parse("2026-H1")) == world["moi"]
    with pytest.raises(ImportFailed, match="Xã Bình đã sáp nhập vào Xã Mới từ 01/07/2025"):
        _unit_for_period(allowed, "98102", Period.parse("2026"))
