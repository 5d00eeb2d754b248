"""How evaluation figures are written for people: shared by pages, terminal and documents."""

from ktxh.engine.numbers import format_number

COMPARATOR_SIGNS = {"=": "", ">=": "≥ ", "<=": "≤ ", "maintain": "duy trì ", "range": ""}


def _signed(value, decimals: int | None = 2) -> str:
    text = format_number(value, decimals)
    return f"+{text}" if value > 0 else text.replace("-", "−")


def points_label(indicator_unit: str) -> str:
    """Percentage points for % rates, per-mille points for ‰ rates."""
    return "điểm ‰" if "‰" in indicator_unit else "điểm %"


def target_text(target) -> str:
    if target is None or (target.value is None and target.value_high is None):
        return ""
    if target.comparator == "range":
        return f"{format_number(target.value)}–{format_number(target.value_high)}"
    return COMPARATOR_SIGNS.get(target.comparator, "") + format_number(target.value)


def excess_text(evaluation, indicator_unit: str) -> str:
    if evaluation.excess is None:
        return ""
    unit = "%" if evaluation.excess_unit == "%" else points_label(indicator_unit)
    return f"{_signed(evaluation.excess)} {unit}"


def change_text(evaluation, indicator_unit: str) -> str:
    change = evaluation.change
    if change is None:
        return ""
    if change.rel is not None:
        return f"{_signed(change.rel)} %"
    if change.pp is not None:
        return f"{_signed(change.pp)} {points_label(indicator_unit)}"
    return f"{_signed(change.abs, None)} {indicator_unit}"
