"""Carry a series across the 2025 reform, and roll old units up to their parent.

Two questions, one vocabulary (the indicator's ``Aggregation``, see aggregate.py):

* ``carry``: a new unit's value for a period before 1 July 2025, computed from the
  old units it was formed from (merge, or the stated share of a split old unit);
* ``roll_up``: an old province's (or district's) value for an old year, computed
  from its old children, complete only when every child has data.

Nothing is ever guessed: what cannot be computed exactly is either *incomplete*
(data is missing, or a split unit has no stated share: the units are named) or a
*break* ("chuỗi số liệu gián đoạn": the rule itself cannot carry the indicator,
e.g. a count of communes meeting a standard across a merge). ``value`` is set only
for a complete, unbroken result; ``partial_value`` is what the available parts give.
Pure Python, exact ``Decimal``; docs/units.md has the worked example.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum
from typing import NamedTuple

from .aggregate import aggregate
from .evaluate import PRECISION
from .semantics import Aggregation, MeasureKind

__all__ = ["BREAK_LABEL", "CarryResult", "CarryRule", "Part", "Source", "carry", "ratio_scale", "roll_up"]

BREAK_LABEL = "chuỗi số liệu gián đoạn"
_ONE = Decimal(1)
_HUNDRED = Decimal(100)
_SCALES = {MeasureKind.RATE_PCT: _HUNDRED, MeasureKind.RATE_PERMILLE: Decimal(1000)}


class CarryRule(StrEnum):
    """How a carried figure was obtained (the JSON contract's ``carry_rule``)."""

    SUM = "sum"  # Σ value × share
    RATIO = "ratio"  # Σ numerator × share / Σ denominator × share, times the rate's scale
    WEIGHTED_MEAN = "weighted_mean"  # Σ value × weight × share / Σ weight × share
    UNCHANGED = "unchanged"  # one whole predecessor: its own value, whatever the indicator
    BREAK = "break"  # not carriable exactly: chuỗi số liệu gián đoạn

    @property
    def label_vi(self) -> str:
        return {
            "sum": "cộng dồn",
            "ratio": "tính lại từ tử số và mẫu số",
            "weighted_mean": "bình quân gia quyền",
            "unchanged": "giữ nguyên số liệu của đơn vị cũ",
            "break": BREAK_LABEL,
        }[self.value]


_RULES = {Aggregation.SUM: CarryRule.SUM, Aggregation.RATIO: CarryRule.RATIO,
          Aggregation.WEIGHTED_MEAN: CarryRule.WEIGHTED_MEAN}


class Source(NamedTuple):
    """One old unit's figures for the indicator and period (immutable; a named tuple, not
    a frozen dataclass: one is made per old unit and carried figure, bench/units.py).

    ``share``: the part of the old unit that went into the new one, 0 < share ≤ 1;
    1 for a whole unit (merge); None for a split old unit without a stated share.
    ``numerator``/``denominator`` are the values of the indicator's declared
    numerator and denominator indicators (RATIO), ``weight`` the weight (WEIGHTED_MEAN).
    """

    code: str
    name: str
    value: Decimal | None
    share: Decimal | None = _ONE
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    weight: Decimal | None = None


# What one old unit contributed (provenance): its Source as given (a roll-up's with share 1).
Part = Source


@dataclass(frozen=True)
class CarryResult:
    rule: CarryRule
    value: Decimal | None  # set only when complete and not a break
    complete: bool
    parts: tuple[Part, ...] = ()
    partial_value: Decimal | None = None  # over the parts that had data
    missing: tuple[str, ...] = ()  # names of units without the data the rule needs
    unshared: tuple[str, ...] = ()  # names of split units without a stated share
    reason: str = ""  # Vietnamese, for people: why incomplete or broken
    aggregation: Aggregation = Aggregation.NONE

    @property
    def is_break(self) -> bool:
        return self.rule is CarryRule.BREAK

    @property
    def carried_from(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.parts)


def ratio_scale(kind: MeasureKind | str) -> Decimal:
    """What numerator / denominator is multiplied by: 100 for a % rate, 1.000 for ‰,
    1 for a per-capita level (triệu đồng/người)."""
    if kind in _SCALES:
        return _SCALES[kind]
    MeasureKind(kind)  # an unknown kind is an error, not a scale of 1
    return _ONE


def _aggregation(method: Aggregation | str) -> Aggregation:
    # called once per carried figure: skip the enum lookup when it is one already
    return method if type(method) is Aggregation else Aggregation(method)


def _names(names: Sequence[str]) -> str:
    return ", ".join(names)


def _check_share(s: Source) -> None:
    if s.share is not None and not (0 < s.share <= 1):
        raise ValueError(f"Tỷ lệ chia tách của {s.name} phải lớn hơn 0 và không quá 1 (đang là {s.share}).")


def _break(method: Aggregation, sources: Sequence[Source], reason: str) -> CarryResult:
    return CarryResult(CarryRule.BREAK, None, False, tuple(sources),
                       reason=f"{BREAK_LABEL}: {reason}", aggregation=method)


def _compute(method: Aggregation, sources: Sequence[Source], shares: Sequence[Decimal],
             scale: Decimal) -> tuple[Decimal | None, list[str]]:
    """The figure over the sources with every input the rule needs, and the names
    of those without. ``shares`` are the effective shares (1 for whole units)."""
    missing: list[str] = []
    with localcontext() as ctx:
        ctx.prec = PRECISION
        if method is Aggregation.SUM:
            vals = []
            for s, sh in zip(sources, shares, strict=True):
                if s.value is None:
                    missing.append(s.name)
                else:
                    vals.append(s.value * sh)
            return aggregate(Aggregation.SUM, vals), missing
        if method is Aggregation.RATIO:
            nums, dens = [], []
            for s, sh in zip(sources, shares, strict=True):
                if s.numerator is None or s.denominator is None:
                    missing.append(s.name)
                else:
                    nums.append(s.numerator * sh)
                    dens.append(s.denominator * sh)
            pct = aggregate(Aggregation.RATIO, [None] * len(nums), numerators=nums, denominators=dens)
            return (None if pct is None else pct / _HUNDRED * scale), missing
        if method is Aggregation.WEIGHTED_MEAN:
            vals, weights = [], []
            for s, sh in zip(sources, shares, strict=True):
                if s.value is None or s.weight is None:
                    missing.append(s.name)
                else:
                    vals.append(s.value)
                    weights.append(s.weight * sh)
            return aggregate(Aggregation.WEIGHTED_MEAN, vals, weights=weights), missing
    raise ValueError(f"Không tính được theo phương pháp {method}")  # pragma: no cover - callers filter


def _result(rule: CarryRule, method: Aggregation, sources: Sequence[Source], shares: Sequence[Decimal],
            scale: Decimal, unshared: list[str], what: str) -> CarryResult:
    partial, missing = _compute(method, sources, shares, scale)
    parts = tuple(sources)
    reasons = []
    if missing:
        need = {Aggregation.RATIO: "tử số và mẫu số", Aggregation.WEIGHTED_MEAN: "giá trị và trọng số"}
        reasons.append(f"thiếu {need.get(method, 'số liệu')} của {_names(missing)}")
    if unshared:
        reasons.append(f"chưa có tỷ lệ chia tách của {_names(unshared)}")
    if partial is None and not reasons:
        reasons.append("mẫu số hoặc tổng trọng số bằng 0")
    complete = not reasons
    reason = "" if complete else f"{what} chưa đầy đủ: " + "; ".join(reasons)
    return CarryResult(rule, partial if complete else None, complete, parts, partial,
                       tuple(missing), tuple(unshared), reason, method)


def carry(
    method: Aggregation | str,
    sources: Sequence[Source],
    *,
    kind: MeasureKind | str = MeasureKind.LEVEL,
    has_ratio_parts: bool = True,
    has_weights: bool = True,
) -> CarryResult:
    """The value of a new unit from its predecessors' ``sources``.

    One whole predecessor: its value, unchanged (exact for every indicator).
    Otherwise by ``method``: SUM and WEIGHTED_MEAN and RATIO as in ``roll_up``, each
    old unit counted with its share; COUNT_MEETING and NONE, or a split old unit
    with a stated share for such an indicator, are a break. ``has_ratio_parts`` /
    ``has_weights``: whether the catalog declares the numerator and denominator /
    the weight of the indicator (without them a rate cannot be carried: a break).
    """
    method = _aggregation(method)
    if not sources:
        return CarryResult(CarryRule.BREAK, None, False, reason=f"{BREAK_LABEL}: không có đơn vị tiền thân",
                           aggregation=method)
    unshared = []
    shares = []
    for s in sources:
        if s.share is None:
            unshared.append(s.name)
            shares.append(_ONE)
        else:
            _check_share(s)
            shares.append(s.share)
    if len(sources) == 1 and sources[0].share == _ONE:
        s = sources[0]
        if s.value is None:
            return CarryResult(CarryRule.UNCHANGED, None, False, (s,), None, (s.name,), (),
                               f"Số liệu chuyển từ đơn vị cũ chưa đầy đủ: thiếu số liệu của {s.name}", method)
        return CarryResult(CarryRule.UNCHANGED, s.value, True, (s,), s.value, aggregation=method)
    if method in (Aggregation.COUNT_MEETING, Aggregation.NONE):
        why = ("số đơn vị đạt một điều kiện không cộng được khi các đơn vị được sáp nhập"
               if method is Aggregation.COUNT_MEETING else
               "chỉ tiêu không có cách tổng hợp (tốc độ tăng, mức thay đổi) nên không tính lại được cho đơn vị mới")
        return _break(method, sources, why)
    if method is Aggregation.RATIO and not has_ratio_parts:
        return _break(method, sources, "chỉ tiêu tỷ lệ chưa khai báo tử số và mẫu số, không lấy trung bình các tỷ lệ")
    if method is Aggregation.WEIGHTED_MEAN and not has_weights:
        return _break(method, sources, "chỉ tiêu bình quân chưa khai báo trọng số")
    return _result(_RULES[method], method, sources, shares, ratio_scale(kind), unshared, "Số liệu chuyển từ đơn vị cũ")


def roll_up(
    method: Aggregation | str,
    children: Sequence[Source],
    *,
    kind: MeasureKind | str = MeasureKind.LEVEL,
    has_ratio_parts: bool = True,
    has_weights: bool = True,
) -> CarryResult:
    """A parent's value from all its children (same vintage): complete only when
    every child has what the rule needs, else incomplete naming the missing ones.

    SUM: Σ values. RATIO: Σ numerators / Σ denominators × scale. WEIGHTED_MEAN:
    Σ v·w / Σ w. COUNT_MEETING: the children's counts add up (the counted units are
    the same). NONE: a break. Shares are ignored (a child belongs wholly to its parent).
    """
    method = _aggregation(method)
    whole = [c if c.share == _ONE else c._replace(share=_ONE) for c in children]
    if not whole:
        return CarryResult(CarryRule.BREAK, None, False, reason="Không có đơn vị cấp dưới", aggregation=method)
    if method is Aggregation.NONE:
        return _break(method, whole, "chỉ tiêu không có cách tổng hợp từ các đơn vị cấp dưới")
    if method is Aggregation.RATIO and not has_ratio_parts:
        return _break(method, whole, "chỉ tiêu tỷ lệ chưa khai báo tử số và mẫu số, không lấy trung bình các tỷ lệ")
    if method is Aggregation.WEIGHTED_MEAN and not has_weights:
        return _break(method, whole, "chỉ tiêu bình quân chưa khai báo trọng số")
    compute = Aggregation.SUM if method is Aggregation.COUNT_MEETING else method
    result = _result(_RULES[compute], compute, whole, [_ONE] * len(whole), ratio_scale(kind), [],
                     "Tổng hợp từ các đơn vị cấp dưới")
    return CarryResult(result.rule, result.value, result.complete, result.parts, result.partial_value,
                       result.missing, result.unshared, result.reason, method)

