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
    "default_excess_mode",
]


class MeasureKind(StrEnum):
    """What the number is, which decides how excess and change are expressed."""

    LEVEL = "level"  # a quantity, flow or stock: tấn, ha, tỷ đồng, người
    RATE_PCT = "rate_pct"  # a rate in %: tỷ lệ hộ nghèo, tỷ lệ che phủ rừng
    RATE_PERMILLE = "rate_permille"  # a rate per 1,000: tỷ suất sinh
    CHANGE_PP = "change_pp"  # change of a rate in points of its unit: mức giảm tỷ lệ hộ nghèo
    GROWTH_PCT = "growth_pct"  # growth rate in %: tốc độ tăng đàn gia súc, lượt khách
    COUNT_UNITS = "count_units"  # count of communes/units: số xã đạt chuẩn NTM

    @property
    def label_vi(self) -> str:
        return _KIND_LABELS[self]

    @property
    def is_rate_like(self) -> bool:
        """Point-in-time or point-valued kinds, whose gaps are read in points."""
        return self not in (MeasureKind.LEVEL, MeasureKind.COUNT_UNITS)


_KIND_LABELS = {
    MeasureKind.LEVEL: "số lượng, giá trị",
    MeasureKind.RATE_PCT: "tỷ lệ (%)",
    MeasureKind.RATE_PERMILLE: "tỷ suất (‰)",
    MeasureKind.CHANGE_PP: "mức tăng/giảm (điểm)",
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
    """The operator of a target. Strict ">"/"<" fold into GE/LE: reports write
    "trên X" meaning "at least X" (domain.md §4)."""

    EQ = "="
    GE = ">="
    LE = "<="
    RANGE = "range"
    MAINTAIN = "maintain"

    @property
    def label_vi(self) -> str:
        return {
            "=": "đạt",
            ">=": "trên / ít nhất",
            "<=": "dưới / không quá",
            "range": "trong khoảng",
            "maintain": "duy trì",
        }[self.value]

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
    ">": ">=",
    "trên": ">=",
    "hơn": ">=",
    "ít nhất": ">=",
    "từ": ">=",
    "trở lên": ">=",
    "<=": "<=",
    "≤": "<=",
    "<": "<=",
    "dưới": "<=",
    "xuống dưới": "<=",
    "còn dưới": "<=",
    "không quá": "<=",
    "range": "range",
    "maintain": "maintain",
    "duy trì": "maintain",
}


class ExcessMode(StrEnum):
    """How "vượt X" is expressed (domain.md §4, "Rates are different")."""

    RELATIVE = "relative"  # in % of plan: (value - plan) / plan * 100
    POINTS = "points"  # in the indicator's own unit: pp for %, ‰ points for ‰

    @property
    def label_vi(self) -> str:
        return {"relative": "% so với kế hoạch", "points": "điểm (theo đơn vị chỉ tiêu)"}[
            self.value
        ]

    @property
    def unit(self) -> str:
        """The JSON contract's excess unit: "%" or "pp" (pp also means ‰ points)."""
        return "%" if self is ExcessMode.RELATIVE else "pp"


def default_excess_mode(kind: MeasureKind) -> ExcessMode:
    """Levels and counts exceed in % of plan; rates, changes and growth in points."""
    return ExcessMode.POINTS if kind.is_rate_like else ExcessMode.RELATIVE


class Status(StrEnum):
    """The computed verdict for one value against its target."""

    EXCEEDED = "exceeded"
    MET = "met"
    NOT_MET = "not_met"
    NO_TARGET = "no_target"
    NO_DATA = "no_data"
    IN_PROGRESS = "in_progress"  # a year-to-date value: progress, not a verdict

    @property
    def label_vi(self) -> str:
        return {
            "exceeded": "vượt",
            "met": "đạt",
            "not_met": "không đạt",
            "no_target": "chưa có kế hoạch",
            "no_data": "chưa có số liệu",
            "in_progress": "đang thực hiện",
        }[self.value]

    @property
    def is_achieved(self) -> bool:
        return self in (Status.EXCEEDED, Status.MET)

    @property
    def is_evaluable(self) -> bool:
        """A final verdict that counts in the summary sentences."""
        return self in (Status.EXCEEDED, Status.MET, Status.NOT_MET)
