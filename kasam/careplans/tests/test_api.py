"""Writing plans through the API: start a draft, save goals and activities, agree or decline,
follow up a goal; same rules, access and audit as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from kasam.audit.models import AuditEvent
from kasam.careplans.models import GoalReview, PlanVersion

pytestmark = pytest.mark.django_db

DRAFT: dict[str, Any] = {
    "version": 1,
    "review_on": "2027-05-01",
    "comprehensible": "She knows who comes and when.",
    "goals": [
        {
            "own_words": "Walk to the shop.",
            "how_we_know": "I go alone.",
            "follow_up_on": "2027-01-15",
        },
        {"own_words": "Bake for Christmas.", "how_we_know": "Buns.", "follow_up_on": "2026-12-20"},
    ],
    "activities": [
        {
            "service": "home_nursing",
            "what": "Wound care",
            "how": "Before breakfast, radio on.",
            "weekdays": [0, 2, 4],
            "window_start": "08:00",
            "window_end": "10:00",
            "duration_minutes": 20,
            "client_does": "Takes off the bandage.",
        }
    ],
}


def _api(user):
    api = APIClient()
    api.force_login(user)
    return api


def _start(api, kari, decision, carol):
    payload = {"decision": str(decision.public_id), "contact_person": str(carol.public_id)}
    return api.post(f"/api/v1/clients/{kari.public_id}/plan/", payload, format="json")


def test_contact_person_writes_and_agrees_a_plan(carol, kari, decision):
    api = _api(carol)
    started = _start(api, kari, decision, carol)
    assert started.status_code == 201
    url = f"/api/v1/plans/{started.json()['id']}/"
    saved = api.put(url, DRAFT, format="json")
    assert saved.status_code == 200, saved.json()
    assert [g["own_words"] for g in saved.json()["plan"]["goals"]] == [
        "Walk to the shop.",
        "Bake for Christmas.",
    ]
    assert saved.json()["plan"]["activities"][0]["weekdays"] == [0, 2, 4]
    agree = {"version": 2, "method": "scanned", "agreed_on": "2026-11-23", "agreed_by": "Kari"}
    assert api.post(f"{url}agree/", agree, format="json").json()["status"] == "agreed"
    review = {"reviewed_on": "2026-12-21", "progress": "reached", "comment": "Buns baked."}
    assert api.post(f"{url}goals/2/reviews/", review, format="json").status_code == 201
    assert GoalReview.objects.get().goal.own_words == "Bake for Christmas."
    assert AuditEvent.objects.filter(actor=carol, object_type="planversion").count() >= 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"service": "meals"}, "not granted"),
        ({"window_end": "07:00"}, "ends before it starts"),
        ({"weekdays": []}, "choose the days"),
        ({"duration_minutes": 0}, "greater than or equal to 1"),
    ],
)
def test_bad_activities_answer_400_with_the_reason(carol, kari, decision, change, message):
    api = _api(carol)
    url = f"/api/v1/plans/{_start(api, kari, decision, carol).json()['id']}/"
    draft = {**DRAFT, "activities": [{**DRAFT["activities"][0], **change}]}
    answer = api.put(url, draft, format="json")
    assert answer.status_code == 400
    assert message in str(answer.json())
    assert not PlanVersion.objects.get().activities.exists()


def test_stale_draft_save_is_409_and_decline_needs_a_reason(carol, kari, decision):
    api = _api(carol)
    url = f"/api/v1/plans/{_start(api, kari, decision, carol).json()['id']}/"
    assert api.put(url, DRAFT, format="json").status_code == 200
    assert api.put(url, DRAFT, format="json").status_code == 409  # version 1 is gone
    assert (
        api.post(f"{url}decline/", {"version": 2, "reason": ""}, format="json").status_code == 400
    )
    declined = api.post(f"{url}decline/", {"version": 2, "reason": "Not now."}, format="json")
    assert declined.json()["status"] == "declined"


def test_outsider_can_neither_start_nor_write(carol, charlie, kari, decision):
    started = _start(_api(carol), kari, decision, carol).json()
    outsider = _api(charlie)
    assert _start(outsider, kari, decision, carol).status_code == 404
    url = f"/api/v1/plans/{started['id']}/"
    assert outsider.put(url, DRAFT, format="json").status_code == 404
    assert outsider.post(f"{url}decline/", {"version": 1, "reason": "x"}).status_code == 404
    assert not AuditEvent.objects.filter(actor=charlie).exists()
    assert PlanVersion.objects.get().status == "draft"


def test_start_refuses_someone_outside_the_team_as_contact_person(carol, charlie, kari, decision):
    answer = _start(_api(carol), kari, decision, charlie)
    assert answer.status_code == 400
    assert not PlanVersion.objects.exists()
