"""Words that differ between the countries, not only between the languages.

A Norwegian installation says "bruker" and "vedtak", a Swedish one "kund" and "beslut";
in English both say "client". The country decides which context the translation uses.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

_TERMS: dict[str, dict[str, Promise]] = {
    "client": {
        "NO": pgettext_lazy("Norway", "client"),
        "SE": pgettext_lazy("Sweden", "client"),
    },
    "clients": {
        "NO": pgettext_lazy("Norway", "clients"),
        "SE": pgettext_lazy("Sweden", "clients"),
    },
    "national_id": {
        "NO": pgettext_lazy("Norway", "national ID number"),
        "SE": pgettext_lazy("Sweden", "national ID number"),
    },
    "decision": {
        "NO": pgettext_lazy("Norway", "decision"),
        "SE": pgettext_lazy("Sweden", "decision"),
    },
    "contact_person": {
        "NO": pgettext_lazy("Norway", "contact person"),
        "SE": pgettext_lazy("Sweden", "contact person"),
    },
}


def term(key: str) -> str:
    return str(_TERMS[key][settings.KASAM_COUNTRY])


class Terms:
    """Template access: {{ terms.client }}."""

    def __getitem__(self, key: str) -> str:
        return term(key)

    def __getattr__(self, key: str) -> str:
        if key.startswith("_") or key not in _TERMS:
            raise AttributeError(key)
        return term(key)
