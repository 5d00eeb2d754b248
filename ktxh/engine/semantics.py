"""The vocabulary of evaluation: what an indicator measures and how it is judged.

Each enum value is a stable storage/API code; ``label_vi`` is what users read.
Meanings follow domain.md §4; docs/evaluation.md gives the formulas.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Aggregation",
    "Comparator",
    "Direction",
    "ExcessMode",
    "MeasureKind",
    "Status",
    "TargetBasis",
    "default_excess_mode",
    "points_unit",
    "shows_pct_of_plan",
]


class MeasureKind(StrEnum):
    """What the number is, which decides how excess and change are expressed."""

    LEVEL = "level"  # a quantity, flow or stock: tấn, ha, tỷ đồng, người
    RATE_PCT = "rate_pct"  # a rate in %: tỷ lệ hộ nghèo, tỷ lệ che phủ rừng
    RATE_PERMILLE = "rate_permille"  # a rate per 1,000: tỷ suất sinh
    CHANGE_PP = "change_pp"  # change of a % rate in percentage points: mức giảm tỷ lệ hộ nghèo
    CHANGE_PERMILLE = "change_permille"  # change of a ‰ rate in ‰ points: mức giảm tỷ suất sinh
    GROWTH_PCT = "growth_pct"  # growth rate in %: tốc độ tăng đàn gia súc, lượt khách
    COUNT_UNITS = "count_units"  # count of communes/units: số xã đạt chuẩn NTM

    @property
    def label_vi(self) -> str:
        return _KIND_LABELS[self]

    @property
    def is_rate_like(self) -> bool:
        """Point-in-time or point-valued kinds, whose gaps are read in points."""
        return self not in (MeasureKind.LEVEL, MeasureKind.COUNT_UNITS)

    @property
    def is_permille(self) -> bool:
        return self in (MeasureKind.RATE_PERMILLE, MeasureKind.CHANGE_PERMILLE)

    @property
    def is_level_like(self) -> bool:
        """The value is itself a level (a quantity, a count or a rate), so value / plan
        reads as a share of the plan; a growth rate or a change is not (docs/evaluation.md §2)."""
        return self in (MeasureKind.LEVEL, MeasureKind.COUNT_UNITS, MeasureKind.RATE_PCT,
                        MeasureKind.RATE_PERMILLE)


_KIND_LABELS = {
    MeasureKind.LEVEL: "số lượng, giá trị",
    MeasureKind.RATE_PCT: "tỷ lệ (%)",
    MeasureKind.RATE_PERMILLE: "tỷ suất (‰)",
    MeasureKind.CHANGE_PP: "mức tăng/giảm (điểm phần trăm)",
    MeasureKind.CHANGE_PERMILLE: "mức tăng/giảm (điểm phần nghìn)",
    MeasureKind.GROWTH_PCT: "tốc độ tăng (%)",
    MeasureKind.COUNT_UNITS: "số đơn vị",
}


class Direction(StrEnum):
    """Which side of the plan is better."""

    UP = "up"  # higher is better (grain output, fall in poverty rate)
    DOWN = "down"  # lower is better (malnutrition, poverty rate)
    BAND = "band"  # inside a range is right; neither side is better
    NONE = "none"  # no judgement of side (e.g. communes to keep at 04)

    @property
    def label_vi(self) -> str:
        return {
            "up": "càng cao càng tốt",
            "down": "càng thấp càng tốt",
            "band": "trong khoảng",
            "none": "không xác định",
        }[self.value]


class Aggregation(StrEnum):
    """How values of child org units roll up to a parent (see aggregate.py)."""

    SUM = "sum"
    RATIO = "ratio"  # ratio of summed numerators and denominators, never a mean of rates
    WEIGHTED_MEAN = "weighted_mean"
    COUNT_MEETING = "count_meeting"  # number of units meeting a condition
    NONE = "none"

    @property
    def label_vi(self) -> str:
        return {
            "sum": "cộng dồn",
            "ratio": "tính lại từ tử số và mẫu số",
            "weighted_mean": "bình quân gia quyền",
            "count_meeting": "đếm số đơn vị đạt",
            "none": "không tổng hợp",
        }[self.value]


class Comparator(StrEnum):
    """The operator of a target. Strict bounds are kept apart from inclusive ones:
    "dưới X" is < X and "trên X" / "hơn X" is > X, so at X itself the plan is not met;
    "không quá / tối đa X" is <= and "ít nhất / tối thiểu / từ X trở lên" is >=."""

    EQ = "="
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    RANGE = "range"
    MAINTAIN = "maintain"

    @property
    def label_vi(self) -> str:
        return {
            "=": "đạt",
            ">=": "ít nhất / từ … trở lên",
            ">": "trên / hơn",
            "<=": "không quá / tối đa",
            "<": "dưới",
            "range": "trong khoảng",
            "maintain": "duy trì",
        }[self.value]

    @property
    def is_strict(self) -> bool:
        return self in (Comparator.GT, Comparator.LT)

    @property
    def is_upper_bound(self) -> bool:
        """"≤ X" or "< X": the plan is a ceiling, lower is better whatever the direction."""
        return self in (Comparator.LE, Comparator.LT)

    @classmethod
    def from_text(cls, s: str | None) -> Comparator:
        """Map an operator as stored or written ("≥", "trên", "duy trì", "") to a member."""
        key = " ".join((s or "").split()).lower()
        try:
            return cls(_COMPARATOR_TEXT[key])
        except KeyError:
            raise ValueError(f"Không nhận dạng được toán tử so sánh {s!r}") from None


_COMPARATOR_TEXT = {
    "": "=",
    "=": "=",
    "đạt": "=",
    "bằng": "=",
    "~": "=",  # "khoảng X" is judged like "đạt X"
    "≈": "=",
    "khoảng": "=",
    ">=": ">=",
    "≥": ">=",
    "ít nhất": ">=",
    "tối thiểu": ">=",
    "từ": ">=",
    "trở lên": ">=",
    "từ trở lên": ">=",
    "từ … trở lên": ">=",
    "từ ... trở lên": ">=",
    ">": ">",
    "trên": ">",
    "hơn": ">",
    "đạt trên": ">",
    "cao hơn": ">",
    "nhiều hơn": ">",
    "<=": "<=",
    "≤": "<=",
    "không quá": "<=",
    "không vượt quá": "<=",
    "tối đa": "<=",
    "trở xuống": "<=",
    "<": "<",
    "dưới": "<",
    "xuống dưới": "<",
    "còn dưới": "<",
    "giảm xuống dưới": "<",
    "range": "range",
    "maintain": "maintain",
    "duy trì": "maintain",
}


class TargetBasis(StrEnum):
    """What a target's number is measured from: the plan itself, or the value of the
    same period last year ("tăng 8% so với cùng kỳ", "giảm 5,43 điểm %")."""

    ABSOLUTE = "absolute"  # the plan value itself
    PRIOR_PCT = "prior_pct"  # a signed change in % of last year's value: plan = prior × (1 + x/100)
    PRIOR_POINTS = "prior_points"  # a signed change in the indicator's unit: plan = prior + x

    @property
    def label_vi(self) -> str:
        return {
            "absolute": "giá trị kế hoạch",
            "prior_pct": "tăng/giảm % so với cùng kỳ năm trước",
            "prior_points": "tăng/giảm (điểm, đơn vị chỉ tiêu) so với cùng kỳ năm trước",
        }[self.value]

    @property
    def is_relative(self) -> bool:
        return self is not TargetBasis.ABSOLUTE


class ExcessMode(StrEnum):
    """How "vượt X" is expressed (domain.md §4, "Rates are different")."""

    RELATIVE = "relative"  # in % of plan: (value - plan) / plan * 100
    POINTS = "points"  # in the indicator's own unit: pp for %, ‰ points for ‰

    @property
    def label_vi(self) -> str:
        return {"relative": "% so với kế hoạch", "points": "điểm (theo đơn vị chỉ tiêu)"}[
            self.value
        ]

    def unit(self, kind: MeasureKind) -> str:
        """The JSON contract's excess unit: "%" (relative), "pp" (points of a % or of the
        indicator's own unit) or "permille_points" (points of a ‰ rate, điểm phần nghìn)."""
        if self is ExcessMode.RELATIVE:
            return "%"
        return points_unit(kind)


