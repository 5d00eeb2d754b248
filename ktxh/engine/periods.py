"""Reporting periods and their text codes (a public contract of the CLI and API).

Codes: "2023" year, "2024-H1"/"2024-H2" half, "2024-Q3" quarter, "2024-09" month,
"2024-9M" nine months, "2021-2025" multi-year plan. Periods order by calendar bounds.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import total_ordering

__all__ = ["Period", "PeriodError", "PeriodKind", "period_from_dhis2", "period_to_dhis2", "period_to_sdmx",
           "reporting_window"]


class PeriodError(ValueError):
    """An unreadable or impossible period code; the message is Vietnamese."""


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    NINE_MONTHS = "nine_months"
    PLAN = "plan"


_MIN_YEAR, _MAX_YEAR = 1000, 9998  # keeps every derived date (and last year) valid
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_INDEX_RANGE = {PeriodKind.HALF: 2, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}

_PATTERNS = (
    (re.compile(r"^(\d{4})$"), PeriodKind.YEAR),
    (re.compile(r"^(\d{4})-(\d{4})$"), PeriodKind.PLAN),
    (re.compile(r"^(\d{4})-H(\d)$"), PeriodKind.HALF),
    (re.compile(r"^(\d{4})-Q(\d)$"), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})-9M$"), PeriodKind.NINE_MONTHS),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), PeriodKind.MONTH),
)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@total_ordering
@dataclass(frozen=True, eq=True)
class Period:
    """A calendar period. ``index`` is the half, quarter or month number;
    ``end_year`` is set only for PLAN periods."""

    kind: PeriodKind
    year: int
    index: int | None = None
    end_year: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PeriodKind(self.kind))
        if not _MIN_YEAR <= self.year <= _MAX_YEAR:
            raise PeriodError(f"Năm {self.year} nằm ngoài phạm vi cho phép")
        top = _INDEX_RANGE.get(self.kind)
        if top is not None:
            if self.index is None or not 1 <= self.index <= top:
                names = {"half": "nửa năm (H1, H2)", "quarter": "quý (Q1–Q4)", "month": "tháng (01–12)"}
                raise PeriodError(f"Số kỳ {self.index} không hợp lệ: chỉ có {names.get(self.kind, self.kind)}")
        elif self.index is not None:
            raise PeriodError(f"Loại kỳ {self.kind} không có chỉ số kỳ")
        if self.kind is PeriodKind.PLAN:
            if self.end_year is None or not self.year < self.end_year <= _MAX_YEAR:
                raise PeriodError(
                    f"Giai đoạn {self.year}-{self.end_year} không hợp lệ: năm cuối phải sau năm đầu"
                )
        elif self.end_year is not None:
            raise PeriodError("Chỉ giai đoạn kế hoạch nhiều năm mới có năm cuối")

    # ------------------------------------------------------------------ codes

    @classmethod
    def of(cls, period: Period | str) -> Period:
        """A Period as given, or parsed once from its code (entry points take either;
        everything behind them passes the Period on)."""
        return period if isinstance(period, Period) else cls.parse(period)

    @classmethod
    def parse(cls, code: str) -> Period:
        """Read a period code; raise PeriodError with a Vietnamese message otherwise."""
        s = "".join(str(code).split()).upper()
        for pattern, kind in _PATTERNS:
            m = pattern.match(s)
            if not m:
                continue
            year = int(m.group(1))
            if kind is PeriodKind.PLAN:
                return cls(kind, year, end_year=int(m.group(2)))
            if kind in _INDEX_RANGE:
                return cls(kind, year, int(m.group(2)))
            return cls(kind, year)
        raise PeriodError(
            f"Không đọc được kỳ báo cáo {code!r}; dùng dạng 2023, 2024-H1, 2024-Q3, "
            "2024-09, 2024-9M hoặc 2021-2025"
        )

    @property
    def code(self) -> str:
        k = self.kind
        if k is PeriodKind.YEAR:
            return f"{self.year}"
        if k is PeriodKind.PLAN:
            return f"{self.year}-{self.end_year}"
        if k is PeriodKind.HALF:
            return f"{self.year}-H{self.index}"
        if k is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.index}"
        if k is PeriodKind.NINE_MONTHS:
            return f"{self.year}-9M"
        return f"{self.year}-{self.index:02d}"

    def __str__(self) -> str:
        return self.code

    @property
    def label_vi(self) -> str:
        k, y = self.kind, self.year
        if k is PeriodKind.YEAR:
            return f"Năm {y}"
        if k is PeriodKind.PLAN:
            return f"Giai đoạn {y}-{self.end_year}"
        if k is PeriodKind.HALF:
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {y}"
        if k is PeriodKind.QUARTER:
            return f"Quý {_ROMAN[self.index or 1]} năm {y}"
        if k is PeriodKind.NINE_MONTHS:
            return f"9 tháng năm {y}"
        return f"Tháng {self.index} năm {y}"

    # --------------------------------------------------------------- calendar

    @property
    def _months(self) -> tuple[int, int]:
        """First and last calendar month (within ``year``; PLAN uses end_year for the last)."""
        k, i = self.kind, self.index or 0
        if k is PeriodKind.HALF:
            return (1, 6) if i == 1 else (7, 12)
        if k is PeriodKind.QUARTER:
            return 3 * i - 2, 3 * i
        if k is PeriodKind.MONTH:
            return i, i
        if k is PeriodKind.NINE_MONTHS:
            return 1, 9
        return 1, 12

    @property
    def last_year(self) -> int:
        return self.end_year if self.kind is PeriodKind.PLAN and self.end_year else self.year

    @property
    def start(self) -> date:
        return date(self.year, self._months[0], 1)

    @property
    def end(self) -> date:
        return _month_end(self.last_year, self._months[1])

    @property
    def sort_key(self) -> tuple[date, date]:
        return (self.start, self.end)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key < other.sort_key

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def is_year_to_date(self) -> bool:
        """Starts on 1 January and ends before 31 December (H1, 9M, Q1, month 01):
        a flow value for it is a partial share of the annual plan."""
        return (
            self.kind is not PeriodKind.PLAN
            and self.start.month == 1
            and self.end < date(self.year, 12, 31)
        )

    @property
    def is_partial_year(self) -> bool:
        return self.kind not in (PeriodKind.YEAR, PeriodKind.PLAN)

    def year_period(self) -> Period:
        if self.kind is PeriodKind.PLAN:
            return self
        return Period(PeriodKind.YEAR, self.year)

    def plan_period(self) -> Period:
        """The period whose plan this period is measured against: a year-to-date period
        (6 months, 9 months, Q1, January) against the annual plan, any other against its own."""
        return self.year_period() if self.is_year_to_date else self

    @property
    def is_share_of_plan_period(self) -> bool:
        """True when plan_period() is a longer period: the value is a partial share of its plan."""
        return self.plan_period() != self

    def same_period_last_year(self) -> Period:
        """"Cùng kỳ": one year back; a plan shifts by its own length (2021-2025 -> 2016-2020)."""
        if self.kind is PeriodKind.PLAN and self.end_year is not None:
            span = self.end_year - self.year + 1
            return Period(self.kind, self.year - span, end_year=self.end_year - span)
        return Period(self.kind, self.year - 1, self.index)


def previous_period(period: Period) -> Period:
    """The period just before, as the quality rules' prev() reads it: previous month,
    quarter, half or year; a year-to-date or plan period goes back to the same period
    last year."""
    k = period.kind
    if k is PeriodKind.MONTH:
        assert period.index is not None
        return Period(k, period.year - (period.index == 1), 12 if period.index == 1 else period.index - 1)
    if k is PeriodKind.QUARTER:
        assert period.index is not None
        return Period(k, period.year - (period.index == 1), 4 if period.index == 1 else period.index - 1)
    if k is PeriodKind.HALF and period.index == 2:
        return Period(k, period.year, 1)
    return period.same_period_last_year()


def previous_report_period(period: Period) -> Period:
    """The report before this one, as the entry grid compares it: a 9-month report
    follows the 6-month one; a first half follows last year's second half; a year
    follows the year before. Differs from previous_period for H1 and 9 months."""
    k, y, i = period.kind, period.year, period.index or 0
    if k is PeriodKind.MONTH:
        return Period(k, y - 1, 12) if i == 1 else Period(k, y, i - 1)
    if k is PeriodKind.QUARTER:
        return Period(k, y - 1, 4) if i == 1 else Period(k, y, i - 1)
    if k is PeriodKind.HALF:
        return Period(k, y - 1, 2) if i == 1 else Period(k, y, 1)
    if k is PeriodKind.NINE_MONTHS:
        return Period(PeriodKind.HALF, y, 1)
    return period.same_period_last_year()


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def reporting_window(period: Period, cutoff_day: int = 15) -> tuple[date, date]:
    """Data window under Decree 09/2019/NĐ-CP: from ``cutoff_day`` of the month before
    the period's first month to ``cutoff_day - 1`` of its last month (2024-09 ->
    2024-08-15..2024-09-14; year 2024 -> 2023-12-15..2024-12-14).

    ``cutoff_day=1`` means no cut-off shift, so the window is the calendar period.
    """
    if not 1 <= cutoff_day <= 28:
        raise PeriodError(f"Ngày chốt số liệu {cutoff_day} phải từ 1 đến 28")
    if cutoff_day == 1:
        return period.start, period.end
    first, last = period.start, period.end
    y, m = _shift_month(first.year, first.month, -1)
    return date(y, m, cutoff_day), date(last.year, last.month, cutoff_day) - timedelta(days=1)


# --- Other systems' notations (DHIS2, SDMX): docs/api.md -------------------------------

_DHIS2_PATTERNS = (
    (re.compile(r"^(\d{4})$"), PeriodKind.YEAR),
    (re.compile(r"^(\d{4})S([12])$"), PeriodKind.HALF),
    (re.compile(r"^(\d{4})Q([1-4])$"), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})(\d{2})$"), PeriodKind.MONTH),
)


def period_from_dhis2(code: str) -> Period:
    """DHIS2's ISO period ("2024", "2024S1", "2024Q3", "202409") as ours."""
    s = str(code).strip().upper()
    for pattern, kind in _DHIS2_PATTERNS:
        if m := pattern.match(s):
            year = int(m.group(1))
            return Period(kind, year) if kind is PeriodKind.YEAR else Period(kind, year, int(m.group(2)))
    raise PeriodError(f"Kỳ DHIS2 {code!r} không hợp lệ; dùng dạng 2024, 2024S1, 2024Q3 hoặc 202409")


