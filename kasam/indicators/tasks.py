"""Background work for indicators: the dashboard's figures computed ahead (nightly and after
a start), so that nobody waits for a cold cache. The cache is keyed by the source counters,
so a warm-up can never make a figure stale; it only moves the waiting off the request."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from kasam.indicators.compute import Computation
from kasam.indicators.models import Indicator
from kasam.indicators.periods import Kind, Period
from kasam.indicators.selectors import dashboard_units

MONTHS = 36


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=3,
)
def warm_dashboard() -> int:
    """Every active indicator × the last 36 months × every dashboard unit; returns how many
    values are now ready."""
    today = timezone.localdate()
    months = Period.containing(Kind.MONTH, today).shift(-1).last(MONTHS)
    indicators = list(Indicator.objects.filter(active=True))
    units = list(dashboard_units())
    return len(Computation(indicators, units, months, today=today).run())
