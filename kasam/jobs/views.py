"""A job's page: its progress while it is made (refreshed by htmx), then the download, or
what went wrong with a way to try again. Only the person who asked sees it."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from kasam.accounts.requests import staff_user
from kasam.core.errors import Refused
from kasam.core.views import refuse
from kasam.jobs import services
from kasam.jobs.models import Job
from kasam.jobs.registry import PRODUCERS, Made


def _own_job(request: HttpRequest, public_id: uuid.UUID) -> Job:
    """The job if the requester asked for it; 404 otherwise."""
    job = Job.objects.filter(public_id=public_id, owner=staff_user(request)).first()
    if job is None:
        raise Http404
    return job


def file_or_job(
    request: HttpRequest, *, kind: str, title: str, params: dict[str, Any]
) -> HttpResponse:
    """The file at once when there is no worker (the request is the worker), else a job
    and a redirect to its page."""
    if not settings.KASAM_BACKGROUND_EXPORTS:
        return file_response(PRODUCERS[kind](params, lambda _percent: None))
    found = services.start_job(owner=staff_user(request), kind=kind, title=title, params=params)
    return redirect("jobs:job", public_id=found.public_id)


def file_response(made: Made) -> HttpResponse:
    response = HttpResponse(made.body, content_type=made.content_type)
    response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    return response


@require_GET
def job(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    found = _own_job(request, public_id)
    partial = request.headers.get("HX-Request") == "true"
    template = "jobs/partials/status.html" if partial else "jobs/job.html"
    return render(request, template, {"job": found})


@require_GET
def download(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    found = _own_job(request, public_id)
    if found.status != Job.Status.DONE or found.result is None:
        raise Http404
    return file_response(Made(bytes(found.result), found.filename, found.content_type))


@require_POST
def retry(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    found = _own_job(request, public_id)
    try:
        services.retry_job(owner=staff_user(request), job=found)
    except Refused as error:
        return refuse(request, error, "jobs:job", public_id=public_id)
    return redirect("jobs:job", public_id=public_id)
