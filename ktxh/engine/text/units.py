"""Convert a value from a report's unit to an indicator's unit, or say why it cannot be.

"36.595,83 tấn" fits an indicator in tấn as is; "73,25 tỷ đồng" becomes 73.250 in an
indicator kept in triệu đồng; "37 nghìn lượt khách" becomes 37.000 lượt. A rate never
becomes a count, and % never silently becomes ‰.
"""

from __future__ import annotations

import re
from contextlib import suppress
from decimal import Decimal

from .fold import fold

_SCALES = {"nghin": Decimal(10**3), "ngan": Decimal(10**3), "van": Decimal(10**4),
           "trieu": Decimal(10**6), "ty": Decimal(10**9)}  # fmt: skip
# units of one physical family, in a common base
_FAMILIES = {
    "ha": ("area", Decimal(10000)), "m2": ("area", Decimal(1)), "km2": ("area", Decimal(10**6)),
    "km": ("length", Decimal(1000)), "m": ("length", Decimal(1)),
    "tan": ("mass", Decimal(1000)), "ta": ("mass", Decimal(100)), "kg": ("mass", Decimal(1)),
    "kwh": ("energy", Decimal(1)), "mwh": ("energy", Decimal(1000)), "gwh": ("energy", Decimal(10**6)),
}
# count nouns that are the same unit written differently ("lượt khách" = "lượt")
_COUNT_SYNONYMS = {"luot khach": "luot", "luot nguoi": "luot", "luot du khach": "luot",
                   "ho dan": "ho", "ho gia dinh": "ho", "bac sy": "bac si",
                   "lao dong": "nguoi", "nguoi lao dong": "nguoi", "tan binh": "nguoi",
                   "xa, thi tran": "xa", "xa, phuong, thi tran": "xa",
                   "huyen, thanh pho": "huyen", "huyen, thi xa": "huyen", "huyen, thi": "huyen",
                   "huyen, thi xa, thanh pho": "huyen", "huyen, thanh pho, thi xa": "huyen"}  # fmt: skip


_RATES = {"%", "‰", "%/năm"}
_IMPLIED_PER = {"nguoi", "nam"}


class UnitMismatch(ValueError):
    """The two units measure different things; the message says which, in Vietnamese."""


def _split(unit: str) -> tuple[Decimal, str]:
    words = fold(unit).replace("²", "2").replace("³", "3").split()
    scale = Decimal(1)
    while words and words[0] in _SCALES:
        scale *= _SCALES[words.pop(0)]
    base = re.sub(r"\s*/\s*", "/", " ".join(words))
    head, _, per = base.partition("/")
    head = _COUNT_SYNONYMS.get(head, head)
    return scale, f"{head}/{per}" if per else head


def is_rate(unit: str | None) -> bool:
    """"%", "‰", "%/năm": a share or a growth, never a count or an amount."""
    return bool(unit) and unit.strip() in _RATES


def _unsaid_dropped(from_unit: str, to_unit: str) -> str:
    """``to_unit`` without the "per head" / "per year" that ``from_unit`` leaves unsaid; a per that
    only the figure says ("5 triệu đồng/người" for a total in tỷ đồng) stays a mismatch."""
    said = {fold(p) for p in re.split(r"\s*/\s*", from_unit.strip())[1:]}
    head, *per = re.split(r"\s*/\s*", to_unit.strip())
    return "/".join([head, *(p for p in per if fold(p) in said or fold(p) not in _IMPLIED_PER)])


def same_measure(from_unit: str, to_unit: str) -> bool:
    """The two units measure one thing (``convert_measure`` succeeds)."""
    try:
        convert_measure(Decimal(1), from_unit, to_unit)
    except UnitMismatch:
        return False
    return True


def convert_measure(value: Decimal, from_unit: str | None, to_unit: str | None) -> Decimal:
    """``convert``, "per head" and "per year" left unsaid allowed: an income "54 triệu đồng/năm" or
    "72 triệu đồng" of "Thu nhập bình quân đầu người" (triệu đồng/người/năm), whose name says the
    head and whose report the year. Raises the UnitMismatch of the units as written."""
    try:
        return convert(value, from_unit, to_unit)
    except UnitMismatch:
        if from_unit and to_unit:
            with suppress(UnitMismatch):
                return convert(value, from_unit, _unsaid_dropped(from_unit, to_unit))
        raise


def convert(value: Decimal, from_unit: str | None, to_unit: str | None) -> Decimal:
    """``value`` in ``from_unit`` expressed in ``to_unit``; raises UnitMismatch."""
    if not to_unit or not from_unit:
        raise UnitMismatch(
            f"Không rõ đơn vị ({from_unit or 'số liệu không có đơn vị'} → {to_unit or 'chỉ tiêu chưa có đơn vị'})."
        )
    if from_unit.strip() == to_unit.strip() or {from_unit.strip(), to_unit.strip()} == {"%", "%/năm"}:
        return value  # "giảm bình quân 6,7%/năm": the yearly rate, in the rate's own unit
    rates = {"%", "‰"}
    if from_unit in rates or to_unit in rates:
        raise UnitMismatch(f"Số liệu ghi “{from_unit}” nhưng chỉ tiêu tính bằng “{to_unit}”: không quy đổi.")
    f_scale, f_base = _split(from_unit)
    t_scale, t_base = _split(to_unit)
    if f_base == t_base:
        return value * f_scale / t_scale
    f_head, _, f_per = f_base.partition("/")
    t_head, _, t_per = t_base.partition("/")
    f_fam, t_fam = _FAMILIES.get(f_head), _FAMILIES.get(t_head)
    if f_fam and t_fam and f_fam[0] == t_fam[0] and f_per == t_per:
        return value * f_scale * f_fam[1] / (t_scale * t_fam[1])
    raise UnitMismatch(f"Đơn vị “{from_unit}” không quy đổi được sang “{to_unit}” của chỉ tiêu.")
