"""The sender as letters and reports show it: the municipality's name, logo, address and
contact (settings KASAM_BRAND_*; the name falls back to the top of the organisation tree,
then to the unit itself)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

from kasam.organisation.models import OrganisationUnit


def municipality_of(unit: OrganisationUnit) -> OrganisationUnit | None:
    root_path = "/".join(unit.path.split("/")[:2]) + "/"
    return OrganisationUnit.objects.filter(path=root_path).first()


def letterhead(unit: OrganisationUnit | None) -> dict[str, str]:
    sender = (municipality_of(unit) or unit) if unit is not None else None
    logo = finders.find(settings.KASAM_BRAND_LOGO) if settings.KASAM_BRAND_LOGO else None
    return {
        "name": settings.KASAM_BRAND_NAME or (sender.name if sender else ""),
        "logo": Path(logo).as_uri() if isinstance(logo, str) else "",
        "address": settings.KASAM_BRAND_ADDRESS,
        "contact": settings.KASAM_BRAND_CONTACT,
    }
