"""Continuity of staff: how many different staff a client met.

Per client: different staff on checked-in visits over the last 14 days.
The Swedish national measure ("personalkontinuitet", shared/reference/care-domain.md): over
14 days, for clients aged 65+ with at least 2 visits every day Monday–Sunday, visits
07:00–22:00, leaving out safety-alarm and meal-delivery visits and home-nursing staff, and
people not at home during the period; reported as mean and median per unit.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client
from kasam.visits.models import Visit

DAYS = 14
LEFT_OUT_SERVICES = ("safety_alarm", "meals", "home_nursing")
AWAY = (Visit.Reason.HOSPITAL, Visit.Reason.NOT_HOME)
FIRST_HOUR, LAST_HOUR = 7, 22


def _period(end: datetime.date) -> tuple[datetime.date, datetime.date]:
    return end - datetime.timedelta(days=DAYS - 1), end


def staff_count(client: Client, end: datetime.date | None = None) -> int:
    start, end = _period(end or timezone.localdate())
    return (
        Visit.objects.filter(
            client=client,
            day__gte=start,
            day__lte=end,
            checked_in_at__isnull=False,
            staff__isnull=False,
        )
        .values("staff_id")
        .distinct()
        .count()
    )


@dataclass(frozen=True)
class Measure:
    clients: int
    mean: float | None
    median: float | None


def national_measure(units: QuerySet[OrganisationUnit], end: datetime.date) -> Measure:
    start, end = _period(end)
    visits = Visit.objects.filter(unit__in=units, day__gte=start, day__lte=end).select_related(
        "client", "activity__line__service"
    )
    per_client: dict[int, list[Visit]] = defaultdict(list)
    for visit in visits:
        per_client[visit.client_id].append(visit)
    counts = [
        len({v.staff_id for v in kept})
        for kept in (_qualifying(vs, start, end) for vs in per_client.values())
        if kept is not None
    ]
    if not counts:
        return Measure(0, None, None)
    return Measure(len(counts), round(statistics.mean(counts), 1), statistics.median(counts))


def _qualifying(
    visits: list[Visit], start: datetime.date, end: datetime.date
) -> list[Visit] | None:
    """The visits that count, or None when the client is outside the population."""
    client = visits[0].client
    if client.birth_date is None or _age(client.birth_date, end) < 65:
        return None
    if any(v.reason in AWAY for v in visits):
        return None
    kept = [v for v in visits if _counts(v)]
    per_day: dict[datetime.date, int] = defaultdict(int)
    for visit in kept:
        per_day[visit.day] += 1
    days = [start + datetime.timedelta(days=i) for i in range(DAYS)]
    if any(per_day[day] < 2 for day in days):
        return None
    return kept


def _counts(visit: Visit) -> bool:
    if visit.checked_in_at is None or visit.staff_id is None:
        return False
    if visit.activity.line.service.code in LEFT_OUT_SERVICES:
        return False
    hour = timezone.localtime(visit.checked_in_at).hour
    return FIRST_HOUR <= hour < LAST_HOUR


def _age(birth: datetime.date, on: datetime.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
