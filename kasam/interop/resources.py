"""Kasam's records as FHIR resources, each checked against the fhir.resources models
(R4B, wire-compatible with R4 for these resources) before it leaves."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.patient import Patient

from kasam.core.national_id import InvalidNationalId, legal_gender, parse_national_id
from kasam.interop.identifiers import RESTRICTED, SYSTEMS
from kasam.registry.models import Client

GENDERS = {"F": "female", "M": "male"}


def _checked(model: Any, data: dict[str, Any]) -> dict[str, Any]:
    return model.model_validate(data).model_dump(mode="json", exclude_none=True)


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
    return _checked(Patient, data)


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
    return _checked(Bundle, data)


def capability_statement(base: str, date: str) -> dict[str, Any]:
    patient_resource = {
        "type": "Patient",
        "interaction": [{"code": "read"}, {"code": "search-type"}],
        "searchParam": [
            {"name": "identifier", "type": "token"},
            {"name": "name", "type": "string"},
            {"name": "_count", "type": "number"},
        ],
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
        "rest": [{"mode": "server", "resource": [patient_resource]}],
    }
    return _checked(CapabilityStatement, data)


def base_url(request: Any) -> str:
    return request.build_absolute_uri(reverse("fhir:metadata")).removesuffix("metadata")
