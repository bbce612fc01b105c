"""Indicators from deviations, plugged into the indicator registry (indicators/live.py):
deviations per 1,000 visits made, and the share closed within the local promise."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from kasam.indicators.facts import Fact, Window, flow
from kasam.indicators.live import LIVE, Live, bounds
from kasam.indicators.tally import month_of
from kasam.quality.models import Deviation
from kasam.quality.rules import CLOSE_WITHIN_DAYS
from kasam.visits.models import Visit


def per_thousand_visits(window: Window) -> Iterator[Fact]:
    start, after = bounds(window)
    for unit_id, occurred in (
        Deviation.objects.filter(occurred_at__gte=start, occurred_at__lt=after)
        .exclude(status=Deviation.Status.REJECTED)
        .values_list("unit_id", "occurred_at")
    ):
        one = range(month_of(occurred), month_of(occurred) + 1)
        yield Fact(unit_id, None, one, one, weight=1, denominator=0)
    made = (
        Visit.objects.filter(
            day__gte=start.date(), day__lt=after.date(), checked_in_at__isnull=False
        )
        .annotate(month=TruncMonth("day"))
        .values("unit_id", "month")
        .annotate(visits=Count("pk"))
        .values_list("unit_id", "month", "visits")
    )
    for unit_id, month, visits in made:
        one = range(month_of(month), month_of(month) + 1)
        yield Fact(unit_id, None, one, range(0), weight=0, denominator=float(visits))


def closed_in_time(window: Window) -> Iterator[Fact]:
    start, after = bounds(window)
    promise = datetime.timedelta(days=CLOSE_WITHIN_DAYS)
    rows = Deviation.objects.filter(created_at__gte=start, created_at__lt=after).exclude(
        status=Deviation.Status.REJECTED
    )
    for unit_id, reported, closed in rows.values_list("unit_id", "created_at", "closed_at"):
        if closed is None and timezone.localdate(reported) + promise >= window.today:
            continue  # still within its promise
        hit = closed is not None and closed - reported <= promise
        yield flow(unit_id, None, month_of(reported), hit)


def register() -> None:
    for live in (
        Live(
            "deviations_per_1000_visits",
            per_thousand_visits,
            ("deviations", "visits"),
            per_month=True,  # visits are many: counted and cached month by month
        ),
        Live("deviations_closed_in_time", closed_in_time, ("deviations",)),
    ):
        LIVE[live.code] = live
