"""Checks on one typed value, before anything is written (pure Python, no Django).

Errors reject the value; warnings (a suspicious jump such as the "nghìn" slip of the
seed reports, domain.md §3) are accepted only when the reporter confirms them with a
comment. The grid, the Excel upload and the API all call `check_value`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from ktxh.engine.bounds import value_errors
from ktxh.engine.numbers import NumberFormatError, format_number, parse_number
from ktxh.engine.rules import jump_ratio

# A value this many times larger (or smaller) than the one it is compared with is
# flagged; 1.000 x is the typical "nghìn" slip, 10 x a misplaced digit.
JUMP_FACTOR = Decimal(10)
SLIP_FACTOR = Decimal(900)


@dataclass
class Check:
    value: Decimal | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_number(raw) -> Decimal:
    """Typed text in Vietnamese notation, or a number cell of a spreadsheet."""
    if isinstance(raw, bool):
        raise NumberFormatError(f"Không đọc được số từ {raw!r}")
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        # A spreadsheet number: its shortest repr is what the user typed (1234.5).
        try:
            value = Decimal(repr(raw))
        except InvalidOperation as exc:
            raise NumberFormatError(f"Không đọc được số từ {raw!r}") from exc
        if not value.is_finite():  # a cell of 1E+400, NaN or -inf
            raise NumberFormatError(f"Không đọc được số từ {raw!r}")
        return value
    return parse_number(str(raw))


def check_value(raw, *, measure_kind: str, unit: str, compare_with: list[tuple[str, Decimal | None]]) -> Check:
    """Type, range and jump checks for one value; `compare_with` is a list of
    (label, earlier value) pairs, e.g. the previous period and the same period last year."""
    result = Check()
    try:
        value = read_number(raw)
    except NumberFormatError:
        result.errors.append(f"'{raw}' không phải là số (viết theo kiểu Việt Nam, ví dụ 1.234,5)")
        return result
    result.errors += value_errors(value, measure_kind=measure_kind, unit=unit)
    result.value = value
    if result.errors:
        return result
    for label, earlier in compare_with:
        if warning := jump_warning(value, earlier, label, unit):
            result.warnings.append(warning)
            break
    return result


def jump_warning(value: Decimal, earlier: Decimal | None, label: str, unit: str) -> str | None:
    ratio = jump_ratio(value, earlier)
    if ratio is None:
        return None
    shown = f"{format_number(earlier)} {unit}".strip()
    if ratio >= SLIP_FACTOR:
        return (f"Giá trị gấp khoảng {format_number(ratio, 0)} lần {label} ({shown}): "
                "có nhầm đơn vị 'nghìn' không?")
    if ratio >= JUMP_FACTOR:
        return f"Giá trị gấp {format_number(ratio, 1)} lần {label} ({shown})"
    if ratio <= 1 / JUMP_FACTOR:
        return f"Giá trị chỉ bằng {format_number(ratio * 100, 2)}% {label} ({shown})"
    return None


def default_round_dates(window_end: date, *, due_days: int, close_days: int) -> tuple[date, date]:
    """Due and close dates counted from the data cut-off (the window's last day)."""
    from datetime import timedelta

    due = window_end + timedelta(days=due_days)
    return due, due + timedelta(days=close_days)
