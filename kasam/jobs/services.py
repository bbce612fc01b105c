"""Starting, running and retrying jobs. Without a broker the worker is the request itself
(Celery runs eagerly), so the job is ready when its page first shows."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone, translation

from kasam.accounts.models import User
from kasam.core.errors import Refused
from kasam.jobs.models import Job
from kasam.jobs.registry import PRODUCERS

log = logging.getLogger(__name__)


@transaction.atomic
def start_job(*, owner: User, kind: str, title: str, params: dict[str, Any]) -> Job:
    """Store what was asked and queue it once the request's transaction has committed."""
    if kind not in PRODUCERS:
        raise ValueError(f"no producer for {kind!r}")
    job = Job.objects.create(owner=owner, kind=kind, title=title, params=params)
    _queue(job)
    return job


@transaction.atomic
def retry_job(*, owner: User, job: Job) -> Job:
    if job.owner_id != owner.pk or job.status != Job.Status.FAILED:
        raise Refused(translation.gettext("Only a failed job can be tried again."))
    job.status, job.progress, job.message = Job.Status.QUEUED, 0, ""
    job.save(update_fields=["status", "progress", "message", "updated_at"])
    _queue(job)
    return job


def _queue(job: Job) -> None:
    from kasam.jobs.tasks import run_job

    transaction.on_commit(lambda: run_job.delay(job.pk))


def run(job_id: int) -> None:
    """Make what the job asks for; safe to run again (a finished job is left as it is)."""
    job = Job.objects.select_related("owner").filter(pk=job_id).first()
    if job is None or job.status == Job.Status.DONE:
        return
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, progress=1)
    try:
        with translation.override(job.owner.language or None):
            made = PRODUCERS[job.kind](job.params, lambda percent: _progress(job, percent))
    except Exception:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        message = translation.gettext("Something went wrong while it was being made.")
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, message=message, finished_at=timezone.now()
        )
        return
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE,
        progress=100,
        result=made.body,
        filename=made.filename,
        content_type=made.content_type,
        finished_at=timezone.now(),
    )


def _progress(job: Job, percent: int) -> None:
    Job.objects.filter(pk=job.pk).update(progress=max(1, min(99, percent)))
