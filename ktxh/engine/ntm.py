"""New Rural Development (nông thôn mới) figures from the commune × criterion matrix.

Pure Python, exact Decimal. A cell is True (đạt), False (không đạt) or None (chưa
rõ: the report does not say). Unknown cells are never guessed: every count is a
range [known, possible] — `low` counts only what the matrix proves, `high` assumes
every unknown cell is met. When nothing is unknown the two are equal.

Formulas (docs/programmes.md §NTM):
- criteria met by a commune = number of True cells (range: + unknown cells);
- average per commune = Σ criteria met / number of communes (thị trấn excluded);
- band counts (19 / 15–18 / 10–14 / < 10): communes whose count lies in the band;
- communes meeting criterion k = number of True cells in column k.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from .evaluate import PRECISION

__all__ = [
    "COMMUNE_BANDS",
    "Band",
    "CommuneCount",
    "Finding",
    "MatrixFigures",
    "Stated",
    "compare_stated",
    "goal_progress",
    "matrix_figures",
    "village_band_counts",
]


@dataclass(frozen=True)
class Band:
    label: str
    low: int
    high: int  # inclusive

    def contains(self, n: int) -> bool:
        return self.low <= n <= self.high


def commune_bands(size: int) -> tuple[Band, ...]:
    """The reports' bands for a set of `size` criteria: all, 15..size-1, 10–14, under 10."""
    return (
        Band(str(size), size, size),
        Band(f"15-{size - 1}", 15, size - 1),
        Band("10-14", 10, 14),
        Band("<10", 0, 9),
    )


COMMUNE_BANDS = commune_bands(19)


@dataclass(frozen=True)
class CommuneCount:
    code: str
    name: str
    met: int
    not_met: int
    unknown: int

    @property
    def possible(self) -> int:
        return self.met + self.unknown


@dataclass(frozen=True)
class Range:
    low: Decimal
    high: Decimal

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def contains(self, value: Decimal) -> bool:
        return self.low <= value <= self.high


@dataclass
class MatrixFigures:
    criteria: tuple[int, ...]
    communes: list[CommuneCount]
    total_met: Range
    average: Range | None
    bands: dict[str, Range]
    per_criterion_met: dict[int, Range]
    unknown_cells: int

    @property
    def complete(self) -> bool:
        return self.unknown_cells == 0

    @property
    def commune_total(self) -> int:
        return len(self.communes)


