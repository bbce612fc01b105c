"""FHIR R4 (#16): relatives, cases, decided services and the care team, under the client
access rule (an outsider gets 404) with every read logged."""

from __future__ import annotations

import pytest
from fhir.resources.R4B.careteam import CareTeam
from fhir.resources.R4B.episodeofcare import EpisodeOfCare
from fhir.resources.R4B.relatedperson import RelatedPerson
from fhir.resources.R4B.servicerequest import ServiceRequest

from kasam.audit.models import AuditEvent
from kasam.conftest import login
from kasam.registry.models import Relative

pytestmark = pytest.mark.django_db


@pytest.fixture
def daughter(kari) -> Relative:
    return Relative.objects.create(
        client=kari,
        first_name="Ingrid",
        last_name="Nordmann",
        relation=Relative.Relation.CHILD,
        role=Relative.Role.NEXT_OF_KIN,
        phone="+4791234567",
        consent_to_information=True,
    )


def test_a_relative_with_relation_role_and_phone_given_consent(client, alice, kari, daughter):
    login(client, alice)
    found = client.get("/fhir/r4/RelatedPerson", {"patient": str(kari.public_id)}).json()
    ours = [e["resource"] for e in found["entry"] if e["resource"]["id"] == str(daughter.public_id)]
    assert found["total"] == kari.relatives.count()
    assert len(ours) == 1
    person = ours[0]
    RelatedPerson.model_validate(person)
    relation, role = person["relationship"]
    assert relation["coding"][0]["code"] == "CHILD"
    assert role["coding"][0]["code"] == "N"
    assert person["telecom"] == [{"system": "phone", "value": "+4791234567"}]
    Relative.objects.filter(pk=daughter.pk).update(consent_to_information=False)
    again = client.get(f"/fhir/r4/RelatedPerson/{daughter.public_id}").json()
    assert "telecom" not in again
    logged = AuditEvent.objects.filter(actor=alice, client=kari, action="read")
    assert logged.filter(object_type="relative").count() == 1


def test_a_case_as_an_episode_of_care_and_its_decided_services(
    client, erin, kari, application, decision
):
    login(client, erin)
    episodes = client.get("/fhir/r4/EpisodeOfCare", {"patient": str(kari.public_id)}).json()
    assert episodes["total"] == 1
    episode = episodes["entry"][0]["resource"]
    EpisodeOfCare.model_validate(episode)
    assert episode["identifier"][0]["value"] == application.number
    assert episode["careManager"]["display"] == erin.display_name
    one = client.get(f"/fhir/r4/EpisodeOfCare/{application.public_id}").json()
    assert one["id"] == str(application.public_id)
    services = client.get("/fhir/r4/ServiceRequest", {"patient": str(kari.public_id)}).json()
    assert services["total"] == 2
    by_status = {e["resource"]["status"]: e["resource"] for e in services["entry"]}
    granted, refused = by_status["active"], by_status["revoked"]
    ServiceRequest.model_validate(granted)
    assert granted["quantityQuantity"] == {"value": 3.0, "unit": "h/wk"}
    assert granted["occurrencePeriod"]["start"] == "2026-11-23"
    assert granted["supportingInfo"][0]["reference"] == f"EpisodeOfCare/{application.public_id}"
    assert "quantityQuantity" not in refused
    read = client.get(f"/fhir/r4/ServiceRequest/{granted['id']}").json()
    assert read["id"] == granted["id"]
    logged = AuditEvent.objects.filter(actor=erin, client=kari, action="read")
    assert logged.filter(object_type="case").count() == 1
    assert logged.filter(object_type="decision").count() == 1


def test_the_care_team_names_contact_person_handler_and_chosen_staff(client, alice, kari, carol):
    from kasam.careplans.models import StaffChoice

    StaffChoice.objects.create(client=kari, kind=StaffChoice.Kind.PERSONAL_HYGIENE, staff=carol)
    login(client, alice)
    team = client.get(f"/fhir/r4/CareTeam/{kari.public_id}").json()
    CareTeam.model_validate(team)
    roles = {p["role"][0]["text"]: p["member"]["display"] for p in team["participant"]}
    assert roles["contact person"] == kari.contact_person.display_name
    assert any(role.startswith("chosen for") for role in roles)
    found = client.get("/fhir/r4/CareTeam", {"patient": str(kari.public_id)}).json()
    assert found["total"] == 1
    assert found["entry"][0]["resource"]["id"] == str(kari.public_id)


def test_an_outsider_finds_none_of_them(client, charlie, kari, daughter, application, decision):
    login(client, charlie)
    line = decision.lines.first()
    for address in (
        f"/fhir/r4/RelatedPerson/{daughter.public_id}",
        f"/fhir/r4/RelatedPerson?patient={kari.public_id}",
        f"/fhir/r4/EpisodeOfCare/{application.public_id}",
        f"/fhir/r4/EpisodeOfCare?patient={kari.public_id}",
        f"/fhir/r4/ServiceRequest/{decision.public_id}-{line.pk}",
        f"/fhir/r4/ServiceRequest?patient={kari.public_id}",
        f"/fhir/r4/CareTeam/{kari.public_id}",
        f"/fhir/r4/CareTeam?patient={kari.public_id}",
        "/fhir/r4/ServiceRequest/not-a-request",
    ):
        answer = client.get(address)
        assert answer.status_code == 404, address
        assert answer.json()["resourceType"] == "OperationOutcome"
    assert not AuditEvent.objects.filter(actor=charlie, client=kari).exists()
