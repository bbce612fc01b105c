"""The columns of the indicator file: written with headings in the reader's language, read
back in any of the interface languages or by their codes (Kolada / KOSTRA style)."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

COLUMNS = {
    "indicator": _("Indicator"),
    "name": _("Name"),
    "unit": _("Unit"),
    "municipality": _("Municipality"),
    "period": _("Period"),
    "value": _("Value"),
    "numerator": _("Numerator"),
    "denominator": _("Denominator"),
    "status": _("Status"),
    "definition": _("Definition version"),
    "comment": _("Comment"),
}
EXPORTED = [code for code in COLUMNS if code != "comment"]


def headings() -> list[str]:
    """The exported columns' headings, in the active language."""
    return [str(COLUMNS[code]) for code in EXPORTED]


@cache
def _codes() -> dict[str, str]:
    codes = {code: code for code in COLUMNS}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            codes |= {str(label).lower(): code for code, label in COLUMNS.items()}
    return codes


def code_of(heading: str) -> str:
    """A column's code from its heading in any language; an unknown heading as written."""
    name = heading.strip().lower()
    return _codes().get(name, name)
