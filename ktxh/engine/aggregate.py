"""Roll values of child org units up to a parent (commune -> district -> province).

Rates are recomputed from summed numerators and denominators, never averaged:
after the 2025 merges old series must be re-aggregated to new boundaries
(domain.md §1, "2025 reform"). Missing values (None) are skipped, not zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, localcontext

from .evaluate import PRECISION
from .semantics import Aggregation

__all__ = ["aggregate"]

_HUNDRED = Decimal(100)


def _check_len(name: str, seq: Sequence | None, n: int) -> Sequence:
    if seq is None:
        raise ValueError(f"Thiếu {name} cho phương pháp tổng hợp này")
    if len(seq) != n:
        raise ValueError(f"Số phần tử của {name} ({len(seq)}) khác số giá trị ({n})")
    return seq


def aggregate(
    method: Aggregation,
    values: Sequence[Decimal | None],
    *,
    numerators: Sequence[Decimal | None] | None = None,
    denominators: Sequence[Decimal | None] | None = None,
    weights: Sequence[Decimal | None] | None = None,
    predicate: Callable[[Decimal], bool] | None = None,
) -> Decimal | None:
    """Aggregate ``values`` by ``method``; None when nothing can be computed.

    SUM: sum of present values. RATIO: sum(numerators) / sum(denominators) * 100,
    over units where both are present (``values`` only fixes the length and may be
    the units' own rates). WEIGHTED_MEAN: sum(v * w) / sum(w) over units with both.
    COUNT_MEETING: how many present values satisfy ``predicate``. NONE: None.
    Raises ValueError when a companion sequence has a different length.
    """
    if type(method) is not Aggregation:  # the carry path passes the enum: skip the lookup
        method = Aggregation(method)
    n = len(values)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        if method is Aggregation.SUM:
            present = [v for v in values if v is not None]
            return sum(present, Decimal(0)) if present else None
        if method is Aggregation.RATIO:
            nums = _check_len("tử số", numerators, n)
            dens = _check_len("mẫu số", denominators, n)
            pairs = [(a, b) for a, b in zip(nums, dens, strict=True) if a is not None and b is not None]
            total_den = sum((b for _, b in pairs), Decimal(0))
            if not pairs or total_den == 0:
                return None
            return sum((a for a, _ in pairs), Decimal(0)) * _HUNDRED / total_den
        if method is Aggregation.WEIGHTED_MEAN:
            ws = _check_len("trọng số", weights, n)
            pairs = [(v, w) for v, w in zip(values, ws, strict=True) if v is not None and w is not None]
            total_w = sum((w for _, w in pairs), Decimal(0))
            if not pairs or total_w == 0:
                return None
            return sum((v * w for v, w in pairs), Decimal(0)) / total_w
        if method is Aggregation.COUNT_MEETING:
            if predicate is None:
                raise ValueError("Thiếu điều kiện (predicate) để đếm số đơn vị đạt")
            return Decimal(sum(1 for v in values if v is not None and predicate(v)))
        return None
