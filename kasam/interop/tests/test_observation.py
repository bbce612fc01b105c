"""FHIR R4 (#16): screenings and function scores (IPLOS) as Observations, read and searched
by patient under the access rules, every read logged."""

from __future__ import annotations

import datetime
import uuid

import pytest
from fhir.resources.R4B.observation import Observation

from kasam.assessments.models import Assessment, ItemScore, Scale
from kasam.audit.models import AuditEvent
from kasam.conftest import login
from kasam.screening.models import Screening

pytestmark = pytest.mark.django_db


@pytest.fixture
def screening(kari, alice) -> Screening:
    return Screening.objects.create(
        client=kari,
        kind=Screening.Kind.NUTRITION,
        measured_on=datetime.date(2026, 11, 20),
        tool=Screening.Tool.MNA_SF,
        score=7,
        weight_kg=52.5,
        at_risk=True,
        next_due_on=datetime.date(2027, 2, 20),
        made_by=alice,
        submission_key=uuid.uuid4(),
    )


@pytest.fixture
def scored(application, erin) -> ItemScore:
    scale = Scale.objects.get(code="iplos")
    first, last = scale.items.order_by("order")[0], scale.items.order_by("-order")[0]
    assessment = Assessment.objects.create(
        case=application, version=1, what_matters="Being at home.", made_by=erin
    )
    ItemScore.objects.create(assessment=assessment, item=last)  # not scored
    return ItemScore.objects.create(
        assessment=assessment, item=first, level=scale.levels.get(value=3)
    )


def test_a_screening_with_its_score_weight_and_risk(client, alice, kari, screening):
    login(client, alice)
    body = client.get(f"/fhir/r4/Observation/{screening.public_id}").json()
    Observation.model_validate(body)
    assert body["valueInteger"] == 7
    assert body["interpretation"][0]["coding"][0]["code"] == "A"
    assert body["component"][0]["valueQuantity"]["value"] == 52.5
    assert body["effectiveDateTime"] == "2026-11-20"
    logged = AuditEvent.objects.filter(actor=alice, client=kari, action="read")
    assert logged.filter(object_type="screening").count() == 1


def test_a_patients_observations_are_screenings_and_scored_items(
    client, erin, kari, screening, scored
):
    login(client, erin)
    found = client.get("/fhir/r4/Observation", {"patient": str(kari.public_id)}).json()
    assert found["total"] == 2  # the item without a level is not an observation
    kinds = {e["resource"]["id"]: e["resource"] for e in found["entry"]}
    score = kinds[f"{scored.assessment.public_id}-{scored.pk}"]
    Observation.model_validate(score)
    assert score["valueInteger"] == 3
    assert score["code"]["coding"][0] == {
        "system": "urn:kasam:scale:iplos",
        "code": scored.item.code,
    }
    again = client.get(f"/fhir/r4/Observation/{score['id']}").json()
    assert again["id"] == score["id"]
    assert AuditEvent.objects.filter(actor=erin, client=kari, object_type="assessment").exists()
    page = client.get("/fhir/r4/Observation", {"patient": str(kari.public_id), "_count": 1})
    assert [link["relation"] for link in page.json()["link"]] == ["self", "next"]


def test_an_outsider_finds_no_observation(client, charlie, kari, screening, scored):
    login(client, charlie)
    for address in (
        f"/fhir/r4/Observation/{screening.public_id}",
        f"/fhir/r4/Observation/{scored.assessment.public_id}-{scored.pk}",
        f"/fhir/r4/Observation?patient={kari.public_id}",
        "/fhir/r4/Observation/nothing",
        f"/fhir/r4/Observation/{uuid.uuid4()}-x",
    ):
        answer = client.get(address)
        assert answer.status_code == 404, address
        assert answer.json()["resourceType"] == "OperationOutcome"
