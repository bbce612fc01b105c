"""The working-day calendar every deadline in Kasam uses.

Norway: Saturdays, Sundays and public holidays (helligdager) are not working days;
24 and 31 December are ordinary days in law.
Sweden: under Lag (1930:173) om beräkning av lagstadgad tid, Saturday, Sunday, public
holidays, Midsummer Eve, Christmas Eve and New Year's Eve are not working days
("helgfri vardag"). The `holidays` library lists the three eves as its "de_facto" category.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from functools import cache

import holidays
from django.conf import settings
from django.utils import timezone

_CATEGORIES = {"NO": ("public",), "SE": ("public", "de_facto")}
_MAX_DAYS = 3660


@dataclass(frozen=True)
class WorkdayCalendar:
    country: str
    after_hours_next_day: bool = True
    office_closes_at: int = 16
    _years: dict[int, holidays.HolidayBase] = field(default_factory=dict, compare=False)

    def is_working_day(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and day not in self._holidays(day.year)

    def holiday_name(self, day: datetime.date) -> str | None:
        return self._holidays(day.year).get(day)

    def add_working_days(self, moment: datetime.datetime, days: int) -> datetime.datetime:
        """The same local time on the `days`-th working day after the day `moment` counts from."""
        local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        day = self.counting_day(local)
        for _ in range(days):
            day = self.next_working_day(day)
        return local.replace(year=day.year, month=day.month, day=day.day)

    def add_calendar_days(self, moment: datetime.datetime, days: int) -> datetime.datetime:
        """A time limit in calendar days; a limit ending on a non-working day moves to the next."""
        local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        day = local.date() + datetime.timedelta(days=days)
        if not self.is_working_day(day):
            day = self.next_working_day(day)
        return local.replace(year=day.year, month=day.month, day=day.day)

    def add_months(self, moment: datetime.datetime, months: int) -> datetime.datetime:
        """A limit in months ends on the same date (or the month's last day), then rolls."""
        local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        index = local.month - 1 + months
        year, month = local.year + index // 12, index % 12 + 1
        day = min(local.day, calendar.monthrange(year, month)[1])
        end = datetime.date(year, month, day)
        if not self.is_working_day(end):
            end = self.next_working_day(end)
        return local.replace(year=end.year, month=end.month, day=end.day)

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end` (negative if `end` is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        span = (end - start).days
        if span > _MAX_DAYS:
            raise ValueError("Date range too long for working-day counting.")
        return sum(
            self.is_working_day(start + datetime.timedelta(days=offset))
            for offset in range(1, span + 1)
        )

    def next_working_day(self, day: datetime.date) -> datetime.date:
        for offset in range(1, 30):
            candidate = day + datetime.timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError("No working day within 30 days.")  # pragma: no cover

    def counting_day(self, local: datetime.datetime) -> datetime.date:
        """The day counting starts from: received after hours counts as received next day."""
        after_hours = self.after_hours_next_day and local.hour >= self.office_closes_at
        if after_hours and self.is_working_day(local.date()):
            return local.date() + datetime.timedelta(days=1)
        return local.date()

    def _holidays(self, year: int) -> holidays.HolidayBase:
        if year not in self._years:
            self._years[year] = holidays.country_holidays(
                self.country, years=year, categories=_CATEGORIES[self.country]
            )
        return self._years[year]


@cache
def _calendar(country: str, after_hours: bool, closes_at: int) -> WorkdayCalendar:
    return WorkdayCalendar(country, after_hours, closes_at)


def calendar_for(country: str | None = None) -> WorkdayCalendar:
    """The installation's calendar (or another country's, for tests and comparisons)."""
    return _calendar(
        country or settings.KASAM_COUNTRY,
        settings.KASAM_AFTER_HOURS_NEXT_DAY,
        settings.KASAM_OFFICE_CLOSES_AT,
    )
