"""Kasam's records as FHIR resources, each checked against the fhir.resources models
(R4B, wire-compatible with R4 for these resources) before it leaves."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.encounter import Encounter
from fhir.resources.R4B.goal import Goal
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient

from kasam.careplans.models import PlanActivity, PlanGoal, PlanVersion
from kasam.core.national_id import InvalidNationalId, legal_gender, parse_national_id
from kasam.interop.identifiers import RESTRICTED, SYSTEMS
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client
from kasam.visits.models import Visit

GENDERS = {"F": "female", "M": "male"}


def checked(model: Any, data: dict[str, Any]) -> dict[str, Any]:
    return model.model_validate(data).model_dump(mode="json", exclude_none=True)


def staff_ref(user: Any) -> dict[str, str]:
    """A reference to a staff member's Practitioner, with their name."""
    return {"reference": f"Practitioner/{user.public_id}", "display": user.display_name}


def identifier(client: Client) -> dict[str, str]:
    try:
        kind = parse_national_id(client.national_id, country=settings.KASAM_COUNTRY).kind
    except InvalidNationalId:  # a number of the other country, kept as it came
        return {"value": client.national_id}
    return {"system": SYSTEMS[kind], "value": client.national_id}


def patient(client: Client) -> dict[str, Any]:
    """The client as a Patient. Protected identity: marked restricted, with no address."""
    data: dict[str, Any] = {
        "resourceType": "Patient",
        "id": str(client.public_id),
        "identifier": [identifier(client)],
        "active": client.status == Client.Status.ACTIVE,
        "name": [{"family": client.last_name, "given": [client.first_name]}],
        "gender": GENDERS.get(legal_gender(client.national_id), "unknown"),
        "communication": [
            {
                "language": {
                    "coding": [{"system": "urn:ietf:bcp:47", "code": client.preferred_language}]
                },
                "preferred": True,
            }
        ],
    }
    if client.birth_date:
        data["birthDate"] = client.birth_date.isoformat()
    if client.phone:
        data["telecom"] = [{"system": "phone", "value": client.phone}]
    if client.status == Client.Status.DECEASED and client.status_since:
        data["deceasedDateTime"] = client.status_since.isoformat()
    if client.protected_identity:
        data["meta"] = {"security": [RESTRICTED]}
    elif client.address or client.city:
        line = [client.address] if client.address else []
        data["address"] = [{"line": line, "postalCode": client.postal_code, "city": client.city}]
        data["address"][0] = {k: v for k, v in data["address"][0].items() if v}
    return checked(Patient, data)


def organization(unit: OrganisationUnit) -> dict[str, Any]:
    """A unit, team or the municipality as an Organization, with its parent."""
    data: dict[str, Any] = {
        "resourceType": "Organization",
        "id": str(unit.public_id),
        "active": unit.archived_at is None,
        "name": unit.name,
        "type": [{"text": unit.get_kind_display()}],
    }
    if unit.parent is not None:
        data["partOf"] = {"reference": f"Organization/{unit.parent.public_id}"}
    return checked(Organization, data)


# A visit's state as an Encounter's status.
def _encounter_status(visit: Visit) -> str:
    if visit.cancelled:
        return "cancelled"
    if visit.checked_out_at or visit.outcome:
        return "finished"
    return "in-progress" if visit.checked_in_at else "planned"


HOME_HEALTH = {
    "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
    "code": "HH",
    "display": "home health",
}


