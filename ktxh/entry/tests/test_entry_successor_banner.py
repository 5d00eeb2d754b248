"""The entry grid of a reporter dissolved by the round's period says, in Vietnamese, which
unit succeeds it, with a link to that unit's report of the round (docs/units.md)."""

import re

import pytest
from django.contrib.auth import get_user_model

from ktxh.entry.models import DataSet, ReportingRound
from ktxh.orgunits.selectors import unit_resolve


def _round():
    return ReportingRound.objects.get(period="2026-H1", province__code="12")


def _grid(data_set):
    return f"/nhap-lieu/{_round().pk}/bo-bieu/{data_set.pk}/"


def _commune_set(unit):
    return DataSet.objects.get(reporter_unit=unit, agency__isnull=True)


def _banner(html):
    found = re.search(r'<div class="notice" role="status" data-testid="moved">(.*?)</div>', html, re.S)
    return found.group(1) if found else None


@pytest.mark.django_db
def test_an_old_communes_2026_grid_names_its_successor_and_links_to_its_report(client_as):
    office = get_user_model().objects.get(username="so_tai_chinh")
    hoang_then = unit_resolve("Xã Hoang Thèn", strict=False)
    response = client_as(office).get(_grid(_commune_set(hoang_then)))
    assert response.status_code == 200
    banner = _banner(response.content.decode())
    assert banner and "Xã Hoang Thèn đã sáp nhập vào Xã Khổng Lào từ 01/07/2025." in banner
    assert "6 tháng đầu năm 2026 do đơn vị mới báo cáo" in banner
    successor = _commune_set(unit_resolve("03583@2025"))
    assert f'<a href="{_grid(successor)}">Xã Khổng Lào</a>' in banner
    # the successor's own grid has no banner
    assert _banner(client_as(office).get(_grid(successor)).content.decode()) is None


@pytest.mark.django_db
def test_a_user_who_cannot_see_the_successor_reads_its_name_without_a_link(client_as, planner):
    # the district planner of the seeds' world covers old Phong Thổ only
    hoang_then = unit_resolve("Xã Hoang Thèn", strict=False)
    banner = _banner(client_as(planner).get(_grid(_commune_set(hoang_then))).content.decode())
    assert banner and "Xã Khổng Lào" in banner and "<a " not in banner
    assert "Bạn không có quyền xem đơn vị mới" in banner


@pytest.mark.django_db
def test_a_dissolved_district_is_named_and_a_unit_in_force_shows_no_banner(client_as, planner):
    grain_set = DataSet.objects.get(agency__code="NN", reporter_unit__code="109")
    banner = _banner(client_as(planner).get(_grid(grain_set)).content.decode())
    # districts were abolished: no successor, so no list and no "no permission" note
    assert banner and "Huyện Phong Thổ không còn hiệu lực từ 01/07/2025." in banner
    assert "<li>" not in banner and "quyền" not in banner
    province_set = DataSet.objects.get(agency__code="NN", reporter_unit=unit_resolve("12"))
    office = get_user_model().objects.get(username="so_tai_chinh")
    assert _banner(client_as(office).get(_grid(province_set)).content.decode()) is None
