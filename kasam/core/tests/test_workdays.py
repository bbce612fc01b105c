from __future__ import annotations

import datetime
import zoneinfo

import pytest

from kasam.core.workdays import WorkdayCalendar

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NO = WorkdayCalendar("NO", after_hours_next_day=False)
SE = WorkdayCalendar("SE", after_hours_next_day=False)


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=OSLO)


@pytest.mark.parametrize(
    ("calendar", "received", "days", "due"),
    [
        (NO, "2026-11-20", 2, "2026-11-24"),  # Friday -> Tuesday over a weekend
        (NO, "2026-04-01", 2, "2026-04-08"),  # Easter: Maundy Thursday .. Easter Monday
        (SE, "2026-04-01", 2, "2026-04-07"),  # Maundy Thursday is a working day in Sweden
        (NO, "2025-05-16", 1, "2025-05-19"),  # 17 May 2025 is a Saturday
        (NO, "2027-05-14", 1, "2027-05-18"),  # 17 May 2027 is a Monday
        (NO, "2026-12-23", 2, "2026-12-28"),  # 24 Dec is a working day in Norway
        (SE, "2026-12-22", 2, "2026-12-28"),  # ...Sweden skips 24-27 Dec
        (SE, "2026-12-23", 2, "2026-12-29"),  # Christmas Eve counts as a holiday in Sweden
        (SE, "2026-06-18", 1, "2026-06-22"),  # Midsummer Eve (19 June) is not a working day
        (NO, "2026-06-18", 1, "2026-06-19"),  # ...but it is in Norway
        (SE, "2026-12-30", 1, "2027-01-04"),  # New Year's Eve and Day
    ],
)
def test_add_working_days(calendar, received, days, due):
    assert calendar.add_working_days(at(received), days) == at(due)


def test_received_on_a_holiday_counts_from_the_next_working_day():
    assert NO.add_working_days(at("2026-12-25"), 1) == at("2026-12-28")


def test_received_after_office_hours_counts_from_next_day():
    late = WorkdayCalendar("NO", after_hours_next_day=True, office_closes_at=16)
    assert late.add_working_days(at("2026-11-23", 17), 2) == at("2026-11-26", 17)
    assert late.add_working_days(at("2026-11-23", 15), 2) == at("2026-11-25", 15)


@pytest.mark.parametrize(
    ("calendar", "start", "end", "count"),
    [
        (NO, "2026-11-20", "2026-11-27", 5),
        (NO, "2026-03-31", "2026-04-07", 2),  # Wed 1 Apr, Tue 7 Apr
        (SE, "2026-03-31", "2026-04-07", 3),  # Wed 1, Thu 2, Tue 7 Apr
        (SE, "2026-12-20", "2027-01-08", 10),  # eves, holidays, Epiphany
        (NO, "2026-12-20", "2027-01-08", 13),  # 21-24 and 28-31 Dec, 4-8 Jan
        (NO, "2026-11-23", "2026-11-23", 0),
    ],
)
def test_count_working_days_between(calendar, start, end, count):
    first, last = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    assert calendar.working_days_between(first, last) == count
    assert calendar.working_days_between(last, first) == -count


def test_swedish_statutory_time_limit_ending_on_an_eve_moves_to_next_weekday():
    # 14 days from 5 June 2026 ends on Midsummer Eve, Friday 19 June -> Monday 22 June.
    assert SE.add_calendar_days(at("2026-06-05"), 14) == at("2026-06-22")
    assert NO.add_calendar_days(at("2026-06-05"), 14) == at("2026-06-19")


def test_time_limit_ending_on_a_sunday_moves_to_monday():
    assert NO.add_calendar_days(at("2026-11-15"), 7) == at("2026-11-23")
