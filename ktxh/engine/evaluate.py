"""Judge a value against its target: status, % of plan, excess, change, summaries.

All arithmetic is exact Decimal in a 50-digit local context; nothing is rounded
here, callers round for display. The rules are documented in docs/evaluation.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from .numbers import Quantity
from .ratios import PRECISION, pct_of_plan
from .semantics import (
    Comparator,
    Direction,
    ExcessMode,
    MeasureKind,
    Status,
    TargetBasis,
    default_excess_mode,
    points_unit,
    shows_pct_of_plan,
)

__all__ = [
    "PRECISION",
    "Change",
    "Evaluation",
    "Summary",
    "TargetSpec",
    "evaluate",
    "summarize",
    "summary_sentence_vi",
]

_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class TargetSpec:
    """A plan value with its operator; RANGE uses ``value`` as low and ``high`` as high.

    With a relative ``basis`` the bounds are signed changes from last year's value
    ("tăng 8%" = +8 with PRIOR_PCT, "giảm 5,43 điểm %" = -5,43 with PRIOR_POINTS);
    ``resolve`` turns them into plan values once that value is known."""

    comparator: Comparator
    value: Decimal | None
    high: Decimal | None = None
    basis: TargetBasis = TargetBasis.ABSOLUTE

    @classmethod
    def from_quantity(cls, q: Quantity) -> TargetSpec:
        """Build from a numbers.Quantity; bounds are multiplied by its scale word."""
        comparator = Comparator.from_text(q.comparator)
        if comparator is Comparator.RANGE:
            assert q.low is not None and q.high is not None
            return cls(comparator, q.low * q.scale, q.high * q.scale)
        assert q.value is not None
        return cls(comparator, q.value * q.scale)

    def resolve(self, prior: Decimal | None) -> TargetSpec | None:
        """The absolute target: relative bounds applied to ``prior`` (None when it is
        missing). A change in % is taken of |prior|, so "tăng" always raises the plan."""
        basis = TargetBasis(self.basis)
        if not basis.is_relative:
            return self
        if prior is None:
            return None

        def bound(delta: Decimal | None) -> Decimal | None:
            if delta is None:
                return None
            if basis is TargetBasis.PRIOR_POINTS:
                return prior + delta
            with localcontext() as ctx:
                ctx.prec = PRECISION
                return prior + abs(prior) * delta / _HUNDRED

        return TargetSpec(self.comparator, bound(self.value), bound(self.high))


@dataclass(frozen=True)
class Change:
    """Change against a prior value (same period last year, or the previous year-end)."""

    abs: Decimal | None  # value - prior, always
    rel: Decimal | None  # (value - prior) / prior * 100, LEVEL/COUNT_UNITS only, prior != 0
    pp: Decimal | None  # value - prior, rate/change/growth kinds only
    pp_unit: str | None = None  # "pp" or "permille_points" when ``pp`` is set


@dataclass(frozen=True)
class Evaluation:
    status: Status
    pct_of_plan: Decimal | None  # value / plan * 100, only where it means something (§2)
    excess: Decimal | None  # positive = better than plan, in excess_unit
    excess_unit: str | None  # "%" (relative), "pp" (points) or "permille_points" (‰ points)
    change: Change | None
    progress: Decimal | None  # partial periods only: share of the annual plan, in %
    plan: Decimal | None = None  # the plan judged against (a relative target resolved)
    plan_high: Decimal | None = None  # a range's upper bound, resolved likewise


def _nz(x: Decimal | None) -> Decimal | None:
    """No negative zero: a gap of exactly nothing is 0, not -0."""
    return x.copy_abs() if x is not None and x == 0 else x


def _change(value: Decimal, prior: Decimal | None, kind: MeasureKind) -> Change | None:
    if prior is None:
        return None
    diff = _nz(value - prior)
    if kind.is_rate_like:
        return Change(abs=diff, rel=None, pp=diff, pp_unit=points_unit(kind))
    rel = _nz(diff * _HUNDRED / prior) if prior != 0 else None
    return Change(abs=diff, rel=rel, pp=None)


def _sense(comparator: Comparator, direction: Direction) -> int:
    """+1 if higher is better, -1 if lower is better, 0 if only equality counts.
    A strict bound says its side itself; "≥" (the loaders' default) yields to a
    declared "down" direction."""
    if comparator is Comparator.GT:
        return 1
    if comparator is Comparator.LT:
        return -1
    if comparator is Comparator.LE or direction is Direction.DOWN:
        return -1
    if direction is Direction.UP:
        return 1
    if comparator is Comparator.GE:  # "trên X" with no declared direction still means up
        return 1
    return 0


def _gap(value: Decimal, bound: Decimal, sense: int, mode: ExcessMode) -> Decimal | None:
    """Signed distance from ``bound``, positive = better; None if relative to zero."""
    if sense == 0:
        points = -abs(value - bound)  # off target either way is worse
    else:
        points = (value - bound) * sense
    if mode is ExcessMode.POINTS:
        return _nz(points)
    return _nz(points * _HUNDRED / abs(bound)) if bound != 0 else None


def _verdict(value: Decimal, plan: Decimal, sense: int, tol: Decimal, strict: bool = False) -> Status:
    if strict:  # "trên X" / "dưới X": X itself does not meet the plan
        better = (value - plan) * sense
        if better <= 0:
            return Status.NOT_MET
        return Status.MET if better <= tol else Status.EXCEEDED
    if abs(value - plan) <= tol:
        return Status.MET
    if sense != 0 and (value - plan) * sense > 0:
        return Status.EXCEEDED
    return Status.NOT_MET


def _range(
    value: Decimal, low: Decimal, high: Decimal, direction: Direction, mode: ExcessMode, tol: Decimal
) -> tuple[Status, Decimal | None]:
    if low - tol <= value <= high + tol:
        status = Status.MET
    elif value > high:
        status = Status.EXCEEDED if direction is Direction.UP else Status.NOT_MET
    else:
        status = Status.EXCEEDED if direction is Direction.DOWN else Status.NOT_MET
    if low <= value <= high:
        return status, Decimal(0)
    bound = high if value > high else low
    sense = {Direction.UP: 1, Direction.DOWN: -1}.get(direction, 0)
    return status, _gap(value, bound, sense, mode)


def evaluate(
    *,
    value: Decimal | None,
    target: TargetSpec | None,
    kind: MeasureKind,
    direction: Direction,
    prior: Decimal | None = None,
    partial: bool = False,
    excess_mode: ExcessMode | None = None,
    tolerance: Decimal = Decimal(0),
    baseline: Decimal | None = None,
) -> Evaluation:
    """Evaluate one value. ``partial`` marks a year-to-date value against the annual plan;
    ``tolerance`` (>= 0, in the indicator's unit) is how close to the plan counts as equal.
    ``baseline`` is the value a target stated against last year is resolved against: last
    year's value for the target's own period. It defaults to ``prior`` for a full period;
    a partial period must pass it (its ``prior`` is last year's part, not last year)."""
    if tolerance < 0:
        raise ValueError("Ngưỡng dung sai phải không âm")
    if value is None:
        return Evaluation(Status.NO_DATA, None, None, None, None, None)
    kind, direction = MeasureKind(kind), Direction(direction)
    mode = ExcessMode(excess_mode) if excess_mode is not None else default_excess_mode(kind)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        change = _change(value, prior, kind)
        comparator = Comparator(target.comparator) if target is not None else None
        if target is None or comparator is None or target.value is None or (
                comparator is Comparator.RANGE and target.high is None):
            return Evaluation(Status.NO_TARGET, None, None, None, change, None)
        if baseline is None and not partial:
            baseline = prior
        resolved = target.resolve(baseline)
        if resolved is None:  # stated against last year, whose value is missing
            return Evaluation(Status.NO_PRIOR, None, None, None, change, None)
        assert resolved.value is not None
        if comparator is Comparator.RANGE:
            assert resolved.high is not None
            low, high = min(resolved.value, resolved.high), max(resolved.value, resolved.high)
            status, excess = _range(value, low, high, direction, mode, tolerance)
            if partial:
                status = Status.IN_PROGRESS
                excess = None if not kind.is_rate_like else excess
            return Evaluation(status, None, _nz(excess), mode.unit(kind) if excess is not None else None,
                              change, None, low, high)
        plan = resolved.value
        pct = pct_of_plan(value, plan) if shows_pct_of_plan(kind, plan) else None
        sense = _sense(comparator, direction)
        excess = _gap(value, plan, sense, mode)
        if partial:
            if not kind.is_rate_like:  # a share of the annual plan is not an excess
                excess = None
            status, progress = Status.IN_PROGRESS, pct
        else:
            status = _verdict(value, plan, sense, tolerance, comparator.is_strict)
            progress = None
        unit = mode.unit(kind) if excess is not None else None
        return Evaluation(status, pct, excess, unit, change, progress, plan)


# ------------------------------------------------------------------ summaries


@dataclass(frozen=True)
class Summary:
    """Counts for the "09/10 nhóm ... 37/38 chỉ tiêu thành phần ..." sentences."""

    groups_total: int
    groups_achieved: int
    components_total: int
    components_achieved: int
    components_not_met: int
    not_met_names: tuple[str, ...]
    groups_not_met: int = 0
    not_met_groups: tuple[str, ...] = ()
    components_no_data: int = 0
    components_no_target: int = 0
    components_in_progress: int = 0
    components_no_prior: int = 0


def summarize(groups: Sequence[tuple[str, Sequence[tuple[str, Status]]]]) -> Summary:
    """Count evaluable components (EXCEEDED, MET, NOT_MET) and groups that have any.

    A group is achieved only when all its evaluable components are (domain.md §4).
    """
    g_total = g_ok = c_total = c_ok = no_data = no_target = in_progress = no_prior = 0
    not_met: list[str] = []
    bad_groups: list[str] = []
    for group_name, components in groups:
        evaluable = [(n, Status(s)) for n, s in components if Status(s).is_evaluable]
        for _, s in components:
            s = Status(s)
            no_data += s is Status.NO_DATA
            no_target += s is Status.NO_TARGET
            in_progress += s is Status.IN_PROGRESS
            no_prior += s is Status.NO_PRIOR
        if not evaluable:
            continue
        g_total += 1
        failed = [n for n, s in evaluable if not s.is_achieved]
        c_total += len(evaluable)
        c_ok += len(evaluable) - len(failed)
        not_met.extend(failed)
        if failed:
            bad_groups.append(group_name)
        else:
            g_ok += 1
    return Summary(
        groups_total=g_total,
        groups_achieved=g_ok,
        components_total=c_total,
        components_achieved=c_ok,
        components_not_met=len(not_met),
        not_met_names=tuple(not_met),
        groups_not_met=len(bad_groups),
        not_met_groups=tuple(bad_groups),
        components_no_data=no_data,
        components_no_target=no_target,
        components_in_progress=in_progress,
        components_no_prior=no_prior,
    )


def _lower_first(name: str) -> str:
    name = name.strip()
    return name[:1].lower() + name[1:]


def summary_sentence_vi(s: Summary) -> str:
    """The reports' own summary form with two-digit counts, e.g. "09/10 nhóm chỉ tiêu
    chủ yếu đạt và vượt; 01/10 nhóm không đạt. 37/38 chỉ tiêu thành phần đạt và vượt;
    01/38 chỉ tiêu không đạt (tỷ lệ che phủ rừng)." Zero "không đạt" clauses are omitted."""
    parts = []
    if s.groups_total:
        g = f"{s.groups_achieved:02d}/{s.groups_total:02d} nhóm chỉ tiêu chủ yếu đạt và vượt"
        g_bad = s.groups_total - s.groups_achieved
        if g_bad:
            g += f"; {g_bad:02d}/{s.groups_total:02d} nhóm không đạt"
        parts.append(g + ".")
    if s.components_total:
        c = (
            f"{s.components_achieved:02d}/{s.components_total:02d} "
            "chỉ tiêu thành phần đạt và vượt"
        )
        if s.components_not_met:
            names = ", ".join(_lower_first(n) for n in s.not_met_names)
            c += f"; {s.components_not_met:02d}/{s.components_total:02d} chỉ tiêu không đạt"
            c += f" ({names})" if names else ""
        parts.append(c + ".")
    return " ".join(parts)
