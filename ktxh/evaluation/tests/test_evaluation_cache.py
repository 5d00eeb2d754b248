"""The evaluated tables are cached per data version: any change to the data shows on
the very next request, whoever made it (this process or another one)."""

from decimal import Decimal

import pytest

from ktxh.catalog.models import Indicator
from ktxh.catalog.services import target_set
from ktxh.orgunits.models import OrgUnit
from ktxh.values.models import DataValue
from ktxh.values.services import value_set

pytestmark = pytest.mark.django_db



def hoang_then_cell(page: str) -> str:
    row = page.split('<tr data-indicator="02.07">')[1].split("</tr>")[0]
    return row.split('data-commune="109-10"')[0].rsplit("<td", 1)[1]


def overview_row(page: str, code: str) -> str:
    return page.split(f'<tr data-indicator="{code}"')[1].split("</tr>")[0]


def test_a_value_change_shows_at_once_on_the_overview_and_the_commune_comparison(client_as, planner):
    client = client_as(planner)
    assert "status-not_met" in hoang_then_cell(client.get("/so-sanh-xa/?unit=109&period=2023").content.decode())
    assert "Xã Hoang Thèn" in overview_row(client.get("/danh-gia/?unit=109&period=2023").content.decode(), "02.07")
    value_set(actor=planner, indicator=Indicator.objects.get(code="02.07"), org_unit=OrgUnit.objects.get(code="109-10"),
              period="2023", kind="revised", value=Decimal(19))
    assert "status-not_met" not in hoang_then_cell(client.get("/so-sanh-xa/?unit=109&period=2023").content.decode())
    assert "Xã Hoang Thèn" not in overview_row(client.get("/danh-gia/?unit=109&period=2023").content.decode(), "02.07")


def test_a_target_change_shows_at_once(client_as, planner, phong_tho):
    client = client_as(planner)
    forest = Indicator.objects.get(name__icontains="che phủ rừng")
    before = overview_row(client.get("/danh-gia/?unit=109&period=2023").content.decode(), forest.code)
    assert "không đạt" in before
    target_set(actor=planner, indicator=forest, org_unit=phong_tho, period="2023", value=Decimal(1))
    after = overview_row(client.get("/danh-gia/?unit=109&period=2023").content.decode(), forest.code)
    assert "không đạt" not in after and "vượt" in after.lower()


def test_a_write_by_another_process_shows_at_once(client_as, leader):
    """A queryset update sends no signal, as a write by another server process would
    not reach this one: the data fingerprint alone must see it."""
    client = client_as(leader)
    assert "status-not_met" in hoang_then_cell(client.get("/so-sanh-xa/?unit=109&period=2023").content.decode())
    DataValue.objects.filter(indicator__code="02.07", org_unit__code="109-10", period="2023").update(value=Decimal(19))
    assert "status-not_met" not in hoang_then_cell(client.get("/so-sanh-xa/?unit=109&period=2023").content.decode())
