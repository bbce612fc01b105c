"""FHIR R4 (#16): staff as Practitioners and their roles in units as PractitionerRoles;
every staff reference Kasam writes points at one."""

from __future__ import annotations

import pytest
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole

from kasam.conftest import login
from kasam.planner.models import Skill

pytestmark = pytest.mark.django_db


def test_a_staff_member_with_competences_and_roles(client, alice, carol, org):
    Skill.objects.create(user=carol, code="nurse")
    login(client, alice)
    found = client.get("/fhir/r4/Practitioner", {"name": carol.last_name}).json()
    assert found["total"] >= 1
    person = next(
        e["resource"] for e in found["entry"] if e["resource"]["id"] == str(carol.public_id)
    )
    Practitioner.model_validate(person)
    assert person["name"][0]["text"] == carol.display_name
    assert any(q["code"]["text"] for q in person["qualification"])
    read = client.get(f"/fhir/r4/Practitioner/{carol.public_id}").json()
    assert read["id"] == str(carol.public_id)
    roles = client.get("/fhir/r4/PractitionerRole", {"practitioner": str(carol.public_id)}).json()
    assert roles["total"] == carol.memberships.count()
    role = roles["entry"][0]["resource"]
    PractitionerRole.model_validate(role)
    assert role["practitioner"]["reference"] == f"Practitioner/{carol.public_id}"
    membership = carol.memberships.first()
    assert role["organization"]["reference"] == f"Organization/{membership.unit.public_id}"
    in_unit = client.get(
        "/fhir/r4/PractitionerRole", {"organization": str(membership.unit.public_id)}
    )
    assert in_unit.json()["total"] >= 1


def test_staff_references_point_at_practitioners(client, erin, kari, application):
    login(client, erin)
    episode = client.get(f"/fhir/r4/EpisodeOfCare/{application.public_id}").json()
    assert episode["careManager"]["reference"] == f"Practitioner/{erin.public_id}"
    target = client.get(episode["careManager"]["reference"].join(["/fhir/r4/", ""]))
    assert target.status_code == 200


def test_unknown_staff_and_bad_parameters(client, alice):
    login(client, alice)
    assert client.get("/fhir/r4/Practitioner/not-an-id").status_code == 404
    assert client.get("/fhir/r4/PractitionerRole", {"practitioner": "x"}).status_code == 404
    assert client.get("/fhir/r4/Practitioner", {"role": "nurse"}).status_code == 400
