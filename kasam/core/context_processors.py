from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kasam.core.terms import Terms


def kasam(request: HttpRequest) -> dict[str, Any]:
    return {
        "KASAM_COUNTRY": settings.KASAM_COUNTRY,
        "EMERGENCY_HOURS": settings.KASAM_EMERGENCY_ACCESS_HOURS,
        "terms": Terms(),
        "BRAND_NAME": settings.KASAM_BRAND_NAME,
        "BRAND_LOGO": settings.KASAM_BRAND_LOGO,
        "BRAND_COLOUR": settings.KASAM_BRAND_COLOUR.lstrip("#"),
    }
