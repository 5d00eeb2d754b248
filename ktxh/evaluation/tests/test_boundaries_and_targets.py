"""Tables of a period list the units in force at its end (never old and new together), and
a dissolved unit's targets never reach a new unit's evaluation (docs/units.md)."""

from decimal import Decimal

import pytest

from ktxh.catalog.models import Target
from ktxh.catalog.services import target_set
from ktxh.evaluation.matrix import child_units, commune_matrix
from ktxh.evaluation.table import evaluation_table
from ktxh.evaluation.tests.carry_world import build, fill, put
from ktxh.reports.content import build_content
from ktxh.reports.models import Report


@pytest.fixture
def world(db):
    w = build()
    fill(w, years=("2024", "2025"))
    put(w, "grain", "moi", "2025", 1400)  # the new commune's own 2025 annual figure
    return w


def _names(units):
    return [u.name for u in units]


def test_a_province_table_of_2024_lists_its_old_districts_and_of_2025_its_new_communes(world):
    from ktxh.engine.periods import Period

    assert _names(child_units(world["province"], Period.parse("2024"))) == ["Huyện Một", "Huyện Hai"]
    assert _names(child_units(world["province"], Period.parse("2025"))) == ["Xã Mới", "Xã Sau", "Xã Lẻ"]
    assert _names(child_units(world["province"], Period.parse("2025-H1"))) == ["Huyện Một", "Huyện Hai"]
    # A district dissolved during 2025 shows its old communes for 2025.
    assert _names(child_units(world["d1"], Period.parse("2025"))) == ["Xã An", "Xã Bình", "Xã Cường"]


def test_the_commune_comparison_page_never_mixes_old_and_new_units(world, client_as, admin_user):
    assert [u.name for u in commune_matrix(unit=world["province"], period="2025").units] == ["Xã Mới", "Xã Sau", "Xã Lẻ"]
    page = client_as(admin_user).get("/so-sanh-xa/?unit=98&period=2025").content.decode()
    table = page[page.rindex("</select>"):]  # the unit picker lists both vintages, the table one
    assert "Xã Mới" in table and "Huyện Một" not in table


def test_the_communes_annex_of_a_2025_report_lists_only_the_new_units(world):
    content = build_content(Report(org_unit=world["province"], kind="annual", period="2025"))
    text = repr(content)
    assert "Xã Mới" in text and "Huyện Một" not in text and "Xã An" not in text


def test_a_dissolved_units_target_never_enters_the_new_units_evaluation(world, planner):
    grain = world["grain"]
    target_set(actor=planner, indicator=grain, org_unit=world["an"], period="2024", comparator=">=", value=Decimal(90))
    target_set(actor=planner, indicator=grain, org_unit=world["moi"], period="2026", comparator=">=",
               value=Decimal(1500))
    new_2024 = next(r for r in evaluation_table(unit=world["moi"], period="2024").rows if r.indicator == grain)
    assert new_2024.target is None and new_2024.value.is_carried  # carried value, "chưa có kế hoạch"
    old_2024 = next(r for r in evaluation_table(unit=world["an"], period="2024").rows if r.indicator == grain)
    assert old_2024.target.value == Decimal(90)
    new_2026 = next(r for r in evaluation_table(unit=world["moi"], period="2026").rows if r.indicator == grain)
    assert new_2026.target.value == Decimal(1500)


def test_a_dissolved_units_target_stays_readable_in_its_history(world, planner):
    grain = world["grain"]
    target_set(actor=planner, indicator=grain, org_unit=world["an"], period="2024", comparator=">=", value=Decimal(90))
    target_set(actor=planner, indicator=grain, org_unit=world["an"], period="2024", comparator=">=", value=Decimal(95))
    target = Target.objects.get(indicator=grain, org_unit=world["an"], period="2024")
    assert [h.value for h in target.history.order_by("history_id")] == [Decimal(90), Decimal(95)]
    assert target.org_unit.valid_to is not None  # the unit is dissolved; its plan is still there
