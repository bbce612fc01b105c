"""Continuity of staff: how many different staff a client met.

Per client: different staff on visits made (checked in, not "not done") over 14 days.
The Swedish national measure ("personalkontinuitet", shared/reference/care-domain.md): over
14 days, for clients aged 65+ with at least 2 visits every day Monday–Sunday, visits
07:00–22:00, leaving out safety-alarm and meal-delivery visits and home-nursing staff, and
people not at home during the period; reported as mean and median per unit.

The manager's board panel and the indicator both ask `national_staff_met`.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractHour
from django.utils import timezone

from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client
from kasam.visits.models import Visit

DAYS = 14
LEFT_OUT_SERVICES = ("safety_alarm", "meals", "home_nursing")
AWAY = (Visit.Reason.HOSPITAL, Visit.Reason.NOT_HOME)
FIRST_HOUR, LAST_HOUR = 7, 22
# A visit is made when someone checked in and did not record it as not done.
MADE = Q(checked_in_at__isnull=False, staff__isnull=False) & ~Q(outcome=Visit.Outcome.NOT_DONE)


def fortnight(end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The 14 days ending on `end`."""
    return end - datetime.timedelta(days=DAYS - 1), end


def staff_count(client: Client, end: datetime.date | None = None) -> int:
    start, end = fortnight(end or timezone.localdate())
    visits = Visit.objects.filter(MADE, client=client, day__gte=start, day__lte=end)
    return visits.values("staff_id").distinct().count()


def national_staff_met(visits: QuerySet[Visit], end: datetime.date) -> dict[int, int]:
    """Per client in the national measure's population: the different staff met.

    Counted in the database (a client's visits per day, a client's staff), so that a month
    of a large municipality reads a few thousand rows, not every visit of the fortnight."""
    start, end = fortnight(end)
    period = visits.filter(day__gte=start, day__lte=end).order_by()
    away = set(period.filter(reason__in=AWAY).values_list("client_id", flat=True))
    counted = _counted(period, end)
    full_days: dict[int, int] = defaultdict(int)
    days = counted.values("client_id", "day").annotate(made=Count("pk")).filter(made__gte=2)
    for client_id in days.values_list("client_id", flat=True):
        full_days[client_id] += 1
    staff = counted.values("client_id").annotate(met=Count("staff_id", distinct=True))
    return {
        client_id: met
        for client_id, met in staff.values_list("client_id", "met")
        if full_days[client_id] == DAYS and client_id not in away
    }


def _counted(period: QuerySet[Visit], end: datetime.date) -> QuerySet[Visit]:
    """The visits that count: made 07–22 (local time) for a client 65 or older on the last
    day, not a safety alarm, a meal or home nursing."""
    return (
        period.filter(MADE, client__birth_date__lte=_born_by(end))
        .exclude(activity__line__service__code__in=LEFT_OUT_SERVICES)
        .alias(hour=ExtractHour("checked_in_at"))
        .filter(hour__gte=FIRST_HOUR, hour__lt=LAST_HOUR)
    )


def _born_by(end: datetime.date) -> datetime.date:
    """The last birth date of someone 65 on `end` (on 29 February: the 28th, 65 years back)."""
    try:
        return end.replace(year=end.year - 65)
    except ValueError:
        return end.replace(year=end.year - 65, day=28)


@dataclass(frozen=True)
class Measure:
    clients: int
    mean: float | None
    median: float | None


def national_measure(units: QuerySet[OrganisationUnit], end: datetime.date) -> Measure:
    counts = list(national_staff_met(Visit.objects.filter(unit__in=units), end).values())
    if not counts:
        return Measure(0, None, None)
    return Measure(len(counts), round(statistics.mean(counts), 1), statistics.median(counts))
