"""The decision letter: a PDF in the client's language with reasons, legal basis and appeal."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from kasam.core.exports import pdf_bytes
from kasam.core.terms import Terms
from kasam.decisions.models import Decision
from kasam.organisation.letterhead import letterhead, municipality_of
from kasam.registry.models import DOCUMENT_LANGUAGES, Client

LETTER_LANGUAGES = DOCUMENT_LANGUAGES


def letter_language(client: Client) -> str:
    """nb, sv or en; other languages get the installation's language (and an interpreter)."""
    return client.document_language


def render_letter(decision: Decision, language: str) -> bytes:
    case = decision.case
    municipality = municipality_of(case.unit)
    context = {
        "decision": decision,
        "case": case,
        "client": case.client,
        "lines": list(decision.lines.select_related("service", "provider")),
        "municipality": municipality,
        "country": settings.KASAM_COUNTRY,
        "appeal_days": case.case_type.appeal_days,
        "LANGUAGE_CODE": language,
        "terms": Terms(),
        "letterhead": letterhead(case.unit),
    }
    with translation.override(language):
        return pdf_bytes("decisions/letter.html", context)
