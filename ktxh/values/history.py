"""A value's history as people read it: who changed what, when, old -> new.

Read from the django-simple-history rows written in the same transaction as every
save; nothing in the app edits or deletes them.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ktxh.values.models import DataValue

ACTIONS = {"+": "Nhập mới", "~": "Sửa", "-": "Xóa"}


@dataclass
class Change:
    at: datetime
    who: str
    action: str
    old_value: Decimal | None
    new_value: Decimal | None
    old_kind: str
    new_kind: str
    comment: str
    source: str


def value_history(*, indicator, unit, period: str) -> list[Change]:
    """Every recorded change of the values of one indicator, unit and period, newest first."""
    records = (DataValue.history.filter(indicator=indicator, org_unit=unit, period=period)
               .select_related("history_user").order_by("id", "history_date", "history_id"))
    kinds = dict(DataValue.Kind.choices)
    previous: dict[int, object] = {}
    changes = []
    for rec in records:
        before = previous.get(rec.id)
        user = rec.history_user
        changes.append(Change(
            at=rec.history_date,
            who=(user.get_full_name() or user.username) if user else "hệ thống (nạp dữ liệu)",
            action=ACTIONS.get(rec.history_type, rec.history_type),
            old_value=before.value if before else None, new_value=rec.value,
            old_kind=kinds.get(before.kind, "") if before else "", new_kind=kinds.get(rec.kind, rec.kind),
            comment=rec.comment, source=rec.source,
        ))
        previous[rec.id] = rec
    return sorted(changes, key=lambda c: c.at, reverse=True)