def points_unit(kind: MeasureKind) -> str:
    """"permille_points" for ‰ kinds, "pp" otherwise: the unit of a gap or change in points."""
    return "permille_points" if MeasureKind(kind).is_permille else "pp"


def default_excess_mode(kind: MeasureKind) -> ExcessMode:
    """Levels and counts exceed in % of plan; rates, changes and growth in points."""
    return ExcessMode.POINTS if kind.is_rate_like else ExcessMode.RELATIVE


def shows_pct_of_plan(kind: MeasureKind, plan) -> bool:
    """Whether "% kế hoạch" means something: for a level, a count or a rate against a
    positive plan it does; for a growth rate, a change in points or a plan <= 0 it does
    not, and only the points and the verdict are shown (docs/evaluation.md §2)."""
    return plan is not None and plan > 0 and MeasureKind(kind).is_level_like


class Status(StrEnum):
    """The computed verdict for one value against its target."""

    EXCEEDED = "exceeded"
    MET = "met"
    NOT_MET = "not_met"
    NO_TARGET = "no_target"
    NO_DATA = "no_data"
    IN_PROGRESS = "in_progress"  # a year-to-date value: progress, not a verdict
    NO_PRIOR = "no_prior"  # a target stated against last year, and last year's value is missing

    @property
    def label_vi(self) -> str:
        return {
            "exceeded": "vượt",
            "met": "đạt",
            "not_met": "không đạt",
            "no_target": "chưa có kế hoạch",
            "no_data": "chưa có số liệu",
            "in_progress": "đang thực hiện",
            "no_prior": "chưa đủ số liệu năm trước",
        }[self.value]

    @property
    def is_achieved(self) -> bool:
        return self in (Status.EXCEEDED, Status.MET)

    @property
    def is_evaluable(self) -> bool:
        """A final verdict that counts in the summary sentences."""
        return self in (Status.EXCEEDED, Status.MET, Status.NOT_MET)
