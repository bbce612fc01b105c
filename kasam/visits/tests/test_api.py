"""The day's work through the API: worklist in one call, check-in/out, notes, screenings."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from kasam.audit.selectors import access_log_for
from kasam.journal.models import JournalNote
from kasam.visits.tests.test_worklist import todays_visit  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient()
    client.force_login(user)
    return client


def test_worklist_and_documentation(alice, kari, todays_visit):  # noqa: F811
    api = _api(alice)
    worklist = api.get("/api/v1/worklist/").json()
    assert [v["client_name"] for v in worklist] == ["Kari Nordmann"]
    assert worklist[0]["how"] == "Before breakfast, with the radio on."
    assert worklist[0]["planned_start"] is None  # until the planner (or the manager) sets it
    assert worklist[0]["replanned_at"] is None
    visit_id = worklist[0]["id"]
    api.post(f"/api/v1/visits/{visit_id}/check-in/")
    api.post(f"/api/v1/visits/{visit_id}/check-in/")
    out = api.post(f"/api/v1/visits/{visit_id}/check-out/", {"outcome": "not_done"}, format="json")
    assert out.status_code == 400
    assert "Say why" in out.json()["detail"]
    out = api.post(f"/api/v1/visits/{visit_id}/check-out/", {"outcome": "done"}, format="json")
    assert out.json()["outcome"] == "done"
    key = str(uuid.uuid4())
    note = {"category": "daily_care", "text": "Good morning.", "submission_key": key}
    for _ in range(2):
        assert (
            api.post(f"/api/v1/clients/{kari.public_id}/journal/", note, format="json").status_code
            == 201
        )
    assert JournalNote.objects.count() == 1
    screening = {
        "kind": "fall",
        "measured_on": str(timezone.localdate()),
        "tool": "downton",
        "score": 4,
        "submission_key": str(uuid.uuid4()),
    }
    made = api.post(f"/api/v1/clients/{kari.public_id}/screenings/", screening, format="json")
    assert made.json()["at_risk"] is True
    assert access_log_for(kari).filter(actor=alice, action="search").exists()


def test_outsiders(charlie, kari, todays_visit):  # noqa: F811
    api = _api(charlie)
    assert api.get("/api/v1/worklist/").json() == []
    assert api.post(f"/api/v1/visits/{todays_visit.public_id}/check-in/").status_code == 404
    assert api.get(f"/api/v1/clients/{kari.public_id}/journal/").status_code == 404
    assert api.get(f"/api/v1/clients/{kari.public_id}/screenings/").status_code == 404
