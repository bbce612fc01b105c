"""The planning board for unit managers: see the day, plan it, move and lock a visit, publish;
audited, and closed to everyone else."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from kasam.audit.models import AuditEvent
from kasam.conftest import login
from kasam.planner.models import PlanRun
from kasam.visits.models import Visit

pytestmark = pytest.mark.django_db


def board(client, org, **more):
    day = timezone.localdate().isoformat()
    return client.get(
        reverse("planner:board"), {"unit": org["north"].public_id, "day": day, **more}
    )


def test_the_manager_plans_moves_locks_and_publishes(
    client, planning_day, org, dave, alice, bob, django_capture_on_commit_callbacks
):
    login(client, dave)
    page = board(client, org).content.decode()
    assert "Kari Nordmann" in page
    assert "the client&#x27;s address has no coordinates" not in page  # nothing planned yet
    assert AuditEvent.objects.filter(actor=dave, action="search").exists()
    kari = planning_day["kari"]
    client.post(
        reverse("planner:move", args=[kari.public_id]),
        {"staff": str(bob.public_id), "start": "08:15", "locked": "on", "version": 1},
    )
    kari.refresh_from_db()
    assert (kari.staff, kari.planned_start.strftime("%H:%M"), kari.locked) == (bob, "08:15", True)
    data = {"unit": org["north"].public_id, "day": timezone.localdate().isoformat(), "seconds": 2}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("planner:start"), data)
    run = PlanRun.objects.get()
    assert run.status == PlanRun.Status.DONE
    page = board(client, org).content.decode()
    assert "The optimised plan" in page
    assert "Visits to make" in page  # the week, with today's plan ready
    assert "the client&#x27;s address has no coordinates" in page
    assert "<svg" in page
    answer = client.post(reverse("planner:publish", args=[run.public_id]), follow=True)
    assert "The plan is published" in answer.content.decode()
    kari.refresh_from_db()
    assert (kari.staff, kari.planned_start.strftime("%H:%M")) == (bob, "08:15")  # locked
    lift = Visit.objects.get(pk=planning_day["lift"].pk)
    assert {lift.staff, lift.second_staff} == {alice, bob}
    assert lift.version == 2  # a move form opened before publishing is now stale
    worklist = login(client, alice).get(reverse("visits:worklist")).content.decode()
    assert "Lift Klient" in worklist
    assert "re-planned" in worklist


def test_bad_input_on_the_board_is_a_clear_message_and_changes_nothing(
    client, planning_day, org, dave, charlie
):
    login(client, dave)
    kari = planning_day["kari"]
    answer = client.post(
        reverse("planner:move", args=[kari.public_id]), {"start": "25:99", "version": 1}
    )
    assert answer.status_code == 400
    assert "Give the start as HH:MM" in answer.content.decode()
    answer = client.post(
        reverse("planner:move", args=[kari.public_id]), {"locked": "on", "version": 1}
    )
    assert answer.status_code == 400
    assert "A locked visit needs a staff member" in answer.content.decode()
    off_shift = {"staff": str(charlie.public_id), "start": "09:00", "version": 1}
    answer = client.post(reverse("planner:move", args=[kari.public_id]), off_shift)
    assert answer.status_code == 400
    assert "has no shift in the unit that day" in answer.content.decode()
    assert "Kari Nordmann" in answer.content.decode()  # the board of that day, again
    data = {"unit": org["north"].public_id, "day": "2026-13-45", "seconds": "many"}
    answer = client.post(reverse("planner:start"), data)
    assert answer.status_code == 400
    assert "Plan for 1 to" in answer.content.decode()
    assert not PlanRun.objects.exists()
    kari.refresh_from_db()
    assert kari.planned_start is None


def test_the_board_is_for_managers_of_the_unit_only(
    client, planning_day, org, alice, dave, django_capture_on_commit_callbacks
):
    login(client, alice)
    assert "for unit managers" in board(client, org).content.decode()
    kari = planning_day["kari"]
    moved = client.post(reverse("planner:move", args=[kari.public_id]), {"staff": "", "version": 1})
    assert moved.status_code == 404
    login(client, dave)
    data = {"unit": org["north"].public_id, "day": timezone.localdate().isoformat(), "seconds": 1}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("planner:start"), data)
    run = PlanRun.objects.get()
    login(client, alice)
    assert client.post(reverse("planner:publish", args=[run.public_id])).status_code == 404
    assert client.get(reverse("planner:run", args=[run.public_id])).status_code == 404


def test_a_move_from_an_old_copy_of_the_board_is_refused_not_overwritten(
    client, planning_day, org, dave, alice, bob
):
    login(client, dave)
    kari = planning_day["kari"]
    seen = kari.version
    url = reverse("planner:move", args=[kari.public_id])
    client.post(
        url, {"staff": str(bob.public_id), "start": "08:15", "locked": "on", "version": seen}
    )
    answer = client.post(url, {"staff": str(alice.public_id), "start": "09:00", "version": seen})
    assert answer.status_code == 409
    assert "Someone else saved changes" in answer.content.decode()
    kari.refresh_from_db()
    assert (kari.staff, kari.planned_start.strftime("%H:%M"), kari.locked) == (bob, "08:15", True)
    assert kari.version == seen + 1
