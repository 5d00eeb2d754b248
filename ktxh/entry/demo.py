"""Demo reporting set-up of Lai Châu. Old Huyện Phong Thổ: one half-year data set per
department (their agency's main indicators) and one per commune, reported in the round
"6 tháng đầu năm 2025", the old units' last half-year. The round "6 tháng đầu năm 2026" is
the new units' (the province and its new communes, ktxh/demo/two_level.py): a round lists
the reporters in force on its period's last day (docs/units.md). The 2025 round has the
dates of a real one for its period; the 2026 round was due a week before the day the demo
is loaded, so its missing reports show "Quá hạn" whenever the demo is run (demo_round_dates).
Both stay open for late reports, so that entry can be tried. Loading twice on one day
changes nothing."""

from datetime import date, timedelta

from django.utils import timezone

from ktxh.catalog.models import Agency, Indicator
from ktxh.core.writes import write_transaction
from ktxh.engine.periods import Period
from ktxh.entry.models import ReportingRound
from ktxh.entry.services import data_set_save, round_save
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of

DEMO_DISTRICT = "109"
DEMO_ROUND = "2026-H1"  # the new units' round
OLD_ROUND = "2025-H1"  # the old units' last half-year: Phong Thổ's demo reporting
# What a commune reports every six months (a small, real subset of the catalog).
COMMUNE_INDICATORS = ["02.07", "05.02", "06.03", "08.05"]
DUE_AFTER_PERIOD = timedelta(days=20)  # "6 tháng đầu năm": the report is due on 20 July
CLOSE_AFTER_DUE = timedelta(days=10)
DEMO_OPEN_FOR = timedelta(days=45)  # demo only: late reports accepted this long after the load
DEMO_OVERDUE_BY = timedelta(days=7)  # demo only: the 2026 round fell due this long before the load


def demo_round_dates(period: str, today: date) -> tuple[date, date, date]:
    """(opens, due, closes) of a demo round loaded on `today`. The old round opens on its
    period's last day and is due 20 days later, as a planning office's real round; the
    demo's own round (DEMO_ROUND) is due a week before `today`, so a reporter who has not
    submitted is overdue on whatever day the demo is run, and opens 20 days before that
    (or on its period's last day, if earlier). Either closes 10 days after it is due, but
    no earlier than 45 days after `today` (a late report can still be entered)."""
    end = Period.parse(period).end
    due = today - DEMO_OVERDUE_BY if period == DEMO_ROUND else end + DUE_AFTER_PERIOD
    opens = min(end, due - DUE_AFTER_PERIOD)
    return opens, due, max(due + CLOSE_AFTER_DUE, today + DEMO_OPEN_FOR)


@write_transaction
def entry_demo_load(*, today: date | None = None) -> None:
    """`today` is the load's day (the local date unless a test gives one): the one day the
    demo's round dates are derived from."""
    district = OrgUnit.objects.filter(code=DEMO_DISTRICT).first()
    if district is None:
        return
    for agency in Agency.objects.order_by("code"):
        indicators = Indicator.objects.filter(responsible_agency=agency, is_main=True)
        if indicators.exists():
            data_set_save(actor=None, name=f"Biểu 6 tháng · {agency.name}", reporter_unit=district,
                          agency=agency, period_kind="half", indicators=indicators)
    commune_indicators = Indicator.objects.filter(code__in=COMMUNE_INDICATORS)
    for commune in district.children.order_by("path"):
        data_set_save(actor=None, name="Biểu 6 tháng cấp xã", reporter_unit=commune, period_kind="half",
                      indicators=commune_indicators)
    province = province_of(district)
    today = today or timezone.localdate()
    for period, name in ((OLD_ROUND, "6 tháng đầu năm 2025"), (DEMO_ROUND, "6 tháng đầu năm 2026")):
        opens, due, closes = demo_round_dates(period, today)
        existing = ReportingRound.objects.filter(province=province, period=period).first()
        if existing is not None and (existing.opens_on, existing.due_on) == (opens, due):
            continue  # loaded before: unchanged
        # new, or a demo database from before these dates (opened before its period, due
        # in the load's month): corrected, never closed earlier than it was
        round_save(actor=None, province=province, period=period, name=name, opens_on=opens, due_on=due,
                   closes_on=max(closes, existing.closes_on) if existing else closes, round_=existing)
