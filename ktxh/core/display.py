"""How evaluation figures are written for people: shared by pages, terminal and documents."""

import unicodedata

from ktxh.engine.evaluate import TargetSpec
from ktxh.engine.numbers import format_number
from ktxh.engine.semantics import Comparator, TargetBasis
from ktxh.engine.targets import prior_label_vi, relative_target_vi

# A demo figure that is not a published one says so in its source ("Số liệu minh họa
# (không phải số liệu công bố)", ktxh/demo/data/README.md); every page and document that
# shows such a figure, or one computed from it, carries this label (Row.illustrative).
ILLUSTRATIVE_LABEL = "Số liệu minh họa (không phải số liệu công bố)"
_ILLUSTRATIVE_MARKS = ("minh họa", "minh hoạ")  # both placements of the tone mark


def is_illustrative(source: str | None) -> bool:
    folded = unicodedata.normalize("NFC", source or "").casefold()
    return any(mark in folded for mark in _ILLUSTRATIVE_MARKS)


COMPARATOR_SIGNS = {"=": "", ">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< ", "maintain": "duy trì ", "range": ""}
# the engine's excess and change units (docs/evaluation.md §3)
POINT_LABELS = {"pp": "điểm %", "permille_points": "điểm phần nghìn"}


def _signed(value, decimals: int | None = 2) -> str:
    text = format_number(value, decimals)
    return f"+{text}" if value > 0 else text.replace("-", "−")


def points_label(indicator_unit: str) -> str:
    """Percentage points for % rates, per-mille points for ‰ rates."""
    return "điểm phần nghìn" if "‰" in indicator_unit else "điểm %"


def target_text(target, indicator=None) -> str:
    """"≥ 36.100", "< 30", "300–500"; a target stated against last year as people wrote
    it: "tăng 10% so với năm 2023" (``indicator`` gives its unit; default target.indicator)."""
    if target is None or (target.value is None and target.value_high is None):
        return ""
    basis = TargetBasis(getattr(target, "basis", TargetBasis.ABSOLUTE))
    if basis.is_relative:
        indicator = indicator if indicator is not None else getattr(target, "indicator", None)
        spec = TargetSpec(Comparator(target.comparator), target.value, target.value_high, basis)
        unit, kind = (indicator.unit, indicator.measure_kind) if indicator is not None else ("", "level")
        return relative_target_vi(spec, unit, kind, prior_label_vi(target.period))
    if target.comparator == "range":
        return f"{format_number(target.value)}–{format_number(target.value_high)}"
    return COMPARATOR_SIGNS.get(target.comparator, "") + format_number(target.value)


def excess_text(evaluation, indicator_unit: str) -> str:
    if evaluation.excess is None:
        return ""
    unit = "%" if evaluation.excess_unit == "%" else POINT_LABELS.get(evaluation.excess_unit,
                                                                      points_label(indicator_unit))
    return f"{_signed(evaluation.excess)} {unit}"


def change_text(evaluation, indicator_unit: str) -> str:
    change = evaluation.change
    if change is None:
        return ""
    if change.rel is not None:
        return f"{_signed(change.rel)} %"
    if change.pp is not None:
        unit = POINT_LABELS.get(getattr(change, "pp_unit", None) or "", points_label(indicator_unit))
        return f"{_signed(change.pp)} {unit}"
    return f"{_signed(change.abs, None)} {indicator_unit}"
