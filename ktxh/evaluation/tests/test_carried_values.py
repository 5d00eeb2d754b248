"""Figures of new units for old periods (carried) and of provinces (rolled up), read at request time."""

from decimal import Decimal

import pytest

from ktxh.engine.periods import Period
from ktxh.evaluation.carried import involved_units, unit_figures
from ktxh.evaluation.tests.carry_world import build, fill, put

D = Decimal
Y2024 = Period.parse("2024")


@pytest.fixture
def world(db):
    w = build()
    fill(w)
    return w


def fig(w, unit, indicator, period="2024"):
    return unit_figures(w[unit], [Period.parse(period)]).get((w[indicator].pk, period))


def test_a_sum_is_carried_from_the_merged_communes_and_the_stated_share_of_a_split_one(world):
    cv = fig(world, "moi", "grain")
    assert cv.is_carried and cv.complete
    assert cv.value == D(101) + D(201) + D(51) + D("0.4") * D(1001)
    assert cv.result.rule == "sum"
    assert [p.name for p in cv.result.parts] == ["Xã An", "Xã Bình", "Xã Cường", "Xã Dũng"]
    assert cv.result.parts[3].share == D("0.4")
    assert "Xã Dũng (40%)" in cv.source.replace(",00", "")


def test_a_rate_is_recomputed_from_the_declared_numerator_and_denominator(world):
    cv = fig(world, "moi", "rate")
    poor = 30 + 20 + 10 + D("0.4") * 100
    households = 300 + 100 + 100 + D("0.4") * 1000
    # 100/900, not a mean: exact in the result, shown and evaluated at a stored value's 6 places
    assert cv.complete and round(cv.result.value, 20) == round(poor * 100 / households, 20)
    assert cv.value == D("11.111111") and cv.result.rule == "ratio"


def test_a_count_of_communes_and_a_rate_without_parts_are_breaks(world):
    for indicator in ("ntm", "cover"):
        cv = fig(world, "moi", indicator)
        assert cv.result.is_break and cv.value is None
        assert "chuỗi số liệu gián đoạn" in cv.source


def test_a_split_without_a_stated_share_is_incomplete(world):
    cv = fig(world, "le", "grain")
    assert not cv.complete and cv.value is None
    assert "chưa có tỷ lệ chia tách của Xã Dũng" in cv.source


def test_one_old_commune_going_wholly_to_a_new_one_is_its_value_times_the_share_for_sums(world):
    assert fig(world, "sau", "grain").value == D("0.6") * D(1001)
    assert fig(world, "sau", "rate").value == D(10)  # a share does not change a single unit's rate


def test_a_correction_of_an_old_value_shows_at_once(world):
    before = fig(world, "moi", "grain").value
    put(world, "grain", "binh", "2024", 301, kind="revised")
    assert fig(world, "moi", "grain").value == before + 100


def test_the_new_units_own_value_wins_over_the_carried_one(world):
    put(world, "grain", "moi", "2024", 999)
    own = fig(world, "moi", "grain")
    assert not getattr(own, "is_carried", False) and own.value == D(999)


def test_a_period_after_the_reform_is_not_carried(world):
    assert fig(world, "moi", "grain", "2026") is None
    assert fig(world, "moi", "grain", "2025-H2") is None
    assert fig(world, "moi", "grain", "2025").is_carried  # 2025 began before the new unit


def test_a_missing_old_value_makes_the_carried_value_incomplete_naming_the_commune(world):
    put(world, "grain", "an", "2022", 1)
    cv = fig(world, "moi", "grain", "2022")
    assert not cv.complete and set(cv.result.missing) == {"Xã Bình", "Xã Cường", "Xã Dũng"}
    assert cv.result.partial_value == D(1)


def test_an_old_province_is_the_sum_of_its_districts_when_all_have_data(world):
    put(world, "grain", "d1", "2024", 400)
    cv = fig(world, "province", "grain")
    assert not cv.complete and cv.result.missing == ("Huyện Hai",)
    assert "Huyện Hai" in cv.source and cv.direction == "rolled_up"
    put(world, "grain", "d2", "2024", 1001)
    cv = fig(world, "province", "grain")
    assert cv.complete and cv.value == D(1401)


