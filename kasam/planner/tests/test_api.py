"""The planner through the API: a rota import replaces a unit's shifts of a day (all or
nothing), a run is started, read and published; managers of the unit only."""

from __future__ import annotations

from typing import cast

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from kasam.planner.models import PlanRun, Shift
from kasam.registry.models import Client
from kasam.visits.models import Visit

pytestmark = pytest.mark.django_db


def api_as(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_a_rota_import_replaces_the_days_shifts_all_or_nothing(
    planning_day, org, dave, alice, bob, charlie
):
    api = api_as(dave)
    day = timezone.localdate().isoformat()
    body = {
        "unit": str(org["north"].public_id),
        "day": day,
        "shifts": [
            {
                "staff": str(alice.public_id),
                "starts": "07:00",
                "ends": "15:00",
                "break_from": "11:00",
                "break_until": "12:00",
                "break_minutes": 30,
            },
            {"staff": str(bob.public_id), "starts": "15:00", "ends": "22:00", "mode": "bike"},
        ],
    }
    answer = api.put("/api/v1/planner/shifts/", body, format="json")
    assert answer.status_code == 200, answer.content
    assert Shift.objects.get(user=bob, day=day).mode == "bike"
    read = api.get("/api/v1/planner/shifts/", {"unit": str(org["north"].public_id), "day": day})
    assert {row["staff"] for row in read.json()} == {str(alice.public_id), str(bob.public_id)}
    for bad in (
        [{"staff": str(charlie.public_id), "starts": "07:00", "ends": "15:00"}],  # not of North
        [{"staff": str(alice.public_id), "starts": "15:00", "ends": "07:00"}],
        [{"staff": str(alice.public_id), "starts": "07:00", "ends": "15:00", "break_minutes": 30}],
        [{"staff": str(alice.public_id), "starts": "07:00", "ends": "15:00"}] * 2,
    ):
        refused = api.put("/api/v1/planner/shifts/", {**body, "shifts": bad}, format="json")
        assert refused.status_code == 400, bad
        assert refused.json()["detail"]
    assert Shift.objects.filter(day=day).count() == 2  # nothing half-replaced


def test_a_run_is_started_read_and_published(
    planning_day, org, dave, alice, django_capture_on_commit_callbacks
):
    api = api_as(dave)
    body = {
        "unit": str(org["north"].public_id),
        "day": timezone.localdate().isoformat(),
        "seconds": 2,
    }
    with django_capture_on_commit_callbacks(execute=True):
        started = api.post("/api/v1/planner/runs/", body, format="json")
    assert started.status_code == 202
    run = api.get(f"/api/v1/planner/runs/{started.json()['id']}/").json()
    assert run["status"] == "done"
    assert run["figures"]["planned"] == 3
    assert run["unplanned"] == {str(planning_day["nowhere"].public_id): "no_place"}
    published = api.post(f"/api/v1/planner/runs/{run['id']}/publish/")
    assert published.json()["status"] == "published"
    assert Visit.objects.filter(replanned_at__isnull=False).count() == 3
    outsider = api_as(alice)
    assert outsider.get(f"/api/v1/planner/runs/{run['id']}/").status_code == 404
    assert outsider.post("/api/v1/planner/runs/", body, format="json").status_code == 404
    assert PlanRun.objects.count() == 1


def test_a_units_staff_competences_are_read_and_replaced_all_or_nothing(
    planning_day, org, dave, alice, bob, charlie
):
    api = api_as(dave)
    unit = str(org["north"].public_id)
    read = api.get("/api/v1/planner/skills/", {"unit": unit}).json()
    assert {row["staff"]: row["skills"] for row in read}[str(alice.public_id)] == ["nurse"]
    body = {
        "unit": unit,
        "staff": [{"staff": str(bob.public_id), "skills": ["hoist", "delegated"]}],
    }
    answer = api.put("/api/v1/planner/skills/", body, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json() == [
        {"staff": str(bob.public_id), "name": bob.display_name, "skills": ["delegated", "hoist"]}
    ]
    for bad in (
        [{"staff": str(charlie.public_id), "skills": ["nurse"]}],  # not of North
        [{"staff": str(bob.public_id), "skills": ["juggling"]}],
    ):
        refused = api.put("/api/v1/planner/skills/", {**body, "staff": bad}, format="json")
        assert refused.status_code == 400, bad
        assert refused.json()["detail"]
    assert sorted(bob.skills.values_list("code", flat=True)) == ["delegated", "hoist"]
    outsider = api_as(alice).get("/api/v1/planner/skills/", {"unit": unit})
    assert outsider.status_code == 404


def test_coordinates_are_set_for_the_units_clients_offices_and_homes_all_or_nothing(
    planning_day, org, dave, alice
):
    from kasam.audit.models import AuditEvent
    from kasam.factories import ClientFactory
    from kasam.planner.models import Coordinates

    api = api_as(dave)
    nowhere = planning_day["nowhere"].client
    body = {
        "unit": str(org["north"].public_id),
        "places": [
            {"kind": "client", "id": str(nowhere.public_id), "latitude": 59.95, "longitude": 10.8},
            {
                "kind": "office",
                "id": str(org["team_a"].public_id),
                "latitude": 59.9,
                "longitude": 10.7,
            },
            {"kind": "home", "id": str(alice.public_id), "latitude": 59.93, "longitude": 10.71},
        ],
    }
    answer = api.put("/api/v1/planner/places/", body, format="json")
    assert answer.status_code == 200, answer.content
    placed = Coordinates.objects.get(client=nowhere)
    assert (placed.latitude, placed.for_address) == (59.95, nowhere.address)
    assert Coordinates.objects.get(unit=org["team_a"]).longitude == 10.7
    assert Coordinates.objects.get(home_of=alice).latitude == 59.93
    entry = AuditEvent.objects.get(client=nowhere, action="update")
    assert (entry.actor, entry.object_type, entry.basis) == (dave, "coordinates", "unit")

    stranger = cast(Client, ClientFactory())  # served by no unit of dave's
    for bad in (
        {"kind": "client", "id": str(stranger.public_id), "latitude": 1, "longitude": 1},
        {"kind": "office", "id": str(org["south"].public_id), "latitude": 1, "longitude": 1},
        {"kind": "client", "id": str(nowhere.public_id), "latitude": 91, "longitude": 1},
        {"kind": "planet", "id": str(nowhere.public_id), "latitude": 1, "longitude": 1},
        body["places"][2],  # Alice's home twice
    ):
        refused = api.put(
            "/api/v1/planner/places/", {**body, "places": [body["places"][2], bad]}, format="json"
        )
        assert refused.status_code == 400, bad
        assert refused.json()
    assert Coordinates.objects.get(home_of=alice).latitude == 59.93  # nothing half-replaced
    assert not Coordinates.objects.filter(client=stranger).exists()
    south = {**body, "unit": str(org["south"].public_id)}
    assert api.put("/api/v1/planner/places/", south, format="json").status_code == 404
    assert api_as(alice).put("/api/v1/planner/places/", body, format="json").status_code == 404
