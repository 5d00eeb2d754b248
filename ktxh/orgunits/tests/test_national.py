"""The national master data: the committed files, the cross-check of the two packages,
and the bulk load (counts, idempotence, adoption of the demo units, lineage kept)."""

from collections import Counter

import pytest

from ktxh.orgunits.models import OrgUnit, OrgUnitLineage
from ktxh.orgunits.national import _rows, national_load, sources_info
from ktxh.orgunits.selectors import unit_predecessors, unit_resolve


@pytest.fixture(scope="module")
def units_file():
    return _rows("units.csv.gz")


@pytest.fixture(scope="module")
def lineage_file():
    return _rows("lineage.csv.gz")


def test_the_file_has_both_vintages_with_the_official_counts(units_file):
    counts = Counter((u["vintage"], u["kind"]) for u in units_file)
    continuing = len(sources_info()["continuing_provinces"])
    assert counts[("2025", "province")] + continuing == 34
    assert (counts[("2025", "commune")], counts[("2025", "ward")], counts[("2025", "special_zone")]) == (2621, 687, 13)
    assert counts[("cu", "province")] == 63 and counts[("cu", "district")] == 696
    old_communes = sum(counts[("cu", k)] for k in ("commune", "ward", "town"))
    assert 10_000 <= old_communes <= 10_100
    lai_chau_new = [u for u in units_file if u["vintage"] == "2025" and u["parent"] == "12"]
    assert len(lai_chau_new) == 38


def test_the_two_packages_agree_on_the_old_to_new_pairs(lineage_file, units_file):
    """vietnam-provinces (by code) against vietnamadminunits (by normalised names, turned
    into codes): the pairs they share, and Lai Châu in full."""
    vp = {(r["from_code"], r["to_code"]) for r in lineage_file if len(r["from_code"]) == 5}
    vau = {(r["from_code"], r["to_code"]) for r in _rows("vau_pairs.csv.gz")}
    both = vp & vau
    assert len(both) >= 10_500, len(both)
    assert len(both) / len(vp) > 0.99
    lai_chau_codes = {u["code"] for u in units_file if u["vintage"] == "2025" and u["parent"] == "12"}
    lai_chau = {p for p in vp if p[1] in lai_chau_codes}
    assert len(lai_chau) == 106 and lai_chau <= vau
    # Split flags: an old commune divided in one source is divided (or absent) in the other.
    vau_divided = {r["from_code"] for r in _rows("vau_pairs.csv.gz") if r["divided"] == "1"}
    vp_split = {r["from_code"] for r in lineage_file if r["event"] == "split"}
    assert len(vp_split & vau_divided) / len(vp_split) > 0.9


def test_lineage_rows_carry_event_basis_and_source(lineage_file):
    khong_lao = [r for r in lineage_file if r["to_code"] == "03583"]
    assert {r["from_code"] for r in khong_lao} == {"03577", "03580", "03583"}
    assert {r["basis"] for r in khong_lao} == {"Nghị quyết 1670/NQ-UBTVQH15 (16/06/2025)"}
    assert all(r["source"].startswith("vietnam-provinces 2026.9.0") for r in khong_lao)
    assert Counter(r["event"] for r in lineage_file)["split"] > 900
    islands = [r for r in lineage_file if "huyện đảo" in r["source"]]
    assert len(islands) == 5 and all(r["source"].startswith("vietnamadminunits") for r in islands)


@pytest.mark.django_db
def test_loading_a_province_twice_changes_nothing_and_adopts_the_demo_communes():
    first = national_load(actor=None, province="12")
    assert first.counts["2025"] == {"commune": 36, "ward": 2}
    assert sum(first.counts["cu"].get(k, 0) for k in ("commune", "ward", "town")) == 106
    second = national_load(actor=None, province="12")
    assert (second.created, second.updated, second.lineage_created, second.lineage_updated) == (0, 0, 0, 0)
    old = OrgUnit.objects.get(code="109-11")  # the seed's Khổng Lào, with its seed values
    assert old.official_code == "03583" and str(old.valid_to) == "2025-06-30"
    assert OrgUnit.objects.filter(code="109").count() == 1 and OrgUnit.objects.filter(code="12").count() == 1
    new = unit_resolve("03583", as_of=__import__("datetime").date(2026, 1, 1))
    assert new.vintage == "2025" and new.level == 2 and new.parent.code == "12"
    assert {p.unit.code for p in unit_predecessors(new)} == {"109-10", "109-11", "109-12"}


@pytest.mark.django_db
def test_a_province_lineage_row_is_not_overwritten_by_the_national_load():
    national_load(actor=None, province="12")
    row = OrgUnitLineage.objects.get(source_unit__code="109-10", target_unit__code="03583")
    row.source, row.basis = "tệp hiệu chỉnh của tỉnh", "Quyết định thử"
    row.save()
    result = national_load(actor=None, province="12")
    row.refresh_from_db()
    assert (row.source, row.basis, result.lineage_kept) == ("tệp hiệu chỉnh của tỉnh", "Quyết định thử", 1)


@pytest.mark.django_db
def test_an_unknown_province_is_refused():
    from ktxh.orgunits.national import NationalDataError

    with pytest.raises(NationalDataError, match="Không có tỉnh mã '99'"):
        national_load(actor=None, province="99")
