"""Field validators shared by every app."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Letters of any script, with the spaces, apostrophes, hyphens and full stops names use.
_NAME = re.compile(r"[^\W\d_]+(?:[ '’.\-][^\W\d_]*)*\.?")
_PHONE = re.compile(r"\+?[0-9 ]{5,20}")
_POSTAL_CODE = re.compile(r"[0-9]{3} ?[0-9]{1,2}")


def validate_person_name(value: str) -> None:
    if not _NAME.fullmatch(value.strip()):
        raise ValidationError(
            _("A name may contain letters, spaces, apostrophes, hyphens and full stops only."),
            code="invalid_name",
        )


def validate_phone(value: str) -> None:
    if not _PHONE.fullmatch(value.strip()):
        raise ValidationError(
            _("Enter a phone number with digits 0-9, optionally starting with +."),
            code="invalid_phone",
        )


def validate_postal_code(value: str) -> None:
    if not _POSTAL_CODE.fullmatch(value.strip()):
        raise ValidationError(_("Enter a postal code of 4 or 5 digits."), code="invalid_postal")


def validate_plain_text(value: str) -> None:
    """Free text is stored as typed and shown escaped; only control characters are refused."""
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in value):
        raise ValidationError(_("The text contains control characters."), code="control_chars")


EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2199, 12, 31)


def validate_plausible_date(value: datetime.date) -> None:
    """Dates a care record can mean; 9999-12-31 would overflow every deadline after it."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(implausible_date_message(), code="implausible_date")


def implausible_date_message() -> str:
    return _("Enter a date between %(first)s and %(last)s.") % {
        "first": EARLIEST.isoformat(),
        "last": LATEST.isoformat(),
    }