def encounter(visit: Visit) -> dict[str, Any]:
    """A visit as an Encounter: planned, in progress, finished or cancelled; its period is
    when it was made (else its window), its staff the participants."""
    zone = timezone.get_current_timezone()
    start = visit.checked_in_at or (
        datetime.datetime.combine(visit.day, visit.window_start, zone)
        if visit.window_start
        else None
    )
    period = {"start": start.isoformat() if start else visit.day.isoformat()}
    if visit.checked_out_at:
        period["end"] = visit.checked_out_at.isoformat()
    staff = [person for person in (visit.staff, visit.second_staff) if person is not None]
    data: dict[str, Any] = {
        "resourceType": "Encounter",
        "id": str(visit.public_id),
        "status": _encounter_status(visit),
        "class": HOME_HEALTH,
        "subject": {"reference": f"Patient/{visit.client.public_id}"},
        "serviceProvider": {"reference": f"Organization/{visit.unit.public_id}"},
        "period": period,
        "length": {
            "value": visit.duration_minutes,
            "unit": "min",
            "system": "http://unitsofmeasure.org",
            "code": "min",
        },
        "participant": [{"individual": staff_ref(person)} for person in staff],
    }
    if visit.outcome and visit.outcome != Visit.Outcome.DONE:
        data["reasonCode"] = [
            {"text": f"{visit.get_outcome_display()}: {visit.get_reason_display()}"}
        ]
    return checked(Encounter, data)


def goal_id(goal: PlanGoal) -> str:
    """PlanGoal rows have no public id of their own: the plan version's and the row's."""
    return f"{goal.plan_version.public_id}-{goal.pk}"


def goal(item: PlanGoal) -> dict[str, Any]:
    """The client's goal in their own words, expressed by the client."""
    patient = {"reference": f"Patient/{item.plan_version.plan.client.public_id}"}
    data: dict[str, Any] = {
        "resourceType": "Goal",
        "id": goal_id(item),
        "lifecycleStatus": "completed" if item.reached_on else "active",
        "description": {"text": item.own_words},
        "subject": patient,
        "expressedBy": patient,
        "target": [{"dueDate": item.follow_up_on.isoformat()}],
    }
    if item.how_we_know:
        data["note"] = [{"text": item.how_we_know}]
    if item.reached_on:
        data["achievementStatus"] = {"text": "achieved"}
        data["statusDate"] = item.reached_on.isoformat()
    return checked(Goal, data)


CAREPLAN_STATUS = {
    PlanVersion.Status.DRAFT: "draft",
    PlanVersion.Status.AGREED: "active",
    PlanVersion.Status.DECLINED: "revoked",
    PlanVersion.Status.SUPERSEDED: "completed",
}
FHIR_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _timing(activity: PlanActivity) -> dict[str, Any]:
    repeat: dict[str, Any] = {"dayOfWeek": [FHIR_DAYS[d] for d in activity.weekdays]}
    if activity.window_start:
        repeat["timeOfDay"] = [activity.window_start.strftime("%H:%M:%S")]
    repeat["duration"], repeat["durationUnit"] = activity.duration_minutes, "min"
    return {"repeat": repeat}


def _activities(version: PlanVersion, patient: dict[str, str]) -> list[dict[str, Any]]:
    """What staff do (when, by how many, how), and what the client does themselves: an
    activity performed by the Patient."""
    found: list[dict[str, Any]] = []
    for activity in version.activities.all():
        detail: dict[str, Any] = {
            "status": "in-progress"
            if version.status == PlanVersion.Status.AGREED
            else "not-started",
            "description": activity.what + (f". {activity.how}" if activity.how else ""),
            "performer": [{"display": activity.get_competence_display()}],
        }
        if activity.as_needed:
            detail["scheduledString"] = "as needed"
        else:
            detail["scheduledTiming"] = _timing(activity)
        found.append({"detail": detail})
        if activity.client_does:
            own = {"status": detail["status"], "description": activity.client_does}
            found.append({"detail": {**own, "performer": [patient]}})
    return found


def care_plan(version: PlanVersion) -> dict[str, Any]:
    patient = {"reference": f"Patient/{version.plan.client.public_id}"}
    data: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": str(version.public_id),
        "status": CAREPLAN_STATUS[PlanVersion.Status(version.status)],
        "intent": "plan",
        "title": f"{version.plan.client.full_name} v{version.number}",
        "subject": patient,
        "author": staff_ref(version.contact_person),
        "goal": [{"reference": f"Goal/{goal_id(g)}"} for g in version.goals.all()],
        "activity": _activities(version, patient),
    }
    if version.agreed_on:
        data["period"] = {"start": version.agreed_on.isoformat()}
        if version.superseded_on:
            data["period"]["end"] = version.superseded_on.isoformat()
    return checked(CarePlan, data)


