"""Staff as FHIR Practitioners (name, title, competences) and their places in units as
PractitionerRoles. Every staff reference Kasam writes points at a Practitioner."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole

from kasam.accounts.models import User
from kasam.interop.resources import checked
from kasam.organisation.models import Membership


def practitioner(user: User, competences: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "resourceType": "Practitioner",
        "id": str(user.public_id),
        "active": user.is_active,
        "name": [{"family": user.last_name, "given": [user.first_name], "text": user.display_name}],
        "qualification": [{"code": {"text": text}} for text in competences],
    }
    if user.title:
        data["qualification"].insert(0, {"code": {"text": user.title}})
    if not data["qualification"]:
        del data["qualification"]
    return checked(Practitioner, data)


def practitioner_role(membership: Membership) -> dict[str, Any]:
    """A staff member's role in a unit or team, from when to when."""
    today = timezone.localdate()
    ended = membership.ends_on is not None and membership.ends_on < today
    period = {"start": membership.starts_on.isoformat()}
    if membership.ends_on:
        period["end"] = membership.ends_on.isoformat()
    data: dict[str, Any] = {
        "resourceType": "PractitionerRole",
        "id": str(membership.public_id),
        "active": not ended and membership.starts_on <= today,
        "period": period,
        "practitioner": {
            "reference": f"Practitioner/{membership.user.public_id}",
            "display": membership.user.display_name,
        },
        "organization": {"reference": f"Organization/{membership.unit.public_id}"},
        "code": [{"coding": [{"system": "urn:kasam:role", "code": membership.role}],
                  "text": str(membership.get_role_display())}],
    }  # fmt: skip
    return checked(PractitionerRole, data)
