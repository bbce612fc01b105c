"""The worker's side of planning (services.execute): acknowledged only when done, so a run
whose worker died is made again; a hard time limit stops a run that hangs."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from kasam.planner import services

HARD_LIMIT_MARGIN = 120  # seconds past the longest run a worker may take before it is killed


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    time_limit=settings.KASAM_PLANNER_MAX_SECONDS + HARD_LIMIT_MARGIN,
)
def plan_day(run_id: int) -> None:
    services.execute(run_id)
