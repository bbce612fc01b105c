"""The care plan as a document the client keeps: in their language, with the municipality's
letterhead, their goals in their own words and the help they get."""

from __future__ import annotations

from django.utils import timezone, translation

from kasam.careplans.models import PlanVersion
from kasam.core.exports import pdf_bytes
from kasam.core.terms import Terms
from kasam.organisation.letterhead import letterhead


def plan_pdf(plan_version: PlanVersion) -> bytes:
    client = plan_version.plan.client
    links = client.service_links.select_related("unit")
    units = [link.unit for link in links]
    language = client.document_language
    context = {
        "client": client,
        "plan_version": plan_version,
        "letterhead": letterhead(units[0] if units else None),
        "unit_names": ", ".join(sorted({unit.name for unit in units})),
        "printed_on": timezone.localdate(),
        "LANGUAGE_CODE": language,
        "terms": Terms(),
    }
    with translation.override(language):
        return pdf_bytes("careplans/plan_pdf.html", context)
