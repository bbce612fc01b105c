"""Sweden: Socialstyrelsen's register of services for older people and people with
disabilities (HSLF-FS 2016:86 for SoL; the LSS services in the same layout), monthly data,
delivered by the 15th through Socialstyrelsen's file portal.

Per person and month, two semicolon-separated text files: bilaga 1, the services running
on the month's last day (with the hours granted and given); bilaga 2, the services started
or ended during the month (with their dates). A line never ends with a semicolon.

SPEC names the regulation this mapping follows. TO VERIFY: written offline. The order of
the fields, the service codes (insatskod), the hours granted per month (hours per week x
52 / 12) and the character set are Kasam's reading; an installation checks them against
the current "teknisk beskrivning" before its first delivery and corrects this module
(docs/operations.md, "National registers").
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from kasam.interop.registers.extract import GivenService, Period, Person, checked

SPEC = "HSLF-FS 2016:86, bilaga 1 and 2 - TO VERIFY"
SCALE = "ibic"
ID_LENGTH = 12  # personnummer and samordningsnummer, YYYYMMDDNNNC

# Kasam service code -> (law, insatskod) (TO VERIFY against the register's code list).
# Home nursing is health care (HSL) and goes to another register; it is not listed here.
SERVICE_CODES = {
    "practical_help": ("SoL", "hemtjanst"),
    "personal_care": ("SoL", "hemtjanst"),
    "safety_alarm": ("SoL", "trygghetslarm"),
    "meals": ("SoL", "matdistribution"),
    "day_centre": ("SoL", "dagverksamhet"),
    "respite": ("SoL", "avlosning"),
    "short_term_place": ("SoL", "korttidsboende"),
    "long_term_place": ("SoL", "sarskilt_boende"),
    "support_contact": ("SoL", "kontaktperson"),
    "personal_assistance": ("LSS", "personlig_assistans"),
}
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)


def problems(person: Person, period: Period) -> tuple[list[str], list[str]]:
    """(what leaves the person out of the file, what the file will lack for them)."""
    no_id = _("No Swedish personnummer or samordningsnummer.")
    _reported, errors, warnings = checked(person, SERVICE_CODES, ID_LENGTH, no_id)
    return errors, warnings


def reported(person: Person) -> list[GivenService]:
    return [g for g in person.services if g.service.code in SERVICE_CODES]


def write(people: Sequence[Person], period: Period, municipality: str) -> tuple[bytes, int]:
    """The zip of bilaga1.txt and bilaga2.txt; and how many lines they hold."""
    running, changed = [], []
    month = period.code.replace("-", "")
    for person in people:
        for (law, code), services in _by_code(reported(person)).items():
            start = [municipality, person.client.national_id, month, law, code]
            if any(_runs_on(g, period.last) for g in services):
                granted = sum((g.hours_week or 0) * WEEKS_PER_MONTH for g in services)
                given = sum(g.hours_given for g in services)
                running.append([*start, _number(Decimal(granted)), _number(Decimal(given))])
            for g in services:
                if period.first <= g.starts <= period.last or _ends_in(g, period):
                    ended = g.ends if _ends_in(g, period) and g.ends else None
                    changed.append([*start, _day(g.starts), _day(ended)])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bilaga1.txt", _lines(running))
        archive.writestr("bilaga2.txt", _lines(changed))
    return buffer.getvalue(), len(running) + len(changed)


def _by_code(services: list[GivenService]) -> dict[tuple[str, str], list[GivenService]]:
    grouped: dict[tuple[str, str], list[GivenService]] = {}
    for given in services:
        grouped.setdefault(SERVICE_CODES[given.service.code], []).append(given)
    return grouped


def _runs_on(given: GivenService, day: datetime.date) -> bool:
    return given.starts <= day and (given.ends is None or given.ends >= day)


def _ends_in(given: GivenService, period: Period) -> bool:
    return given.ends is not None and period.first <= given.ends <= period.last


def _day(value: datetime.date | None) -> str:
    return value.strftime("%Y%m%d") if value is not None else ""


def _number(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.1")), "f").replace(".", ",")


def _lines(rows: list[list[str]]) -> str:
    # An empty last field (no end date) leaves the line ending in a semicolon, which the
    # register refuses: such a field is dropped. TO VERIFY with the portal.
    return "".join(";".join(row).rstrip(";") + "\r\n" for row in rows)