def searchset(
    base: str, resources: list[dict[str, Any]], total: int, links: dict[str, str]
) -> dict[str, Any]:
    entries = [
        {
            "fullUrl": f"{base}{r['resourceType']}/{r['id']}",
            "resource": r,
            "search": {"mode": "match"},
        }
        for r in resources
    ]
    data = {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": total,
        "link": [{"relation": relation, "url": url} for relation, url in links.items()],
        "entry": entries,
    }
    return checked(Bundle, data)


BY_PATIENT = ("RelatedPerson", "EpisodeOfCare", "ServiceRequest", "CareTeam", "Observation")


def collection(resources: list[dict[str, Any]]) -> dict[str, Any]:
    """Resources handed over together (an export), each under its own address."""
    data = {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timezone.now().isoformat(),
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }
    return checked(Bundle, data)


def capability_statement(base: str, date: str) -> dict[str, Any]:
    paging = [{"name": "_count", "type": "number"}, {"name": "_offset", "type": "number"}]
    patient_resource = {
        "type": "Patient",
        "interaction": [{"code": "read"}, {"code": "search-type"}],
        "searchParam": [
            {"name": "identifier", "type": "token"},
            {"name": "name", "type": "string"},
            *paging,
        ],
    }
    encounter_resource = {
        "type": "Encounter",
        "interaction": [{"code": "read"}, {"code": "search-type"}],
        "searchParam": [
            {"name": "patient", "type": "reference"},
            {"name": "date", "type": "date"},
            *paging,
        ],
    }
    by_patient = {
        "interaction": [{"code": "read"}, {"code": "search-type"}],
        "searchParam": [{"name": "patient", "type": "reference"}, *paging],
    }
    organization_resource = {
        "type": "Organization",
        "interaction": [{"code": "read"}, {"code": "search-type"}],
        "searchParam": [{"name": "name", "type": "string"}, *paging],
    }
    data = {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": date,
        "kind": "instance",
        "software": {"name": "Kasam"},
        "implementation": {"description": "Kasam FHIR API", "url": base},
        "fhirVersion": "4.0.1",
        "format": ["json"],
        "rest": [
            {
                "mode": "server",
                "operation": [
                    {
                        "name": "export",
                        "definition": (
                            "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export"
                        ),
                    }
                ],
                "resource": [
                    patient_resource,
                    encounter_resource,
                    organization_resource,
                    {"type": "CarePlan", **by_patient},
                    {"type": "Goal", **by_patient},
                    *({"type": kind, **by_patient} for kind in BY_PATIENT),
                    {
                        "type": "Practitioner",
                        "interaction": [{"code": "read"}, {"code": "search-type"}],
                        "searchParam": [{"name": "name", "type": "string"}, *paging],
                    },
                    {
                        "type": "PractitionerRole",
                        "interaction": [{"code": "read"}, {"code": "search-type"}],
                        "searchParam": [
                            {"name": "practitioner", "type": "reference"},
                            {"name": "organization", "type": "reference"},
                            *paging,
                        ],
                    },
                    {
                        "type": "AuditEvent",
                        "interaction": [{"code": "search-type"}],
                        "searchParam": [{"name": "patient", "type": "reference"}, *paging],
                    },
                    {
                        "type": "MeasureReport",
                        "interaction": [{"code": "search-type"}],
                        "searchParam": [
                            {"name": "subject", "type": "reference"},
                            {"name": "period", "type": "string"},
                            {"name": "measure", "type": "reference"},
                            *paging,
                        ],
                    },
                ],
            }
        ],
    }
    return checked(CapabilityStatement, data)


def base_url(request: Any) -> str:
    return request.build_absolute_uri(reverse("fhir:metadata")).removesuffix("metadata")
