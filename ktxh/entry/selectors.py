"""Reads for the entry grid, the Excel form and the completeness overview.

Callers pass rounds and data sets they got through accounts.access.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Subquery

from ktxh.catalog.models import Indicator, Target
from ktxh.core.compiled import compiled, instance, side_by_side, width
from ktxh.core.display import target_text
from ktxh.engine.periods import Period, previous_report_period
from ktxh.entry.models import DataSet, ReportingRound, Submission
from ktxh.orgunits.selectors import valid_on_q
from ktxh.values.models import DataValue, visible
from ktxh.values.selectors import PUBLISHED, best_by, published_values


@dataclass
class GridRow:
    indicator: Indicator
    target: Target | None
    target_period: Period
    previous: DataValue | None
    last_year: DataValue | None
    value: DataValue | None  # this report's value, draft or not

    @property
    def target_text(self) -> str:
        return target_text(self.target, self.indicator)

    @property
    def previous_label(self) -> str:
        return Period.parse(self.previous.period).label_vi.lower() if self.previous else "kỳ trước"

    def comparisons(self) -> list[tuple[str, Decimal | None]]:
        found = [(self.previous_label, self.previous.value if self.previous else None),
                 ("cùng kỳ năm trước", self.last_year.value if self.last_year else None)]
        return [(label, value) for label, value in found if value is not None]


@dataclass
class ReporterStatus:
    data_set: DataSet
    submission: Submission | None
    filled: int
    total: int
    code: str  # not_started, draft, on_time, late, submitted_late, approved
    label: str = ""
    notes: list[str] = field(default_factory=list)


STATUS_LABELS = {
    "not_started": "Chưa nhập",
    "draft": "Đang nhập",
    "on_time": "Đã nộp đúng hạn",
    "submitted_late": "Nộp muộn",
    "late": "Quá hạn, chưa nộp",
    "approved": "Đã duyệt",
}


def submission_find(round_: ReportingRound, data_set: DataSet) -> Submission | None:
    return Submission.objects.filter(round=round_, data_set=data_set).first()


def _latest(values: list[DataValue]) -> dict[int, DataValue]:
    """Per indicator the most authoritative value of the latest period."""
    return best_by(((row.indicator_id, row) for row in values), first=lambda row: Period.parse(row.period))


def _comparison_rows(period: Period, indicators, targets: dict, published: list[DataValue], own: list[DataValue],
                     target_period: Period) -> list[GridRow]:
    """The grid rows of `indicators` from their published values (any period) and this
    report's own values: the one rule of "previous" and "same period last year"."""
    last_code, previous_code = period.same_period_last_year().code, previous_report_period(period).code
    last_year = _latest([v for v in published if v.period == last_code])
    # The previous report of the same kind; when it is missing, the latest earlier one.
    earlier = [v for v in published if v.period == previous_code
               or (Period.parse(v.period).kind is period.kind and Period.parse(v.period) < period)]
    previous = _latest([v for v in earlier if v.period == previous_code])
    fallback = _latest(earlier)
    mine = _latest(own)
    return [
        GridRow(indicator=ind, target=targets.get(ind.pk), target_period=target_period,
                previous=previous.get(ind.pk) or fallback.get(ind.pk), last_year=last_year.get(ind.pk),
                value=mine.get(ind.pk))
        for ind in indicators
    ]


def grid_rows(round_: ReportingRound, data_set: DataSet, submission: Submission | None,
              indicator_ids: list[int] | None = None) -> list[GridRow]:
    period = Period.parse(round_.period)
    unit = data_set.reporter_unit
    target_period = period.plan_period()
    indicators = data_set.indicators.select_related("group").order_by("group__order", "order", "code")
    if indicator_ids is not None:
        indicators = indicators.filter(pk__in=indicator_ids)
    indicators = list(indicators)
    ids = [i.pk for i in indicators]
    targets = {t.indicator_id: t for t in Target.objects.filter(org_unit=unit, period=target_period.code,
                                                                  indicator_id__in=ids)}
    # One read of the published values of these indicators; the rest is done here.
    published = list(published_values().filter(org_unit=unit, indicator_id__in=ids))
    own = []
    if submission is not None:
        own = list(submission.values.filter(indicator_id__in=ids).select_related("updated_by"))
    return _comparison_rows(period, indicators, targets, published, own, target_period)


def grid_row(round_: ReportingRound, data_set: DataSet, submission: Submission | None, indicator_id: int) -> GridRow:
    for row in grid_rows(round_, data_set, submission, [indicator_id]):
        if row.indicator.pk == indicator_id:
            return row
    raise LookupError("Chỉ tiêu không thuộc bộ biểu này")


