"""The decision letter: a PDF in the client's language with reasons, legal basis and appeal."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import translation

from kasam.core.exports import pdf_bytes
from kasam.core.terms import Terms
from kasam.decisions.models import Decision
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client

LETTER_LANGUAGES = {"nb": "nb", "nn": "nb", "sv": "sv", "en": "en"}


def letter_language(client: Client) -> str:
    """nb, sv or en; other languages get the installation's language (and an interpreter)."""
    return LETTER_LANGUAGES.get(client.preferred_language, settings.LANGUAGE_CODE)


def letterhead(municipality: OrganisationUnit | None) -> dict[str, str]:
    """The sender as a letter shows it: the municipality's name, logo, address, contact."""
    logo = finders.find(settings.KASAM_BRAND_LOGO) if settings.KASAM_BRAND_LOGO else None
    return {
        "name": settings.KASAM_BRAND_NAME or (municipality.name if municipality else ""),
        "logo": Path(logo).as_uri() if isinstance(logo, str) else "",
        "address": settings.KASAM_BRAND_ADDRESS,
        "contact": settings.KASAM_BRAND_CONTACT,
    }


def render_letter(decision: Decision, language: str) -> bytes:
    case = decision.case
    root_path = "/".join(case.unit.path.split("/")[:2]) + "/"
    municipality = OrganisationUnit.objects.filter(path=root_path).first()
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
        "letterhead": letterhead(municipality),
    }
    with translation.override(language):
        return pdf_bytes("decisions/letter.html", context)
