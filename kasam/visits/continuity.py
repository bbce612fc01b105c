"""Continuity of staff: how many different staff a client met.

Per client: different staff on visits made (checked in, not "not done") over 14 days.
The Swedish national measure ("personalkontinuitet", shared/reference/care-domain.md): over
14 days, for clients aged 65+ with at least 2 visits every day Monday–Sunday, visits
07:00–22:00, leaving out safety-alarm and meal-delivery visits and home-nursing staff, and
people not at home during the period; reported as mean and median per unit.

Both read plain rows (`Seen`), so the manager's board panel and the indicator share the rule.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
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


@dataclass(frozen=True)
class Seen:
    """One visit in the fortnight, as the national measure reads it."""

    client_id: int
    birth_date: datetime.date | None
    day: datetime.date
    staff_id: int | None
    checked_in_at: datetime.datetime | None
    service: str
    reason: str
    outcome: str


def seen(visits: QuerySet[Visit], end: datetime.date) -> Iterable[Seen]:
    start, end = fortnight(end)
    rows = visits.filter(day__gte=start, day__lte=end).values_list(
        "client_id",
        "client__birth_date",
        "day",
        "staff_id",
        "checked_in_at",
        "activity__line__service__code",
        "reason",
        "outcome",
    )
    return (Seen(*row) for row in rows)


def national_staff_met(visits: QuerySet[Visit], end: datetime.date) -> dict[int, int]:
    """Per client in the national measure's population: the different staff met."""
    per_client: dict[int, list[Seen]] = defaultdict(list)
    for row in seen(visits, end):
        per_client[row.client_id].append(row)
    met = {}
    for client_id, rows in per_client.items():
        kept = _qualifying(rows, *fortnight(end))
        if kept is not None:
            met[client_id] = len({row.staff_id for row in kept})
    return met


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


def _qualifying(rows: list[Seen], start: datetime.date, end: datetime.date) -> list[Seen] | None:
    """The visits that count, or None when the client is outside the population."""
    birth = rows[0].birth_date
    if birth is None or age(birth, end) < 65:
        return None
    if any(row.reason in AWAY for row in rows):
        return None
    kept = [row for row in rows if _counts(row)]
    per_day: dict[datetime.date, int] = defaultdict(int)
    for row in kept:
        per_day[row.day] += 1
    days = [start + datetime.timedelta(days=i) for i in range(DAYS)]
    if any(per_day[day] < 2 for day in days):
        return None
    return kept


def _counts(row: Seen) -> bool:
    if row.checked_in_at is None or row.staff_id is None:
        return False
    if row.outcome == Visit.Outcome.NOT_DONE or row.service in LEFT_OUT_SERVICES:
        return False
    hour = timezone.localtime(row.checked_in_at).hour
    return FIRST_HOUR <= hour < LAST_HOUR


def age(birth: datetime.date, on: datetime.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
