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


@pytest.fixture(autouse=True)
def without_ntm_table(db):
    """With an NTM criteria table the comparison computes the 02.07 row from it
    (dashboards/communes.py); without one it shows the stored values, whose cache these
    tests are about."""
    from ktxh.programmes.ntm.models import CommuneCriterion

    CommuneCriterion.objects.filter(year=2023).delete()


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
    """Another server process writes the value and sets the revision in the shared cache
    (the queryset update stands for its write: it sends no signal here); this process's
    cached matrix is then not served again."""
    from ktxh.evaluation.cache import revision_bump

    client = client_as(leader)
    assert "status-not_met" in hoang_then_cell(client.get("/so-sanh-xa/?unit=109&period=2023").content.decode())
    rows = DataValue.objects.filter(indicator__code="02.07", org_unit__code="109-10", period="2023")
    rows.update(value=Decimal(19))
    assert "status-not_met" in hoang_then_cell(client.get("/so-sanh-xa/?unit=109&period=2023").content.decode())
    revision_bump(values=[(rows[0].org_unit_id, "2023")])
    assert "status-not_met" not in hoang_then_cell(client.get("/so-sanh-xa/?unit=109&period=2023").content.decode())


def test_a_value_of_one_commune_recomputes_only_what_reads_that_commune(planner):
    from ktxh.evaluation.cache import data_version

    district, commune, other = (OrgUnit.objects.get(code=c) for c in ("109", "109-10", "109-01"))
    before = {u: data_version([u.pk], ["2023", "2022"], ["2023"]) for u in (district, commune, other)}
    value_set(actor=planner, indicator=Indicator.objects.get(code="02.07"), org_unit=commune,
              period="2023", kind="revised", value=Decimal(19))
    after = {u: data_version([u.pk], ["2023", "2022"], ["2023"]) for u in (district, commune, other)}
    assert after[commune] != before[commune]
    assert after[district] == before[district] and after[other] == before[other]


def test_a_write_rolled_back_leaves_the_revision_as_it_was(planner):
    from django.db import transaction

    from ktxh.evaluation.cache import data_version

    commune = OrgUnit.objects.get(code="109-10")
    before = data_version([commune.pk], ["2023"], ["2023"])
    with pytest.raises(RuntimeError), transaction.atomic():
        value_set(actor=planner, indicator=Indicator.objects.get(code="02.07"), org_unit=commune,
                  period="2023", kind="revised", value=Decimal(19))
        raise RuntimeError("rolled back")
    assert data_version([commune.pk], ["2023"], ["2023"]) == before


def test_the_matrix_brought_up_to_date_after_a_commune_write_equals_one_computed_afresh(planner, phong_tho):
    from ktxh.evaluation import matrix as m

    def picture(matrix):
        return [(r.indicator.code, r.rolled_up, [(c.unit.code, c.value and c.value.value, c.basis,
                                                   c.evaluation.status) for c in r.cells]) for r in matrix.rows]

    m.commune_matrix(unit=phong_tho, period="2023")  # cached
    calls = []
    real = m._commune_matrix
    m._commune_matrix = lambda **kw: calls.append(kw) or real(**kw)
    try:
        value_set(actor=planner, indicator=Indicator.objects.get(code="02.07"),
                  org_unit=OrgUnit.objects.get(code="109-10"), period="2023", kind="revised", value=Decimal(19))
        updated = m.commune_matrix(unit=phong_tho, period="2023")
    finally:
        m._commune_matrix = real
    assert calls == []  # brought up to date, not recomputed
    from ktxh.engine.periods import Period

    assert picture(updated) == picture(real(unit=phong_tho, current=Period.of("2023")))


def test_the_cache_keeps_the_22_tables_of_a_district_report_and_bounds_matrices_by_weight():
    from ktxh.evaluation import cache

    cache.evaluation_cache_clear()
    computed = []
    for _ in range(2):  # a report of a district and its 20 communes, made twice (DOCX, then PDF)
        for k in range(22):
            cache.cached(("table", k, "2023", True), ("v",), lambda k=k: computed.append(k) or k)
    assert computed == list(range(22))  # the second report found every table
    for k in range(12):
        cache.cached(("matrix", k), ("v",), lambda: "m")
    assert sum(cache._weight(key) for key in cache._CACHE) <= cache._CACHE_SIZE
    assert all(("matrix", k) in cache._CACHE for k in range(12))  # as many matrices as before
    assert ("table", 0, "2023", True) not in cache._CACHE  # the oldest went first
    cache.evaluation_cache_clear()
