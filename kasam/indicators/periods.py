"""Reporting periods with codes in the style of Statistics Norway and Kolada:
2026 (year), 2026H1 (half-year), 2026T2 (tertial), 2026Q3 (quarter), 2026M05 (month)."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import cached_property

from django.db import models
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    MONTH = "M", _("month")
    QUARTER = "Q", _("quarter")
    TERTIAL = "T", _("tertial")
    HALF_YEAR = "H", _("half-year")
    YEAR = "Y", _("year")


MONTHS_IN = {Kind.MONTH: 1, Kind.QUARTER: 3, Kind.TERTIAL: 4, Kind.HALF_YEAR: 6, Kind.YEAR: 12}
_CODE = re.compile(r"^(?P<year>\d{4})(?:(?P<kind>[MQTH])(?P<number>\d{1,2}))?$")


class BadPeriod(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    year: int
    first_month: int  # 1–12: where the period starts
    kind: str

    @classmethod
    def of(cls, kind: str, year: int, number: int = 1) -> Period:
        size = MONTHS_IN[Kind(kind)]
        if not 1 <= number <= 12 // size:
            raise BadPeriod(f"{kind}{number}")
        return cls(year, (number - 1) * size + 1, kind)

    @classmethod
    def parse(cls, code: str) -> Period:
        found = _CODE.match(code.strip().upper())
        if found is None:
            raise BadPeriod(code)
        year = int(found["year"])
        if found["kind"] is None:
            return cls.of(Kind.YEAR, year)
        return cls.of(found["kind"], year, int(found["number"]))

    @classmethod
    def containing(cls, kind: str, day: datetime.date) -> Period:
        size = MONTHS_IN[Kind(kind)]
        return cls.of(kind, day.year, (day.month - 1) // size + 1)

    @property
    def number(self) -> int:
        return (self.first_month - 1) // MONTHS_IN[Kind(self.kind)] + 1

    @cached_property
    def code(self) -> str:
        if self.kind == Kind.YEAR:
            return str(self.year)
        width = 2 if self.kind == Kind.MONTH else 1
        return f"{self.year}{self.kind}{self.number:0{width}d}"

    @property
    def label(self) -> str:
        """The period as people write it in the active language: "november 2026", "2.
        tertial 2026", "2026" (the code stays for links, files and the API)."""
        if self.kind == Kind.YEAR:
            return str(self.year)
        if self.kind == Kind.MONTH:
            return formats.date_format(self.start, "YEAR_MONTH_FORMAT")
        names = {
            Kind.QUARTER: gettext("quarter %(number)s %(year)s"),
            Kind.TERTIAL: gettext("tertial %(number)s %(year)s"),
            Kind.HALF_YEAR: gettext("half-year %(number)s %(year)s"),
        }
        return names[Kind(self.kind)] % {"number": self.number, "year": self.year}

    @property
    def short_label(self) -> str:
        """For a chart's axis: "nov 26" for a month, else the label."""
        if self.kind == Kind.MONTH:
            return f"{formats.date_format(self.start, 'b')} {self.start:%y}"
        return self.label

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, self.first_month, 1)

    @property
    def end(self) -> datetime.date:
        last_month = self.first_month + MONTHS_IN[Kind(self.kind)] - 1
        return datetime.date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    def months(self) -> list[Period]:
        return list(self._months)

    @cached_property
    def _months(self) -> tuple[Period, ...]:
        size = MONTHS_IN[Kind(self.kind)]
        return tuple(
            Period(self.year, m, Kind.MONTH)
            for m in range(self.first_month, self.first_month + size)
        )

    def shift(self, steps: int) -> Period:
        """The period `steps` periods later (earlier when negative), of the same kind."""
        size = MONTHS_IN[Kind(self.kind)]
        index = self.year * 12 + self.first_month - 1 + steps * size
        return Period(index // 12, index % 12 + 1, self.kind)

    def last(self, count: int) -> list[Period]:
        """The `count` periods ending with this one, oldest first."""
        return [self.shift(-n) for n in range(count - 1, -1, -1)]

    def __str__(self) -> str:
        return self.code


# How many periods of each kind the period picker offers, newest first.
PICKER = [
    (Kind.MONTH, 24),
    (Kind.TERTIAL, 6),
    (Kind.QUARTER, 8),
    (Kind.HALF_YEAR, 4),
    (Kind.YEAR, 6),
]


def picker(selected: Period, today: datetime.date) -> list[tuple[str, list[Period]]]:
    """The periods to choose from, by kind (the selected one always among them)."""
    groups = []
    for kind, count in PICKER:
        offered = Period.containing(kind, today).last(count)[::-1]
        if selected.kind == kind and selected not in offered:
            offered.append(selected)
        groups.append((str(Kind(kind).label), offered))
    return groups


def month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1