def period_to_dhis2(period: Period) -> str | None:
    """Our period in DHIS2's notation; None for nine months and multi-year plans,
    which DHIS2 has no period type for."""
    k = period.kind
    if k is PeriodKind.YEAR:
        return f"{period.year}"
    if k is PeriodKind.HALF:
        return f"{period.year}S{period.index}"
    if k is PeriodKind.QUARTER:
        return f"{period.year}Q{period.index}"
    if k is PeriodKind.MONTH:
        return f"{period.year}{period.index:02d}"
    return None


def period_to_sdmx(period: Period) -> str:
    """SDMX TIME_PERIOD: reporting periods (2024, 2024-S1, 2024-Q3, 2024-09); nine
    months and plans as time ranges (2024-01-01/P9M, 2021-01-01/P5Y)."""
    k = period.kind
    if k is PeriodKind.YEAR:
        return f"{period.year}"
    if k is PeriodKind.HALF:
        return f"{period.year}-S{period.index}"
    if k is PeriodKind.QUARTER:
        return f"{period.year}-Q{period.index}"
    if k is PeriodKind.MONTH:
        return f"{period.year}-{period.index:02d}"
    if k is PeriodKind.NINE_MONTHS:
        return f"{period.year}-01-01/P9M"
    return f"{period.year}-01-01/P{period.last_year - period.year + 1}Y"
