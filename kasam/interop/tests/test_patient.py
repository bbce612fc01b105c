"""FHIR R4 (#16), first slice: the CapabilityStatement, Patient read and search, under the
same access rule and audit as every page, errors as OperationOutcome."""

from __future__ import annotations

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.patient import Patient

from kasam.audit.models import AuditEvent
from kasam.audit.selectors import access_log_for
from kasam.conftest import login
from kasam.core.national_id import IdKind
from kasam.factories import ClientFactory, ServiceLinkFactory
from kasam.interop.identifiers import SYSTEMS

pytestmark = pytest.mark.django_db
FHIR = "application/fhir+json"


def test_the_capability_statement_says_what_is_served(client):
    answer = client.get("/fhir/r4/metadata")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith(FHIR)
    statement = answer.json()
    CapabilityStatement.model_validate(statement)
    assert statement["fhirVersion"] == "4.0.1"
    served = [r["type"] for r in statement["rest"][0]["resource"]]
    assert served[:5] == ["Patient", "Encounter", "Organization", "CarePlan", "Goal"]
    assert {"RelatedPerson", "EpisodeOfCare", "ServiceRequest", "CareTeam"} <= set(served)


def test_a_patient_read_is_a_logged_read_of_a_valid_patient(client, alice, kari):
    login(client, alice)
    answer = client.get(f"/fhir/r4/Patient/{kari.public_id}", HTTP_ACCEPT="application/json")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith(FHIR)
    patient = answer.json()
    Patient.model_validate(patient)
    assert patient["name"][0]["family"] == "Nordmann"
    assert patient["identifier"][0]["value"] == kari.national_id
    assert patient["identifier"][0]["system"] == SYSTEMS[IdKind.FODSELSNUMMER]
    read = AuditEvent.objects.filter(actor=alice, action="read", object_type="client")
    assert read.filter(client=kari).count() == 1


def test_an_outsider_gets_not_found_as_an_operation_outcome(client, charlie, kari):
    login(client, charlie)
    for address in (f"/fhir/r4/Patient/{kari.public_id}", "/fhir/r4/Patient/not-a-uuid"):
        answer = client.get(address)
        assert answer.status_code == 404
        body = answer.json()
        assert body["resourceType"] == "OperationOutcome"
        assert body["issue"][0]["code"] == "not-found"
    assert not access_log_for(kari).filter(actor=charlie).exists()


def test_not_logged_in_is_refused_with_an_operation_outcome(client, kari):
    answer = client.get(f"/fhir/r4/Patient/{kari.public_id}")
    assert answer.status_code in (401, 403)
    assert answer.json()["resourceType"] == "OperationOutcome"


def test_protected_identity_is_marked_restricted_and_has_no_address(client, alice, kari):
    kari.protected_identity, kari.address, kari.city = True, "Hemmelig vei 1", "Oslo"
    kari.save()
    login(client, alice)
    body = client.get(f"/fhir/r4/Patient/{kari.public_id}").json()
    assert body["meta"]["security"][0]["code"] == "R"
    assert "address" not in body
    assert "Hemmelig" not in str(body)


def test_search_by_identifier_and_name_pages_and_logs_every_person_returned(
    client, alice, kari, org
):
    for n in range(3):
        other = ClientFactory(first_name="Kari", last_name=f"Hansen{n}")
        ServiceLinkFactory(client=other, unit=org["north"])
    login(client, alice)
    system = SYSTEMS[IdKind.FODSELSNUMMER]
    found = client.get("/fhir/r4/Patient", {"identifier": f"{system}|{kari.national_id}"})
    bundle = found.json()
    Bundle.model_validate(bundle)
    assert bundle["type"] == "searchset"
    assert bundle["total"] == 1
    assert bundle["entry"][0]["resource"]["id"] == str(kari.public_id)
    by_name = client.get("/fhir/r4/Patient", {"name": "kari", "_count": "2"}).json()
    assert by_name["total"] == 4
    assert len(by_name["entry"]) == 2
    following = next(link["url"] for link in by_name["link"] if link["relation"] == "next")
    second = client.get(following).json()
    assert len(second["entry"]) == 2
    assert not [link for link in second["link"] if link["relation"] == "next"]
    assert access_log_for(kari).filter(actor=alice, action="search").exists()
    other_system = client.get("/fhir/r4/Patient", {"identifier": f"urn:x|{kari.national_id}"})
    assert other_system.json()["total"] == 0


def test_search_never_shows_people_without_a_care_relationship(client, charlie, kari):
    login(client, charlie)
    found = client.get("/fhir/r4/Patient", {"identifier": kari.national_id}).json()
    assert found["total"] == 0
    assert "entry" not in found


@pytest.mark.parametrize(
    "params",
    [{"name": "kari", "_count": "-1"}, {"name": "kari", "_count": "x"}, {"birthdate": "1940"}, {}],
)
def test_bad_search_input_is_a_4xx_operation_outcome(client, alice, params):
    login(client, alice)
    answer = client.get("/fhir/r4/Patient", params)
    assert answer.status_code == 400
    assert answer.json()["resourceType"] == "OperationOutcome"
