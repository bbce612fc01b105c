"""FHIR R4 (#16): the care plan as a CarePlan (the client's own part performed by the
Patient) and the client's goals in their own words, expressed by the Patient."""

from __future__ import annotations

import pytest
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.goal import Goal

from kasam.audit.models import AuditEvent
from kasam.careplans.models import PlanVersion
from kasam.careplans.tests.test_lifecycle import agreed_plan
from kasam.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(carol, kari, decision) -> PlanVersion:
    return agreed_plan(carol, kari, decision, days="0,2,4")


def test_the_care_plan_with_its_activities_and_the_clients_own_part(client, alice, kari, plan):
    from kasam.careplans.models import PlanActivity

    PlanActivity.objects.filter(plan_version=plan).update(client_does="Washes her face herself.")
    login(client, alice)
    body = client.get(f"/fhir/r4/CarePlan/{plan.public_id}").json()
    CarePlan.model_validate(body)
    assert body["status"] == "active"
    assert body["subject"]["reference"] == f"Patient/{kari.public_id}"
    staff, own = body["activity"]
    assert staff["detail"]["description"].startswith("Wound care")
    assert staff["detail"]["scheduledTiming"]["repeat"]["dayOfWeek"] == ["mon", "wed", "fri"]
    assert own["detail"]["performer"] == [{"reference": f"Patient/{kari.public_id}"}]
    assert own["detail"]["description"] == "Washes her face herself."
    assert body["goal"][0]["reference"].startswith(f"Goal/{plan.public_id}-")
    logged = AuditEvent.objects.filter(actor=alice, client=kari, action="read")
    assert logged.filter(object_type="planversion").count() == 1


def test_goals_in_the_clients_own_words_expressed_by_the_patient(client, alice, kari, plan):
    login(client, alice)
    found = client.get("/fhir/r4/Goal", {"patient": str(kari.public_id)}).json()
    assert found["total"] == 1
    goal = found["entry"][0]["resource"]
    Goal.model_validate(goal)
    assert goal["description"]["text"] == "Walk to the shop."
    assert goal["expressedBy"]["reference"] == f"Patient/{kari.public_id}"
    assert goal["lifecycleStatus"] == "active"
    again = client.get(f"/fhir/r4/Goal/{goal['id']}").json()
    assert again["id"] == goal["id"]
    plans = client.get("/fhir/r4/CarePlan", {"patient": f"Patient/{kari.public_id}"}).json()
    assert plans["total"] == 1


def test_plans_and_goals_of_someone_else_are_not_found(client, charlie, kari, plan):
    login(client, charlie)
    goal_id = f"{plan.public_id}-{plan.goals.get().pk}"
    for address in (
        f"/fhir/r4/CarePlan/{plan.public_id}",
        f"/fhir/r4/Goal/{goal_id}",
        f"/fhir/r4/Goal?patient={kari.public_id}",
        f"/fhir/r4/CarePlan?patient={kari.public_id}",
        "/fhir/r4/Goal/not-a-goal",
    ):
        answer = client.get(address)
        assert answer.status_code == 404, address
        assert answer.json()["resourceType"] == "OperationOutcome"
    assert client.get("/fhir/r4/Goal").status_code in (400, 403)