def _div(a: Decimal, b: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return a / b


def matrix_figures(
    matrix: Mapping[tuple[str, str], Mapping[int, bool | None]],
    criteria: Sequence[int],
    bands: Sequence[Band] | None = None,
) -> MatrixFigures:
    """`matrix` maps (commune code, name) to {criterion number: True/False/None};
    a criterion missing from a commune's mapping is unknown."""
    criteria = tuple(criteria)
    bands = tuple(bands) if bands is not None else commune_bands(len(criteria))
    known = set(criteria)
    counts: list[CommuneCount] = []
    per_met = {k: 0 for k in criteria}
    per_unknown = {k: 0 for k in criteria}
    for (code, name), cells in matrix.items():
        stray = set(cells) - known
        if stray:
            raise ValueError(f"Tiêu chí số {sorted(stray)} không có trong bộ tiêu chí ({code})")
        met = not_met = unknown = 0
        for k in criteria:
            cell = cells.get(k)
            if cell is True:
                met += 1
                per_met[k] += 1
            elif cell is False:
                not_met += 1
            else:
                unknown += 1
                per_unknown[k] += 1
        counts.append(CommuneCount(code, name, met, not_met, unknown))
    low = sum(c.met for c in counts)
    high = sum(c.possible for c in counts)
    n = len(counts)
    average = Range(_div(Decimal(low), Decimal(n)), _div(Decimal(high), Decimal(n))) if n else None
    band_ranges = {}
    for band in bands:
        # certain: the whole possible span lies inside the band; possible: it touches the band.
        certain = sum(1 for c in counts if band.low <= c.met and c.possible <= band.high)
        possible = sum(1 for c in counts if c.met <= band.high and c.possible >= band.low)
        band_ranges[band.label] = Range(Decimal(certain), Decimal(possible))
    return MatrixFigures(
        criteria=criteria,
        communes=counts,
        total_met=Range(Decimal(low), Decimal(high)),
        average=average,
        bands=band_ranges,
        per_criterion_met={k: Range(Decimal(per_met[k]), Decimal(per_met[k] + per_unknown[k])) for k in criteria},
        unknown_cells=sum(c.unknown for c in counts),
    )


def village_band_counts(met_counts: Sequence[int], bands: Sequence[Band]) -> dict[str, int]:
    """Villages per band from each village's number of criteria met (known exactly)."""
    return {b.label: sum(1 for n in met_counts if b.contains(n)) for b in bands}


# ------------------------------------------------------------------ stated figures


@dataclass(frozen=True)
class Stated:
    """A figure a report states about the matrix, kept with its source.

    kind: "average" | "band" (key = band label) | "criterion_met" / "criterion_not_met"
    (key = criterion number) | "standard" (communes recognised).
    """

    kind: str
    value: Decimal
    key: str = ""
    named: tuple[str, ...] = ()
    source: str = ""
    quote: str = ""
    decimals: int = 0  # how many decimals the report printed (11,06 -> 2)


@dataclass(frozen=True)
class Finding:
    severity: str  # "conflict" (cannot be true), "unverified" (matrix has gaps), "ok"
    message: str
    source: str = ""


def _vn(value: Decimal) -> str:
    from .numbers import format_number

    return format_number(value.normalize() if value == value.to_integral() else value, None)


def _check_range(stated: Stated, r: Range, what: str) -> Finding:
    # A figure printed with d decimals matches any exact value within half a unit of it.
    half = Decimal(1).scaleb(-stated.decimals) / 2 if stated.decimals else Decimal(0)
    lo, hi = r.low - half, r.high + half
    if r.exact:
        shown = _vn(r.low.quantize(Decimal(1).scaleb(-stated.decimals))) if stated.decimals else _vn(r.low)
        if lo <= stated.value <= hi:
            return Finding("ok", f"{what}: báo cáo ghi {_vn(stated.value)}, bảng tiêu chí cho {shown} — khớp.", stated.source)
        return Finding("conflict", f"{what}: báo cáo ghi {_vn(stated.value)}, bảng tiêu chí cho {shown}.", stated.source)
    span = f"từ {_vn(_q(r.low, stated.decimals))} đến {_vn(_q(r.high, stated.decimals))}"
    if lo <= stated.value <= hi:
        return Finding("unverified", f"{what}: báo cáo ghi {_vn(stated.value)}; bảng tiêu chí còn ô chưa rõ, cho {span} — chưa kiểm chứng được.", stated.source)
    return Finding("conflict", f"{what}: báo cáo ghi {_vn(stated.value)}, nhưng bảng tiêu chí chỉ cho phép {span}.", stated.source)


def _q(value: Decimal, decimals: int) -> Decimal:
    from decimal import ROUND_HALF_UP

    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP) if decimals else value


def compare_stated(figures: MatrixFigures, statements: Sequence[Stated], *, standard_count: int | None = None,
                   cells: Mapping[str, Mapping[int, bool | None]] | None = None) -> list[Finding]:
    """Check each stated figure against the matrix; flag, never correct.

    `cells` maps a commune key (as used in `Stated.named` and in the key of a
    "commune_met" statement) to its row, so that a named commune or a named
    criterion contradicting the matrix is flagged too."""
    cells = cells or {}
    findings: list[Finding] = []
    for s in statements:
        if s.kind == "average":
            if figures.average is not None:
                findings.append(_check_range(s, figures.average, "Bình quân tiêu chí/xã"))
        elif s.kind == "band":
            r = figures.bands.get(s.key)
            if r is not None:
                findings.append(_check_range(s, r, f"Số xã đạt {s.key} tiêu chí"))
        elif s.kind in ("criterion_met", "criterion_not_met"):
            findings += _criterion_checks(figures, s, cells)
        elif s.kind in ("commune_met", "commune_not_met"):
            findings += _commune_checks(s, cells)
        elif s.kind == "standard" and standard_count is not None:
            findings.append(_check_range(s, Range(Decimal(standard_count), Decimal(standard_count)),
                                         "Số xã đạt chuẩn nông thôn mới"))
    return findings


