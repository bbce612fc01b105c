"""FHIR R4 (#16): a patient's visits as Encounters, units as Organizations."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.encounter import Encounter

from kasam.audit.models import AuditEvent
from kasam.careplans.tests.test_lifecycle import agreed_plan
from kasam.conftest import login
from kasam.visits.generation import generate
from kasam.visits.models import Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def visits(carol, kari, decision, alice) -> list[Visit]:
    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    today = timezone.localdate()
    generate(today - datetime.timedelta(days=2), today)
    Visit.objects.update(staff=alice)
    done = Visit.objects.get(day=today - datetime.timedelta(days=1))
    done.checked_in_at, done.checked_out_at, done.outcome = timezone.now(), timezone.now(), "done"
    done.save()
    Visit.objects.filter(day=today).update(cancelled_because="hospital")
    return list(Visit.objects.order_by("day"))


def test_a_visit_is_a_logged_read_of_a_valid_encounter(client, alice, visits):
    login(client, alice)
    answer = client.get(f"/fhir/r4/Encounter/{visits[1].public_id}")
    assert answer.status_code == 200
    body = answer.json()
    Encounter.model_validate(body)
    assert body["status"] == "finished"
    assert body["subject"]["reference"] == f"Patient/{visits[1].client.public_id}"
    assert body["participant"][0]["individual"]["display"] == "Alice Test"
    logged = AuditEvent.objects.filter(actor=alice, action="read", object_type="visit")
    assert logged.count() == 1


def test_a_patients_encounters_newest_first_with_dates_and_paging(client, alice, kari, visits):
    login(client, alice)
    found = client.get("/fhir/r4/Encounter", {"patient": f"Patient/{kari.public_id}"}).json()
    Bundle.model_validate(found)
    assert found["total"] == 3
    states = [entry["resource"]["status"] for entry in found["entry"]]
    assert states == ["cancelled", "finished", "planned"]
    since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    recent = client.get(
        "/fhir/r4/Encounter", {"patient": str(kari.public_id), "date": f"ge{since}", "_count": 1}
    ).json()
    assert recent["total"] == 2
    assert any(link["relation"] == "next" for link in recent["link"])


def test_encounters_of_someone_else_are_not_found(client, charlie, kari, visits):
    login(client, charlie)
    for address in (
        f"/fhir/r4/Encounter?patient={kari.public_id}",
        f"/fhir/r4/Encounter/{visits[0].public_id}",
    ):
        answer = client.get(address)
        assert answer.status_code == 404
        assert answer.json()["resourceType"] == "OperationOutcome"


@pytest.mark.parametrize(
    "params", [{}, {"patient": "x"}, {"patient": "", "date": "2026"}, {"subject": "x"}]
)
def test_bad_encounter_searches_are_refused(client, alice, kari, params):
    login(client, alice)
    answer = client.get("/fhir/r4/Encounter", params)
    assert answer.status_code in (400, 404)
    assert answer.json()["resourceType"] == "OperationOutcome"


def test_a_bad_date_is_a_400(client, alice, kari):
    login(client, alice)
    answer = client.get("/fhir/r4/Encounter", {"patient": str(kari.public_id), "date": "soon"})
    assert answer.status_code == 400


def test_units_are_organizations_with_their_parent(client, alice, org):
    login(client, alice)
    unit = client.get(f"/fhir/r4/Organization/{org['team_a'].public_id}").json()
    assert unit["partOf"]["reference"] == f"Organization/{org['north'].public_id}"
    found = client.get("/fhir/r4/Organization", {"name": "nord"}).json()
    names = {entry["resource"]["name"] for entry in found["entry"]}
    assert names == {"Hjemmetjenesten Nord", "Nord team A"}
    assert client.get("/fhir/r4/Organization/nothing").status_code == 404
