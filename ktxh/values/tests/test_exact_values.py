"""Values come back from the database exactly as they were written, on SQLite
(which stores decimals as 8-byte floats: exact up to 15 significant digits) and on
PostgreSQL (numeric)."""

from decimal import Decimal

import pytest

from ktxh.catalog.models import Indicator
from ktxh.values.models import DataValue
from ktxh.values.services import value_set

pytestmark = pytest.mark.django_db

TRICKY = ["36595.83", "0.1", "0.3", "7367800", "2.14", "0.000001", "123456789.123456", "99999999999999.9",
          "-5.88", "1790878", "43.75", "100.427634"]


@pytest.mark.parametrize("text", TRICKY)
def test_a_value_round_trips_exactly(text, phong_tho):
    grain = Indicator.objects.get(code="02.01")
    if text.startswith("-"):  # a level cannot be negative (engine.bounds): a growth rate can
        grain = Indicator.objects.filter(measure_kind="growth_pct").order_by("code").first()
    value_set(actor=None, indicator=grain, org_unit=phong_tho, period="2040", kind="estimate", value=Decimal(text))
    stored = DataValue.objects.get(indicator=grain, org_unit=phong_tho, period="2040").value
    assert stored == Decimal(text)
