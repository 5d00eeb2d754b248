"""Every write to reported values goes through here (forms, uploads, imports, API)."""

from decimal import Decimal

from django.db import transaction

from ktxh.catalog.models import Indicator
from ktxh.core.upsert import save_if_changed
from ktxh.data.models import DataValue
from ktxh.engine.periods import Period
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of


@transaction.atomic
def value_set(
    *, actor, indicator: Indicator, org_unit: OrgUnit, period: str, kind: str, value: Decimal,
    raw_text: str = "", comment: str = "", source: str = "", source_quote: str = "",
) -> DataValue:
    """Create or update one value; its history row is written in the same transaction."""
    code = Period.parse(period).code
    if kind not in DataValue.KIND_PRIORITY:
        raise ValueError(f"loại số liệu '{kind}' không hợp lệ")
    row, _ = save_if_changed(
        DataValue,
        lookup={"province": province_of(org_unit), "indicator": indicator, "org_unit": org_unit, "period": code, "kind": kind},
        fields={
            "value": value, "raw_text": raw_text, "comment": comment, "source": source, "source_quote": source_quote,
            "updated_by": actor if getattr(actor, "pk", None) else None,
        },
        actor=actor,
    )
    return row
