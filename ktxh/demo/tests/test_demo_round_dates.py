"""The demo's 2026 round is dated from the day the demo is loaded, so its reporters who
have not submitted are overdue on whatever day someone runs it; the days are given here,
never read from the clock (docs/entry.md, Demo)."""

import datetime

import pytest
from django.contrib.auth.models import User

from ktxh.entry.demo import DEMO_ROUND, OLD_ROUND, demo_round_dates, entry_demo_load
from ktxh.entry.models import DataSet, ReportingRound
from ktxh.entry.selectors import round_overview

LOAD_DAYS = [datetime.date(2026, 3, 1), datetime.date(2026, 7, 25), datetime.date(2026, 12, 3),
             datetime.date(2031, 5, 5)]


@pytest.mark.parametrize("day", LOAD_DAYS, ids=str)
def test_the_2026_round_is_overdue_and_still_open_on_the_day_the_demo_is_loaded(day):
    opens, due, closes = demo_round_dates(DEMO_ROUND, day)
    assert opens < due < day < closes
    assert due == day - datetime.timedelta(days=7)
    assert opens <= datetime.date(2026, 6, 30)  # never after its period's last day


def test_the_2025_round_keeps_the_dates_of_a_real_one_whatever_the_load_day():
    for day in LOAD_DAYS:
        opens, due, _ = demo_round_dates(OLD_ROUND, day)
        assert (opens, due) == (datetime.date(2025, 6, 30), datetime.date(2025, 7, 20))


@pytest.mark.parametrize("day", [datetime.date(2026, 3, 1), datetime.date(2030, 1, 15)], ids=str)
def test_every_2026_reporter_who_has_not_submitted_is_overdue_in_the_loaded_demo(db, day):
    entry_demo_load(today=day)
    round_ = ReportingRound.objects.get(period=DEMO_ROUND, province__code="12")
    assert (round_.opens_on, round_.due_on) == demo_round_dates(DEMO_ROUND, day)[:2]
    assert round_.is_open_on(day)
    statuses = round_overview(round_, DataSet.objects.all(), day)
    assert len(statuses) >= 3  # the province's department and the two new communes
    assert {s.code for s in statuses if s.submission is None or s.submission.state == "draft"} == {"late"}
    assert {s.label for s in statuses} == {"Quá hạn, chưa nộp"}


def test_the_province_planner_sees_the_2026_reporters_overdue_in_the_demo_as_loaded(db, client):
    # The test database's demo was loaded today, so the page's day is the load's day.
    client.force_login(User.objects.get(username="so_tai_chinh"))
    round_ = ReportingRound.objects.get(period=DEMO_ROUND, province__code="12")
    page = client.get(f"/nhap-lieu/{round_.pk}/tong-hop/").content.decode()
    assert page.count("Quá hạn, chưa nộp") >= 3 and "Chưa nhập" not in page
