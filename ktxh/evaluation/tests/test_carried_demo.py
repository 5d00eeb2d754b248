"""The worked example of docs/units.md ("Series across the reform"), on the demo data."""

from decimal import Decimal

import pytest

from ktxh.evaluation.table import evaluation_table
from ktxh.orgunits.selectors import unit_resolve

D = Decimal


@pytest.fixture
def khong_lao(db):
    return unit_resolve("03583@2025")


def rows(unit, period):
    return {r.indicator.code: r for r in evaluation_table(unit=unit, period=period, main_only=False).rows}


def test_the_worked_example_of_xa_khong_lao_2024(khong_lao):
    table = rows(khong_lao, "2024")
    grain = table["02.01"]
    assert grain.value.value == D(6285) and grain.carried.result.rule == "sum"
    assert {p.name for p in grain.carried.result.parts} == {"Xã Bản Lang", "Xã Hoang Thèn", "Xã Khổng Lào"}
    assert table["08.07"].value.value == D(820) and table["08.08"].value.value == D(2790)
    poverty = table["08.05"].value.value
    assert round(poverty, 2) == D("29.39")  # 820 / 2.790, not the mean of the rates (29,97)
    assert table["02.01"].target is None  # the old communes' targets are not the new commune's


def test_the_count_of_communes_meeting_the_ntm_standard_is_a_break(khong_lao):
    ntm = rows(khong_lao, "2023")["02.06"]
    assert ntm.value is None and ntm.carried.result.is_break
    assert [p.value for p in ntm.carried.result.parts] == [D(0), D(1), D(0)]  # Hoang Thèn, Khổng Lào, Bản Lang
