"""The worker's side of jobs (services.run); acknowledged only when done, so a job whose
worker died is run again."""

from __future__ import annotations

from celery import shared_task

from kasam.jobs import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_job(job_id: int) -> None:
    services.run(job_id)
