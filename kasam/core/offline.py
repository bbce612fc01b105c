"""Pages a care worker's phone may keep for use without a signal (the service worker,
templates/sw.js, keeps only responses marked here, and only on the day they were made)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone

HEADER = "X-Kasam-Offline"


def keep_on_phone(response: HttpResponse) -> HttpResponse:
    """Mark the page as today's work of this user: the phone keeps it until the day ends or
    the user logs out. Only for pages without national ID numbers."""
    if response.status_code == 200:
        response[HEADER] = timezone.localdate().isoformat()
    return response