def test_the_province_in_the_new_world_does_not_sum_the_dissolved_districts(world):
    put(world, "grain", "d1", "2026", 400)
    assert fig(world, "province", "grain", "2026") is None


def test_the_units_read_are_known_before_computing(world):
    ids = involved_units(world["moi"], [Y2024, Period.parse("2023")])
    assert set(ids) == {world[u].pk for u in ("moi", "an", "binh", "cuong", "dung")}
    assert involved_units(world["an"], [Y2024]) == [world["an"].pk]


def test_every_period_and_predecessor_is_read_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    # the lineage once, the catalog once, every value of the unit and its four old communes
    # once: the same three queries for one period as for three (no query per period or unit)
    for periods in (["2024"], ["2022", "2023", "2024"]):
        with django_assert_num_queries(3):
            found = unit_figures(world["moi"], [Period.parse(p) for p in periods], main_only=True)
        assert all(found[(world["grain"].pk, p)].is_carried for p in periods if p != "2022")


def test_a_main_only_table_carries_exactly_what_the_full_one_does_for_its_indicators(world):
    full = unit_figures(world["moi"], [Y2024, Period.parse("2023")])
    main = unit_figures(world["moi"], [Y2024, Period.parse("2023")], main_only=True)
    shown = {world[i].pk for i in ("grain", "rate", "ntm", "cover")}
    assert {k for k in main if k[0] in shown} == {k for k in full if k[0] in shown}
    for key in main:
        if key[0] in shown:
            assert (main[key].value, main[key].result) == (full[key].value, full[key].result)


def test_a_merged_provinces_rate_is_recomputed_from_the_parts_its_old_provinces_roll_up(world):
    # new province <- two old provinces <- their old districts: the rate's numerator and
    # denominator are rolled up too, so the rate of the merged province is exact, not missing
    from ktxh.evaluation.tests.carry_world import OLD_TO, REFORM, _unit
    from ktxh.orgunits import services as units

    old_a = _unit("95", "Tỉnh Cũ Một", "province", None)
    old_b = _unit("94", "Tỉnh Cũ Hai", "province", None)
    districts = {"a1": _unit("951", "Huyện A1", "district", old_a), "a2": _unit("952", "Huyện A2", "district", old_a),
                 "b1": _unit("941", "Huyện B1", "district", old_b)}
    new = _unit("93", "Tỉnh Hợp Nhất", "province", None, REFORM, None)
    for old in (old_a, old_b):
        units.lineage_record(actor=None, source=old, target=new, event="merge", date=REFORM, basis="Nghị quyết thử")
    world.update(districts)
    for unit, (poor, households) in {"a1": (10, 100), "a2": (30, 100), "b1": (60, 800)}.items():
        put(world, "poor", unit, "2024", poor)
        put(world, "households", unit, "2024", households)
        put(world, "rate", unit, "2024", D(poor) * 100 / households)
    assert old_a.valid_to == OLD_TO
    for main_only in (False, True):
        cv = unit_figures(new, [Y2024], main_only=main_only)[(world["rate"].pk, "2024")]
        assert cv.complete and cv.result.rule == "ratio", cv.source
        assert cv.value == D(10)  # (10 + 30 + 60) / (100 + 100 + 800), never a mean of rates
        assert [p.name for p in cv.result.parts] == ["Tỉnh Cũ Hai", "Tỉnh Cũ Một"]


def test_the_units_read_cover_the_plans_base_year_and_the_lineage_version_moves_with_a_share(world):
    from ktxh.evaluation.carried import unit_reach

    # 2026-H1's table also reads the base year of the 2026 plan (2025), which is carried
    periods = [Period.parse(p) for p in ("2026-H1", "2025-H1", "2025")]
    reach = unit_reach(world["moi"], periods)
    assert set(reach.ids) == {world[u].pk for u in ("moi", "an", "binh", "cuong", "dung")}
    before = reach.lineage_version
    from ktxh.orgunits.models import OrgUnitLineage

    # a bulk edit (no signal, no global revision), as the national load's
    OrgUnitLineage.objects.filter(source_unit=world["dung"], target_unit=world["moi"]).update(share=D("0.5"))
    assert unit_reach(world["moi"], periods).lineage_version != before
