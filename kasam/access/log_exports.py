"""The client's access log as a PDF: made in the request, or by a worker as a job
(kasam.jobs). The request checks the care relationship and audits the print before the
job is started; the job only renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone, translation

from kasam.audit.selectors import access_log_for
from kasam.core.exports import pdf_bytes
from kasam.jobs.registry import Made
from kasam.organisation.letterhead import letterhead
from kasam.registry.models import Client

KIND = "access_log_pdf"


def produce(params: dict[str, Any], progress: Callable[[int], None]) -> Made:
    client = Client.objects.get(public_id=params["client"])
    events = list(access_log_for(client))
    progress(50)
    language = client.document_language
    served = client.service_links.select_related("unit").first()
    context = {
        "client": client,
        "events": events,
        "printed_at": timezone.now(),
        "LANGUAGE_CODE": language,
        "letterhead": letterhead(served.unit if served else None),
    }
    with translation.override(language):
        body = pdf_bytes("audit/access_log_pdf.html", context)
    return Made(body, "access-log.pdf", "application/pdf")