@dataclass
class EntryCell:
    """What the save of one grid cell reads: its indicator, the report (None before the
    first value), the row's comparison values and own value (no target: a save does not
    show it), and the counts of the report's state line."""
    indicator: Indicator
    submission: Submission | None
    row: GridRow
    filled: int
    total: int


@compiled(int, int)
def _cell_indicator(indicator_id, data_set_id):
    through = DataSet.indicators.through
    total = through.objects.filter(dataset_id=data_set_id).values("dataset_id").annotate(n=Count("*")).values("n")
    return Indicator.objects.filter(pk=indicator_id, data_sets=data_set_id).annotate(
        data_set_total=Subquery(total)).order_by()[:1]


@compiled(int, int)
def _cell_submission(round_id, data_set_id):
    return Submission.objects.filter(round=round_id, data_set=data_set_id).annotate(
        filled=Count("values", filter=visible("values__"))).order_by()[:1]


@compiled(int, int, int, int)
def _cell_values(unit_id, indicator_id, round_id, data_set_id):
    # the report's own values found through its round and data set: no need to know its id first
    return DataValue.objects.filter(org_unit=unit_id, indicator_id=indicator_id).filter(
        PUBLISHED | Q(submission__round=round_id, submission__data_set=data_set_id))


def entry_cell(round_: ReportingRound, data_set: DataSet, indicator_id: int) -> EntryCell:
    """The reads of one cell save in one query (bench/save_profile.py): the indicator with
    the data set's size, the report with its number of values, and every value of this
    indicator and reporter that is published or in this report, each the SQL of its own
    queryset (built once, core.compiled) and joined side by side: one row per value, or one
    row with no value. LookupError when the indicator is not in the data set."""
    indicator_id = int(indicator_id)
    rows = side_by_side((_cell_indicator, (indicator_id, data_set.pk)), (_cell_submission, (round_.pk, data_set.pk)),
                        (_cell_values, (data_set.reporter_unit_id, indicator_id, round_.pk, data_set.pk)))
    if not rows:
        raise LookupError("Chỉ tiêu không thuộc bộ biểu này")
    n_ind, n_sub = width(Indicator) + 1, width(Submission) + 1  # + data_set_total, + filled
    if len(rows[0]) != n_ind + n_sub + width(DataValue):
        raise RuntimeError("entry_cell: the columns of its querysets changed")
    first = rows[0]
    indicator = instance(Indicator, first[:n_ind - 1])
    indicator.data_set_total = first[n_ind - 1]
    submission = instance(Submission, first[n_ind:n_ind + n_sub - 1])
    if submission is not None:
        submission.filled = first[n_ind + n_sub - 1]
    values = [value for row in rows if (value := instance(DataValue, row[n_ind + n_sub:])) is not None]
    mine = submission.pk if submission is not None else None
    own = [v for v in values if mine is not None and v.submission_id == mine]
    published = [v for v in values if mine is None or v.submission_id != mine]
    period = Period.parse(round_.period)
    row, = _comparison_rows(period, [indicator], {}, published, own, period.plan_period())
    return EntryCell(indicator, submission, row, submission.filled if submission else 0,
                     indicator.data_set_total or 0)


def reporter_status(round_: ReportingRound, data_set: DataSet, submission: Submission | None,
                    total: int, today: date, filled: int | None = None) -> ReporterStatus:
    if filled is None:
        filled = submission.values.count() if submission else 0
    overdue = today > round_.due_on
    if submission is None or (filled == 0 and submission.state == Submission.State.DRAFT):
        code = "late" if overdue else "not_started"
    elif submission.state == Submission.State.APPROVED:
        code = "approved"
    elif submission.state == Submission.State.SUBMITTED:
        code = "on_time" if submission.submitted_at.date() <= round_.due_on else "submitted_late"
    else:
        code = "late" if overdue else "draft"
    status = ReporterStatus(data_set, submission, filled, total, code, STATUS_LABELS[code])
    if submission is not None and submission.state == Submission.State.DRAFT and submission.return_reason:
        status.notes.append(f"Bị trả lại: {submission.return_reason}")
    return status


def round_overview(round_: ReportingRound, data_sets, today: date) -> list[ReporterStatus]:
    """Completeness and timeliness of every reporter of the round's period kind that is in force
    on the period's last day (docs/units.md, the one rule of orgunits.selectors): a 2026 round
    is the province's and the new communes'; the old communes' last round is 2025-H1."""
    period = Period.parse(round_.period)
    wanted = (data_sets.filter(period_kind=period.kind.value, province=round_.province)
              .filter(valid_on_q(period.end, "reporter_unit__")))
    submissions = {s.data_set_id: s for s in Submission.objects.filter(round=round_)}
    return [
        reporter_status(round_, ds, submissions.get(ds.pk), ds.indicators.count(), today)
        for ds in wanted.select_related("reporter_unit", "agency").order_by("reporter_unit__path", "name")
    ]
