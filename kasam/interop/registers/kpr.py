"""Norway: the municipal patient and user register (KPR, Helsedirektoratet), yearly data.

Per person and year: the services decided and given (type, decision date, start and end,
hours per week where the service has them, hours given) and the IPLOS function variables
(1-5, 9) of the latest assessment. KPR takes two messages sent apart: the content keyed by a
local person id (KPR_IPL) and the identities (KPR_IDE); Kasam makes both, in one zip, from
the client's public id, so the content file names no one.

SPEC names the specification this mapping follows. TO VERIFY: it was written offline from
public descriptions. The element and attribute names, the namespace, the service type codes
and the variable names below are Kasam's reading, not copied from the XSD; an installation
checks them against the current IPLOS/KPR XSD and functional specification
(helsedirektoratet.no, "Rapportere data til KPR") before its first delivery, and corrects
this module (docs/operations.md, "National registers").
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from xml.etree import ElementTree

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kasam.interop.registers.extract import GivenService, Period, Person, checked

SPEC = "IPLOS 3.7.1 (KPR-IPLOS, Helsedirektoratet) - TO VERIFY"
NAMESPACE = "urn:kasam:register:kpr-iplos:3.7"  # TO VERIFY: the XSD's target namespace
SCALE = "iplos"
ID_LENGTH = 11  # fødselsnummer and D-nummer

# Kasam service code -> KPR service type (TO VERIFY against the register's code list).
# Services not listed (coordinator, individual plan) are not reported to KPR.
SERVICE_CODES = {
    "home_nursing": "helsetjenester_i_hjemmet",
    "practical_help": "praktisk_bistand",
    "personal_assistance": "brukerstyrt_personlig_assistanse",
    "safety_alarm": "trygghetsalarm",
    "meals": "matombringing",
    "day_centre": "dagaktivitetstilbud",
    "respite": "avlastning",
    "short_term_place": "tidsbegrenset_opphold",
    "long_term_place": "langtidsopphold",
    "support_contact": "stottekontakt",
}

# Kasam's IPLOS item code -> KPR variable (TO VERIFY against the variable list).
VARIABLES = {
    "social_participation": "sosialDeltakelse",
    "daily_decisions": "beslutningerDagligliv",
    "behaviour": "styreAtferd",
    "housework": "alminneligHusarbeid",
    "goods_services": "skaffeVarerTjenester",
    "hygiene": "personligHygiene",
    "dressing": "kleAvPa",
    "eating": "spise",
    "preparing_food": "lageMat",
    "toilet": "toalett",
    "moving_indoors": "bevegeInnendors",
    "moving_outdoors": "bevegeUtendors",
    "own_health": "ivaretaEgenHelse",
    "memory": "hukommelse",
    "communication": "kommunikasjon",
    "vision": "syn",
    "hearing": "horsel",
}
LEVELS = frozenset({1, 2, 3, 4, 5, 9})


def problems(person: Person, period: Period) -> tuple[list[str], list[str]]:
    """(what leaves the person out of the file, what the file will lack for them)."""
    no_id = _("No Norwegian national ID number (fødselsnummer or D-nummer).")
    _reported, errors, hours = checked(person, SERVICE_CODES, ID_LENGTH, no_id)
    warnings: list[str] = []
    if person.assessed_on is None:
        when = formats.date_format(period.last, "SHORT_DATE_FORMAT")
        warnings.append(_("No IPLOS assessment made by %(date)s.") % {"date": when})
    else:
        missing = [v for v in VARIABLES if v not in person.scores]
        if missing:
            text = ngettext(
                "%(n)s IPLOS variable has no score.",
                "%(n)s IPLOS variables have no score.",
                len(missing),
            )
            warnings.append(text % {"n": len(missing)})
        wrong = [v for v, level in person.scores.items() if v in VARIABLES and level not in LEVELS]
        if wrong:
            warnings.append(_("IPLOS scores outside 1-5 and 9 are left out."))
    return errors, warnings + hours


def reported(person: Person) -> list[GivenService]:
    return [g for g in person.services if g.service.code in SERVICE_CODES]


def write(people: Sequence[Person], period: Period, municipality: str) -> tuple[bytes, int]:
    """The zip of KPR_IPL.xml and KPR_IDE.xml; and how many service rows it holds."""
    ElementTree.register_namespace("", NAMESPACE)
    content = _root("KPR_IPL", period, municipality)
    identities = _root("KPR_IDE", period, municipality)
    rows = 0
    for person in people:
        local_id = str(person.client.public_id)
        element = ElementTree.SubElement(content, _tag("Person"), id=local_id)
        for given in reported(person):
            ElementTree.SubElement(element, _tag("Tjeneste"), _service(given))
            rows += 1
        for variable, level in sorted(person.scores.items()):
            if variable in VARIABLES and level in LEVELS:
                attributes = {"variabel": VARIABLES[variable], "verdi": str(level)}
                if person.assessed_on is not None:
                    attributes["dato"] = person.assessed_on.isoformat()
                ElementTree.SubElement(element, _tag("Funksjon"), attributes)
        ElementTree.SubElement(
            identities, _tag("Person"), id=local_id, fodselsnummer=person.client.national_id
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("KPR_IPL.xml", _xml(content))
        archive.writestr("KPR_IDE.xml", _xml(identities))
    return buffer.getvalue(), rows


def _root(name: str, period: Period, municipality: str) -> ElementTree.Element:
    return ElementTree.Element(
        _tag(name),
        versjon=SPEC.split(" ")[1],
        kommunenummer=municipality,
        periode=period.code,
        laget=timezone.now().replace(microsecond=0).isoformat(),
    )


def _service(given: GivenService) -> dict[str, str]:
    attributes = {
        "type": SERVICE_CODES[given.service.code],
        "startdato": given.starts.isoformat(),
        "timerGitt": _number(given.hours_given),
    }
    if given.decided_on is not None:
        attributes["vedtaksdato"] = given.decided_on.isoformat()
    if given.ends is not None:
        attributes["sluttdato"] = given.ends.isoformat()
    if given.hours_week is not None:
        attributes["timerPerUke"] = _number(given.hours_week)
    return attributes


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _number(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.1")), "f")


def _xml(root: ElementTree.Element) -> bytes:
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
