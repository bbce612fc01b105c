"""The case-work API: same access rules, audit and refusals as the pages."""

from __future__ import annotations

import pytest
from faker import Faker
from rest_framework.test import APIClient

from kasam.audit.models import AuditEvent
from kasam.cases.models import Case
from kasam.core.synthetic_ids import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(erin):
    client = APIClient()
    client.force_login(erin)  # through the middleware, in Erin's language (English)
    return client


def test_a_token_user_gets_answers_in_their_own_language(erin, org):
    from rest_framework.authtoken.models import Token

    erin.language = "sv"
    erin.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=erin).key}")
    response = client.post(
        "/api/v1/cases/", _payload(org, unit="0" * 8 + "-0000-0000-0000-" + "0" * 12), format="json"
    )
    assert response.json()["unit"] == ["Du kan inte registrera ärenden för den enheten."]


def _payload(org, **overrides):
    return {
        "case_type": "application",
        "unit": str(org["office"].public_id),
        "national_id": generate("NO", Faker("no_NO"), birth_year=1938),
        "person": {"first_name": "Ragnhild", "last_name": "Testesen", "preferred_language": "nb"},
        "source": "hospital",
        "received_at": "2026-11-19T16:30:00+01:00",
        "channel": "electronic_message",
        "request": "Ready for discharge; needs home nursing.",
        **overrides,
    }


def test_register_list_read_and_move_a_case(api, org, erin):
    response = api.post("/api/v1/cases/", _payload(org), format="json")
    assert response.status_code == 201, response.json()
    case = response.json()
    assert case["status"] == "received"
    assert case["deadlines"][0]["local_due"] == "2026-11-24"  # after 16:00 on a Thursday
    listed = api.get("/api/v1/cases/").json()
    assert [c["id"] for c in listed] == [case["id"]]
    assert api.get(f"/api/v1/cases/{case['id']}/").status_code == 200
    assert AuditEvent.objects.filter(actor=erin, object_type="case", action="read").exists()
    contact = api.post(
        f"/api/v1/cases/{case['id']}/first-contact/",
        {"contacted_at": "2026-11-20T09:00:00+01:00", "method": "phone", "version": 1},
        format="json",
    )
    assert contact.status_code == 201, contact.json()
    refused = api.post(
        f"/api/v1/cases/{case['id']}/transition/",
        {"target": "closed", "version": 2},
        format="json",
    )
    assert refused.status_code == 400
    assert "cannot become" in refused.json()["detail"]
    stale = api.post(
        f"/api/v1/cases/{case['id']}/transition/",
        {"target": "under_assessment", "version": 1},
        format="json",
    )
    assert stale.status_code == 409
    moved = api.post(
        f"/api/v1/cases/{case['id']}/transition/",
        {"target": "under_assessment", "version": 2},
        format="json",
    )
    assert moved.json()["status"] == "under_assessment"


def test_bad_intake_payloads(api, org):
    assert (
        api.post("/api/v1/cases/", _payload(org, national_id="123"), format="json").status_code
        == 400
    )
    no_person = api.post("/api/v1/cases/", _payload(org, person=None), format="json")
    assert no_person.status_code == 400
    response = api.post(
        "/api/v1/cases/", _payload(org, unit=str(org["north"].public_id)), format="json"
    )
    assert response.json()["unit"] == ["You cannot register cases for that unit."]
    assert not Case.objects.exists()


def test_outsider_gets_404(application, charlie):
    client = APIClient()
    client.force_login(charlie)
    assert client.get(f"/api/v1/cases/{application.public_id}/").status_code == 404
    assert client.get(f"/api/v1/cases/{application.public_id}/decisions/").status_code == 404
    assert client.get("/api/v1/cases/").json() == []


def test_assessment_and_decision_through_the_api(api, application, org):
    Case.objects.filter(pk=application.pk).update(status="first_contact")
    base = f"/api/v1/cases/{application.public_id}/"
    assessment = api.post(
        f"{base}assessments/",
        {"what_matters": "Stay at home.", "scores": [{"item": "hygiene", "level": 3}]},
        format="json",
    )
    assert assessment.status_code == 201, assessment.json()
    bad = api.post(
        f"{base}assessments/",
        {"what_matters": "x", "scores": [{"item": "hygiene", "level": 7}]},
        format="json",
    )
    assert bad.status_code == 400
    assert api.get(f"{base}assessments/").json()[0]["scores"][0]["level"] == 3
    empty = api.post(
        f"{base}decisions/",
        {"valid_from": "2026-11-23", "justification": "x", "lines": []},
        format="json",
    )
    assert empty.status_code == 400
    assert empty.json()["detail"] == "A decision needs at least one service."
    draft = api.post(
        f"{base}decisions/",
        {
            "valid_from": "2026-11-23",
            "justification": "Needs help.",
            "lines": [
                {
                    "service": "home_nursing",
                    "outcome": "granted",
                    "scope": "2",
                    "starts_on": "2026-11-23",
                    "provider": str(org["north"].public_id),
                },
                {"service": "safety_alarm", "outcome": "granted", "starts_on": "2026-11-23"},
            ],
        },
        format="json",
    ).json()
    made = api.post(f"/api/v1/decisions/{draft['id']}/make/", {"version": 1}, format="json")
    assert made.status_code == 200, made.json()
    assert made.json()["status"] == "made"
    appeal = api.post(
        f"/api/v1/decisions/{draft['id']}/appeals/", {"received_on": "2026-11-30"}, format="json"
    )
    assert appeal.status_code == 201
    assert appeal.json()["in_time"]


def test_schema_lists_case_work(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json")
    paths = schema.json()["paths"] if schema["Content-Type"].startswith("application/json") else {}
    text = schema.content.decode()
    assert "/api/v1/cases/" in text
    assert "/api/v1/decisions/{decision_id}/appeals/" in text
    assert paths is not None
