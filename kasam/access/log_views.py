"""The client's access log: who read or changed the record, on a page, as CSV and as PDF."""

from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kasam.access import log_exports
from kasam.access.services import open_client
from kasam.audit.models import AuditEvent
from kasam.audit.selectors import access_log_for
from kasam.audit.services import Actor
from kasam.core.exports import csv_bytes
from kasam.jobs.views import file_or_job

Action = AuditEvent.Action


def _who(event: AuditEvent) -> str:
    return event.actor.display_name


def _rows(events: list[AuditEvent]) -> list[list[str]]:
    return [
        [
            timezone.localtime(event.occurred_at).strftime("%Y-%m-%d %H:%M"),
            _who(event),
            event.seen_role_label,
            event.seen_unit_name,
            str(event.get_action_display()),
            event.seen_basis_label,
        ]
        for event in events
    ]


@require_GET
def access_log(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_client(actor=Actor.from_request(request), public_id=public_id)
    page = Paginator(access_log_for(access.client), 50).get_page(request.GET.get("page"))
    return render(request, "audit/access_log.html", {"client": access.client, "page": page})


@require_GET
def access_log_csv(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_client(
        actor=Actor.from_request(request), public_id=public_id, action=Action.EXPORT
    )
    header = [_("Time"), _("Who"), _("Role"), _("Unit"), _("What"), _("Basis")]
    body = csv_bytes(header, _rows(list(access_log_for(access.client))))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="access-log.csv"'
    return response


@require_GET
def access_log_pdf(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_client(
        actor=Actor.from_request(request), public_id=public_id, action=Action.PRINT
    )
    title = _("Access log (PDF)")
    params = {"client": str(access.client.public_id)}
    return file_or_job(request, kind=log_exports.KIND, title=title, params=params)
