"""A hospital's discharge notice, as a FHIR Bundle (Patient, Encounter, ServiceRequest),
becomes a referral case on the receiving unit's inbox with its deadlines, about the client
with that national ID number, or a person registered from the message. The whole bundle is
read and checked first: an invalid one is refused with every problem and stores nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from kasam.audit.services import Actor
from kasam.cases.models import Case, CaseType
from kasam.cases.selectors import CaseAccess
from kasam.cases.services import register_case
from kasam.core.national_id import InvalidNationalId, NationalId, parse_national_id
from kasam.core.roles import Role
from kasam.interop.errors import FhirError
from kasam.interop.identifiers import KINDS_BY_SYSTEM
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.registry.models import Client
from kasam.registry.services import ClientDetails

RECEIVERS = (Role.CASE_HANDLER, Role.UNIT_MANAGER)


@dataclass(frozen=True)
class Discharge:
    national_id: NationalId
    first_name: str
    last_name: str
    request: str
    hospital: str
    unit: OrganisationUnit


def _resources(data: Any) -> dict[str, list[dict[str, Any]]]:
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise FhirError(_("Send a FHIR Bundle."), code="structure")
    try:
        Bundle.model_validate(data)
    except ValidationError as error:
        first = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()[:5])
        raise FhirError(_("The Bundle is not valid FHIR: %(why)s") % {"why": first}) from error
    found: dict[str, list[dict[str, Any]]] = {}
    for entry in data.get("entry") or []:
        resource = entry.get("resource") or {}
        found.setdefault(resource.get("resourceType", ""), []).append(resource)
    return found


def _person(patient: dict[str, Any], problems: list[str]) -> tuple[NationalId | None, str, str]:
    number = None
    for identifier in patient.get("identifier") or []:
        if identifier.get("system") in KINDS_BY_SYSTEM:
            try:
                number = parse_national_id(
                    identifier.get("value", ""), country=settings.KASAM_COUNTRY
                )
            except InvalidNationalId as error:
                problems.append(error.message)
            break
    else:
        problems.append(_("The Patient has no national ID number in a system Kasam knows."))
    name = (patient.get("name") or [{}])[0]
    family, given = name.get("family", ""), " ".join(name.get("given") or [])
    if not family or not given:
        problems.append(_("The Patient needs a family name and a given name."))
    return number, given, family


def _unit(actor: Actor, request: dict[str, Any], problems: list[str]) -> OrganisationUnit | None:
    """The unit asked to act (ServiceRequest.performer), else the receiver's own case office."""
    performer = (request.get("performer") or [{}])[0].get("reference", "")
    if not performer:
        mine = _receivers(actor).filter(unit__kind=OrganisationUnit.Kind.CASE_OFFICE).first()
        return mine.unit if mine else None
    try:
        public_id = uuid.UUID(performer.removeprefix("Organization/"))
    except ValueError:
        public_id = None
    units = OrganisationUnit.objects.filter(archived_at__isnull=True)
    unit = units.filter(public_id=public_id).first() if public_id else None
    if unit is None:
        problems.append(_("The ServiceRequest's performer is not a unit of this municipality."))
    return unit


def _receivers(actor: Actor) -> QuerySet[Membership]:
    return Membership.objects.current().filter(user=actor.user, role__in=RECEIVERS)


def _receives(actor: Actor, unit: OrganisationUnit) -> bool:
    """Case handlers and managers receive for their units and the units under them."""
    return any(unit.path.startswith(m.unit.path) for m in _receivers(actor).select_related("unit"))


def read(actor: Actor, data: Any) -> Discharge:
    """The discharge notice in the Bundle, or a FhirError listing every problem."""
    found = _resources(data)
    problems: list[str] = []
    patients = found.get("Patient", [])
    if len(patients) != 1:
        raise FhirError(_("The Bundle must hold exactly one Patient."), code="required")
    number, given, family = _person(patients[0], problems)
    request = (found.get("ServiceRequest") or [{}])[0]
    asked = request.get("code", {}).get("text", "") or " ".join(
        note.get("text", "") for note in request.get("note") or []
    )
    if not asked.strip():
        problems.append(_("Say what is asked for: a ServiceRequest with code.text or a note."))
    encounter = (found.get("Encounter") or [{}])[0]
    hospital = encounter.get("serviceProvider", {}).get("display", "")
    unit = _unit(actor, request, problems)
    if problems:
        raise FhirError(" ".join(problems))
    if unit is None or not _receives(actor, unit):
        raise FhirError(
            _("You do not receive referrals for that unit."), code="forbidden", status_code=403
        )
    assert number is not None
    return Discharge(number, given, family, asked.strip()[:4000], hospital[:120], unit)


@transaction.atomic
def receive(*, actor: Actor, discharge: Discharge) -> CaseAccess:
    """A referral case on the unit's inbox, its deadlines counted from now."""
    case_type = CaseType.objects.get(country=settings.KASAM_COUNTRY, code="discharge", active=True)
    client = Client.objects.filter(national_id=discharge.national_id.number).first()
    details = ClientDetails(
        first_name=discharge.first_name,
        last_name=discharge.last_name,
        preferred_language=settings.LANGUAGE_CODE[:2],
    )
    return register_case(
        actor=actor,
        case_type=case_type,
        unit=discharge.unit,
        client=client,
        person=None if client else (discharge.national_id, details),
        source=Case.Source.HOSPITAL,
        source_name=discharge.hospital,
        received_at=timezone.now(),
        channel=Case.Channel.ELECTRONIC_MESSAGE,
        request=discharge.request,
    )
