"""The org-unit tree: paths follow moves, a unit cannot sit under itself, and a unit
is found by code or by name typed with or without accents."""

import datetime

import pytest

from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import UnitNotFound, orgunit_find, province_of, subtree
from ktxh.orgunits.services import orgunit_save

pytestmark = pytest.mark.django_db


def test_a_unit_is_found_by_code_and_by_name_with_or_without_accents():
    assert orgunit_find("109").name == "Huyện Phong Thổ"
    assert orgunit_find("Phong Thổ", as_of=datetime.date(2023, 12, 31)).code == "109"
    assert orgunit_find("phong tho", as_of=datetime.date(2023, 12, 31)).code == "109"
    with pytest.raises(UnitNotFound):
        orgunit_find("Không Có Huyện Này")
    with pytest.raises(UnitNotFound):
        orgunit_find("  ")


def test_moving_a_unit_carries_its_subtree_and_the_province_key(phong_tho):
    muong_te = OrgUnit.objects.get(code="107")
    commune = OrgUnit.objects.filter(parent=phong_tho).order_by("path").first()
    commune.parent = muong_te
    orgunit_save(actor=None, unit=commune)
    commune.refresh_from_db()
    assert commune.path == f"{muong_te.path}{commune.code}/" and commune.level == 3
    assert commune in subtree(muong_te) and commune not in subtree(phong_tho)
    assert province_of(commune).code == "12"


def test_recoding_a_unit_rewrites_the_paths_below_it():
    province = OrgUnit.objects.get(code="12")
    district = orgunit_save(actor=None, unit=OrgUnit(code="T1", name="Huyện Thử", kind="district", parent=province))
    commune = orgunit_save(actor=None, unit=OrgUnit(code="T1-01", name="Xã Thử", kind="commune", parent=district))
    assert commune.path == "/12/T1/T1-01/" and district.name_folded == "huyen thu"
    district.code = "T2"
    orgunit_save(actor=None, unit=district)
    commune.refresh_from_db()
    assert commune.path == "/12/T2/T1-01/"


def test_a_unit_cannot_be_put_under_itself_or_its_own_subtree(phong_tho):
    commune = OrgUnit.objects.filter(parent=phong_tho).order_by("path").first()
    phong_tho.parent = commune
    with pytest.raises(ValueError, match="cấp dưới của chính nó"):
        orgunit_save(actor=None, unit=phong_tho)
    phong_tho.refresh_from_db()
    assert phong_tho.parent.code == "12"
