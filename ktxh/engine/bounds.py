"""Hard limits on one stored value: what no path may write (pure Python).

Every value write (the entry grid, the Excel upload, `ktxh load`, accepted report
figures, the NTM publish) is refused with these messages by values.services.value_set;
the entry grid shows the same messages before saving (entry.rules.check_value).
"""

from __future__ import annotations

from decimal import Decimal

from .numbers import NumberOutOfBounds, format_number, storable_number

# Upper bounds of rates; growth and changes may be negative or above 100.
RATE_BOUNDS = {"rate_pct": Decimal(100), "rate_permille": Decimal(1000)}
NON_NEGATIVE = {"level", "count_units", "rate_pct", "rate_permille"}


def value_errors(value: Decimal, *, measure_kind: str, unit: str = "") -> list[str]:
    """Why `value` cannot be stored for an indicator of this measure kind (empty: it can).
    Finite, digits and decimals are the one number gate's (numbers.storable_number)."""
    try:
        storable_number(value)
    except NumberOutOfBounds as error:
        return [str(error)]
    errors = []
    if measure_kind in NON_NEGATIVE and value < 0:
        errors.append("Giá trị không được âm")
    bound = RATE_BOUNDS.get(measure_kind)
    if bound is not None and value > bound:
        errors.append(f"Tỷ lệ phải trong khoảng 0–{format_number(bound)} {unit}".rstrip())
    return errors
