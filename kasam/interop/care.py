"""The people and decisions around a client as FHIR resources: relatives (RelatedPerson),
cases (EpisodeOfCare), decided services (ServiceRequest) and the care team (CareTeam).
Each is checked against the fhir.resources R4B models before it leaves.

TO VERIFY: the relationship codes below are HL7's v3 RoleCode and v2 table 0131, as known
when this was written; an installation should check them against its partners' profiles."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from fhir.resources.R4B.careteam import CareTeam
from fhir.resources.R4B.episodeofcare import EpisodeOfCare
from fhir.resources.R4B.relatedperson import RelatedPerson
from fhir.resources.R4B.servicerequest import ServiceRequest

from kasam.careplans.models import CoordinatedPlan, StaffChoice
from kasam.cases.models import Case
from kasam.decisions.models import DecisionLine
from kasam.interop.resources import checked, staff_ref
from kasam.registry.models import Client, Relative

ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
CONTACT_ROLE = "http://terminology.hl7.org/CodeSystem/v2-0131"
RELATIONS = {
    Relative.Relation.SPOUSE: (ROLE_CODE, "SPS"),
    Relative.Relation.CHILD: (ROLE_CODE, "CHILD"),
    Relative.Relation.PARENT: (ROLE_CODE, "PRN"),
    Relative.Relation.SIBLING: (ROLE_CODE, "SIB"),
    Relative.Relation.OTHER_FAMILY: (ROLE_CODE, "FAMMEMB"),
    Relative.Relation.FRIEND: (ROLE_CODE, "FRND"),
    Relative.Relation.REPRESENTATIVE: (ROLE_CODE, "POWATT"),
}
ROLES = {
    Relative.Role.NEXT_OF_KIN: (CONTACT_ROLE, "N"),
    Relative.Role.GUARDIAN: (ROLE_CODE, "GUARD"),
}


def _patient(client: Client) -> dict[str, str]:
    return {"reference": f"Patient/{client.public_id}"}


def _concept(coded: tuple[str, str] | None, text: str) -> dict[str, Any]:
    if coded is None:
        return {"text": text}
    system, code = coded
    return {"coding": [{"system": system, "code": code, "display": text}], "text": text}


def related_person(relative: Relative) -> dict[str, Any]:
    """A relative or representative, with their relation and role; the phone and e-mail
    only when they consent to receive information."""
    relation, role = Relative.Relation(relative.relation), Relative.Role(relative.role)
    data: dict[str, Any] = {
        "resourceType": "RelatedPerson",
        "id": str(relative.public_id),
        "active": relative.archived_at is None,
        "patient": _patient(relative.client),
        "relationship": [
            _concept(RELATIONS.get(relation), str(relation.label)),
            _concept(ROLES.get(role), str(role.label)),
        ],
        "name": [{"family": relative.last_name, "given": [relative.first_name]}],
    }
    if relative.consent_to_information:
        telecom = [("phone", relative.phone), ("email", relative.email)]
        data["telecom"] = [{"system": s, "value": v} for s, v in telecom if v]
    return checked(RelatedPerson, data)


EPISODE_STATUS = {
    Case.Status.RECEIVED: "waitlist",
    Case.Status.FIRST_CONTACT: "active",
    Case.Status.UNDER_ASSESSMENT: "active",
    Case.Status.DECIDED: "finished",
    Case.Status.CLOSED: "finished",
    Case.Status.FORWARDED: "finished",
    Case.Status.WITHDRAWN: "cancelled",
}


def episode_of_care(case: Case) -> dict[str, Any]:
    """A case: from its receipt until it was decided, closed, forwarded or withdrawn, on
    the unit that handles it, with its handler as care manager."""
    status = EPISODE_STATUS[Case.Status(case.status)]
    period = {"start": case.received_at.isoformat()}
    if status in ("finished", "cancelled") and case.status_changed_at:
        period["end"] = case.status_changed_at.isoformat()
    data: dict[str, Any] = {
        "resourceType": "EpisodeOfCare",
        "id": str(case.public_id),
        "identifier": [{"value": case.number}],
        "status": status,
        "type": [{"text": case.case_type.name}],
        "patient": _patient(case.client),
        "managingOrganization": {"reference": f"Organization/{case.unit.public_id}"},
        "period": period,
    }
    if case.handler is not None:
        data["careManager"] = staff_ref(case.handler)
    return checked(EpisodeOfCare, data)


def service_request_id(line: DecisionLine) -> str:
    """Decision lines have no public id of their own: the decision's and the line's."""
    return f"{line.decision.public_id}-{line.pk}"


SCOPE_UNITS = {"hours_week": "h/wk", "visits_week": "/wk", "days": "d"}


def _line_status(line: DecisionLine) -> str:
    if not line.is_granted:
        return "revoked"
    ended = line.ends_on is not None and line.ends_on < timezone.localdate()
    return "completed" if ended or line.decision.superseded_on else "active"


def service_request(line: DecisionLine) -> dict[str, Any]:
    """A decided service: what, how much (the scope), from when to when, by which unit,
    under which legal basis, in which case. A refused service is a revoked request."""
    decision = line.decision
    period = {"start": line.starts_on.isoformat()}
    if line.ends_on:
        period["end"] = line.ends_on.isoformat()
    data: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "id": service_request_id(line),
        "status": _line_status(line),
        "intent": "order",
        "code": {"text": line.service.name},
        "subject": _patient(decision.case.client),
        "occurrencePeriod": period,
        "reasonCode": [{"text": line.service.legal_basis}],
        "supportingInfo": [{"reference": f"EpisodeOfCare/{decision.case.public_id}"}],
        "note": [{"text": f"{line.get_outcome_display()}. {line.justification}".strip()}],
    }
    if decision.decided_at:
        data["authoredOn"] = decision.decided_at.isoformat()
    if decision.decided_by is not None:
        data["requester"] = staff_ref(decision.decided_by)
    if line.provider is not None:
        data["performer"] = [{"reference": f"Organization/{line.provider.public_id}"}]
    unit = SCOPE_UNITS.get(line.service.scope_unit)
    if line.scope is not None and unit:
        data["quantityQuantity"] = {"value": float(line.scope), "unit": unit}
    return checked(ServiceRequest, data)


def care_team(
    client: Client, choices: list[StaffChoice], coordination: CoordinatedPlan | None
) -> dict[str, Any]:
    """The client's care team: the contact person, the case handler, the coordinator of a
    coordinated plan, and the staff the client chose for each kind of help."""
    members: list[tuple[str, Any]] = []
    if client.contact_person is not None:
        members.append(("contact person", client.contact_person))
    if client.case_handler is not None:
        members.append(("case handler", client.case_handler))
    if coordination is not None:
        members.append(("coordinator", coordination.coordinator))
    for choice in choices:
        members.append((f"chosen for {choice.get_kind_display()}", choice.staff))
    data: dict[str, Any] = {
        "resourceType": "CareTeam",
        "id": str(client.public_id),
        "status": "active" if client.status == Client.Status.ACTIVE else "inactive",
        "subject": _patient(client),
        "participant": [
            {"role": [{"text": role}], "member": staff_ref(person)} for role, person in members
        ],
    }
    return checked(CareTeam, data)
