"""Deadlines of the shipped case types across weekends and holidays in both countries."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from kasam.cases.deadlines import deadlines_for, state_of
from kasam.cases.models import CaseDeadline, CaseType
from kasam.core.workdays import WorkdayCalendar

pytestmark = pytest.mark.django_db
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def at(day: str, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=OSLO)


def due(country, code, received, *, after_hours=True):
    case_type = CaseType.objects.get(country=country, code=code)
    calendar = WorkdayCalendar(country, after_hours_next_day=after_hours)
    return {
        d.milestone: (d.statutory_due, d.local_due, d.due)
        for d in deadlines_for(list(case_type.rules.all()), received, calendar)
    }


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("country", "received", "first_contact"),
    [
        ("NO", at("2026-04-01"), "2026-04-08"),  # Wednesday before Easter: Thu-Mon off
        ("SE", at("2026-04-01"), "2026-04-07"),  # Sweden works Maundy Thursday
        ("NO", at("2024-05-16"), "2024-05-22"),  # 17 May, weekend, Whit Monday
        ("NO", at("2026-05-16"), "2026-05-19"),  # received on a Saturday
        ("SE", at("2026-06-19"), "2026-06-23"),  # received on Midsummer Eve
        ("NO", at("2026-12-23"), "2026-12-28"),  # 24 December is a working day in Norway
        ("SE", at("2026-12-23"), "2026-12-29"),  # ...not in Sweden
        ("NO", at("2026-11-19", 16, 30), "2026-11-24"),  # after 16:00 counts from Friday
        ("NO", at("2026-11-19", 15, 59), "2026-11-23"),  # before 16:00 counts from Thursday
    ],
)
def test_first_contact_within_two_working_days(country, received, first_contact):
    statutory, local, effective = due(country, "application", received)["first_contact"]
    assert (statutory, local, effective) == (None, d(first_contact), d(first_contact))


def test_after_hours_rule_is_a_setting():
    received = at("2026-11-19", 16, 30)
    assert due("NO", "application", received, after_hours=False)["first_contact"][2] == d(
        "2026-11-23"
    )


def test_concern_norway_week_is_stricter_than_five_working_days_over_easter():
    deadlines = due("NO", "concern", at("2026-04-01"))
    assert deadlines["screening"] == (d("2026-04-08"), d("2026-04-13"), d("2026-04-08"))
    assert deadlines["decision"] == (d("2026-07-01"), None, d("2026-07-01"))


def test_concern_sweden_over_christmas_local_promise_is_stricter():
    deadlines = due("SE", "concern", at("2026-12-23"))
    # 14 days land on Epiphany (6 January), a holiday: the limit moves to the 7th.
    assert deadlines["screening"] == (d("2027-01-07"), d("2027-01-05"), d("2027-01-05"))
    # four months from 23 December end on 23 April 2027, a Friday
    assert deadlines["decision"] == (d("2027-04-23"), None, d("2027-04-23"))


def test_concern_sweden_on_midsummer_eve():
    deadlines = due("SE", "concern", at("2026-06-19"))
    assert deadlines["screening"] == (d("2026-07-03"), d("2026-06-26"), d("2026-06-26"))


def test_months_end_on_the_last_day_of_a_short_month_and_roll_to_a_working_day():
    calendar = WorkdayCalendar("NO")
    assert calendar.add_months(at("2026-10-31"), 4).date() == d("2027-03-01")  # 28 Feb: Sunday


@pytest.mark.parametrize(
    ("met_at", "today", "case_open", "key"),
    [
        (None, "2026-11-03", True, "open"),
        (None, "2026-11-04", True, "due_today"),
        (None, "2026-11-05", True, "overdue"),
        (at("2026-11-04", 15), "2026-11-09", True, "met"),
        (at("2026-11-05", 8), "2026-11-09", True, "met_late"),
        (None, "2026-11-09", False, "stopped"),
    ],
)
def test_deadline_state(met_at, today, case_open, key):
    deadline = CaseDeadline(milestone="first_contact", local_due=d("2026-11-04"), met_at=met_at)
    assert state_of(deadline, d(today), case_open=case_open).key == key
