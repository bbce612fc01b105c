"""Background work for visits: the coming weeks' visits generated every night (Celery beat),
so that worklists are ready whatever was agreed during the day. Idempotent: generating a
period again keeps what is there."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from kasam.visits.generation import generate


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def generate_coming_visits() -> dict[str, int]:
    start = timezone.localdate()
    end = start + datetime.timedelta(weeks=settings.KASAM_VISITS_WEEKS_AHEAD)
    result = generate(start, end)
    return {"created": result.created, "removed": result.removed, "kept": result.kept}
