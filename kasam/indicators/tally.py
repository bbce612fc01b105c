"""Aggregate first, divide after: numerators and denominators are summed per unit and month,
and only then turned into a value. Medians keep their samples."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone


@dataclass
class Tally:
    numerator: float = 0
    denominator: float = 0
    samples: list[float] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.numerator += other.numerator
        self.denominator += other.denominator
        self.samples.extend(other.samples)


# (unit id, month index) → tally; a month index is year * 12 + month - 1.
Monthly = dict[tuple[int, int], Tally]


def month_of(moment: datetime.date | datetime.datetime) -> int:
    if isinstance(moment, datetime.datetime):
        moment = timezone.localdate(moment)
    return moment.year * 12 + moment.month - 1


def month_end(index: int) -> datetime.date:
    year, month = divmod(index + 1, 12)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def month_start(index: int) -> datetime.date:
    return datetime.date(index // 12, index % 12 + 1, 1)


def count(
    monthly: Monthly, unit_id: int, month: int, *, numerator: float, denominator: float
) -> None:
    tally = monthly.setdefault((unit_id, month), Tally())
    tally.numerator += numerator
    tally.denominator += denominator


def sample(monthly: Monthly, unit_id: int, month: int, value: float) -> None:
    tally = monthly.setdefault((unit_id, month), Tally())
    tally.samples.append(value)
    tally.denominator += 1


def months_covered(
    first: int, last: int, starts: datetime.date, ends: datetime.date | None
) -> range:
    """The month indices in [first, last] at whose last day an interval is in force."""
    start_month = month_of(starts)
    if ends is None:
        end_month = last
    else:
        end_month = month_of(ends) if ends == month_end(month_of(ends)) else month_of(ends) - 1
    return range(max(first, start_month), min(last, end_month) + 1)