def _criterion_checks(figures: MatrixFigures, s: Stated, cells) -> list[Finding]:
    k = int(s.key)
    met = figures.per_criterion_met.get(k)
    if met is None:
        return [Finding("conflict", f"Tiêu chí số {k} không có trong bộ tiêu chí.", s.source)]
    n = Decimal(figures.commune_total)
    meeting = s.kind == "criterion_met"
    r = met if meeting else Range(n - met.high, n - met.low)
    word = "đạt" if meeting else "không đạt"
    out = [_check_range(s, r, f"Số xã {word} tiêu chí số {k}")]
    if s.named and len(s.named) != int(s.value):
        out.append(Finding("conflict", f"Tiêu chí số {k}: báo cáo ghi {_vn(s.value)} xã {word} nhưng nêu tên "
                                       f"{len(s.named)} xã ({', '.join(s.named)}).", s.source))
    contradicted = [name for name in s.named if cells.get(name, {}).get(k) is (not meeting)]
    if contradicted:
        out.append(Finding("conflict", f"Tiêu chí số {k}: báo cáo nêu {', '.join(contradicted)} {word}, nhưng bảng "
                                       f"tiêu chí (theo nguồn của từng ô) ghi ngược lại.", s.source))
    return out


def _commune_checks(s: Stated, cells) -> list[Finding]:
    row = cells.get(s.key)
    if row is None:
        return []
    meeting = s.kind == "commune_met"
    word = "đạt" if meeting else "chưa đạt"
    numbers = [int(x) for x in s.named]
    actual = sum(1 for v in row.values() if v is meeting)
    out = []
    if numbers and len(numbers) != int(s.value):
        out.append(Finding("conflict", f"{s.key}: báo cáo ghi {_vn(s.value)} tiêu chí {word} nhưng liệt kê "
                                       f"{len(numbers)} tiêu chí ({', '.join(map(str, numbers))}).", s.source))
    if actual != int(s.value):
        out.append(Finding("conflict" if actual > s.value or not any(v is None for v in row.values()) else "unverified",
                           f"{s.key}: báo cáo ghi {_vn(s.value)} tiêu chí {word}, bảng tiêu chí có {actual}.", s.source))
    return out


# ------------------------------------------------------------------ goals


@dataclass(frozen=True)
class GoalLine:
    label: str
    goal: Decimal
    current: Range | None
    comparator: str  # ">=" or "<="
    reached: bool | None  # None when the matrix cannot tell yet
    decimals: int = 0  # for display: counts are whole, the average has two decimals


@dataclass
class GoalProgress:
    lines: list[GoalLine] = field(default_factory=list)


def goal_progress(figures: MatrixFigures, *, standard_count: int, standard_goal: int | None,
                  average_goal: Decimal | None, min_criteria_goal: int | None) -> GoalProgress:
    """Where the matrix stands against a year's goals (004: 7 communes, 16,8, none under 15)."""
    out = GoalProgress()
    if standard_goal is not None:
        out.lines.append(GoalLine("Số xã đạt chuẩn", Decimal(standard_goal), Range(Decimal(standard_count), Decimal(standard_count)),
                                  ">=", standard_count >= standard_goal))
    if average_goal is not None and figures.average is not None:
        a = figures.average
        reached = True if a.low >= average_goal else False if a.high < average_goal else None
        out.lines.append(GoalLine("Bình quân tiêu chí/xã", average_goal, a, ">=", reached, decimals=2))
    if min_criteria_goal is not None:
        below = [c for c in figures.communes if c.met < min_criteria_goal]
        surely_below = [c for c in below if c.possible < min_criteria_goal]
        r = Range(Decimal(len(surely_below)), Decimal(len(below)))
        reached = True if not below else False if surely_below else None
        out.lines.append(GoalLine(f"Số xã dưới {min_criteria_goal} tiêu chí", Decimal(0), r, "<=", reached))
    return out
