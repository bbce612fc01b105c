"""National identity numbers for Norway and Sweden, validated with python-stdnum.

Stored form: Norway 11 digits (DDMMYYIIIKK); Sweden 12 digits (YYYYMMDDNNNC), the form the
Swedish Tax Agency stores. Only ASCII digits are accepted: Python's ``str.isdigit`` and
``int`` also accept full-width and Arabic-Indic digits, which must never pass.
"""

from __future__ import annotations

import datetime
import enum
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.no import fodselsnummer

ASCII_DIGITS = re.compile(r"[0-9]+")
# Norwegian synthetic test numbers (the Tax Administration's Tenor data) add 80 to the month.
NO_SYNTHETIC_MONTH = 80
# Swedish test personnummer (Skatteverket's published test numbers) use birth numbers 980-999.
SE_TEST_BIRTH_NUMBERS = range(980, 1000)


class IdKind(enum.StrEnum):
    FODSELSNUMMER = "fodselsnummer"
    D_NUMMER = "d_nummer"
    H_NUMMER = "h_nummer"
    PERSONNUMMER = "personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer"


class InvalidNationalId(ValueError):
    """The number is not valid; ``message`` is a translatable text for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class NationalId:
    number: str
    country: str
    kind: IdKind
    birth_date: datetime.date | None
    is_test_number: bool

    def formatted(self) -> str:
        return format_stored(self.number)


def parse_national_id(
    raw: str, *, country: str, allow_test: bool = True, today: datetime.date | None = None
) -> NationalId:
    """Validate ``raw`` and return it normalised, or raise InvalidNationalId."""
    parsers = {"NO": _parse_norwegian, "SE": _parse_swedish}
    if country not in parsers:
        raise InvalidNationalId(str(_("Unknown country code.")))
    parsed = parsers[country](raw.strip(), today or datetime.date.today())
    if parsed.is_test_number and not allow_test:
        raise InvalidNationalId(str(_("Test numbers are not accepted in this installation.")))
    return parsed


def _parse_norwegian(raw: str, today: datetime.date) -> NationalId:
    number = raw.replace(" ", "")
    if not ASCII_DIGITS.fullmatch(number):
        raise InvalidNationalId(str(_("A Norwegian national ID number has only the digits 0-9.")))
    if len(number) != 11:
        raise InvalidNationalId(str(_("A Norwegian national ID number has 11 digits.")))
    if _norwegian_check_digits(number[:9]) != number[-2:]:
        raise InvalidNationalId(str(_("The check digits do not match; please check the number.")))
    day, month = int(number[0:2]), int(number[2:4])
    kind, is_test = IdKind.FODSELSNUMMER, False
    if day > 40:
        kind, day = IdKind.D_NUMMER, day - 40
    if month > NO_SYNTHETIC_MONTH:
        is_test, month = True, month - NO_SYNTHETIC_MONTH
    elif month > 40:
        kind, month = IdKind.H_NUMMER, month - 40
    year = _norwegian_year(int(number[4:6]), int(number[6:9]))
    birth = _date_or_none(year, month, day)
    if birth is None or birth > today:
        raise InvalidNationalId(str(_("The number does not contain a valid birth date.")))
    return NationalId(number, "NO", kind, birth, is_test)


def _norwegian_check_digits(first_nine: str) -> str:
    first = fodselsnummer.calc_check_digit1(first_nine)
    return first + fodselsnummer.calc_check_digit2(first_nine + first)


def _norwegian_year(yy: int, individual: int) -> int | None:
    if individual < 500:
        return 1900 + yy
    if individual < 750 and yy >= 54:
        return 1800 + yy
    if yy < 40:
        return 2000 + yy
    if individual >= 900:
        return 1900 + yy
    return None


def _parse_swedish(raw: str, today: datetime.date) -> NationalId:
    separator = "+" if "+" in raw else "-"
    digits = raw.replace(" ", "").replace("-", "", 1).replace("+", "", 1)
    if not ASCII_DIGITS.fullmatch(digits):
        raise InvalidNationalId(
            str(_("A Swedish personal identity number has only the digits 0-9."))
        )
    if len(digits) not in (10, 12):
        raise InvalidNationalId(str(_("A Swedish personal identity number has 10 or 12 digits.")))
    if not luhn.is_valid(digits[-10:]):
        raise InvalidNationalId(str(_("The check digit does not match; please check the number.")))
    century = int(digits[:2]) * 100 if len(digits) == 12 else None
    yymmdd = digits[-10:-4]
    year = _swedish_year(int(yymmdd[:2]), century, separator, today)
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    kind = IdKind.PERSONNUMMER
    if day > 60:
        kind, day = IdKind.SAMORDNINGSNUMMER, day - 60
    birth = _date_or_none(year, month, day)
    if birth is None or birth > today:
        raise InvalidNationalId(str(_("The number does not contain a valid birth date.")))
    is_test = int(digits[-4:-1]) in SE_TEST_BIRTH_NUMBERS
    return NationalId(f"{year:04d}{digits[-8:]}", "SE", kind, birth, is_test)


def _swedish_year(yy: int, century: int | None, separator: str, today: datetime.date) -> int:
    if century is not None:
        return century + yy
    year = (today.year // 100) * 100 + yy
    if year > today.year:
        year -= 100
    if separator == "+":  # '+' marks a person aged 100 or more
        year -= 100
    return year


def _date_or_none(year: int | None, month: int, day: int) -> datetime.date | None:
    if year is None:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def format_stored(number: str) -> str:
    """Readable form of a stored number: 11 digits are Norwegian, 12 Swedish."""
    if len(number) == 11:
        return f"{number[:6]} {number[6:]}"
    if len(number) == 12:
        return f"{number[:8]}-{number[8:]}"
    return number


def legal_gender(number: str) -> str:
    """'F' or 'M' from a stored number (for statistics only; empty when unknown). Norway's
    planned new number format will no longer carry it: figures will then say unknown."""
    from stdnum.no import fodselsnummer
    from stdnum.se import personnummer

    try:
        if len(number) == 11:
            return str(fodselsnummer.get_gender(number))
        if len(number) == 12:
            return str(personnummer.get_gender(number))
    except ValueError:
        return ""
    return ""
