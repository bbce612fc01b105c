"""Planning a unit's day from the records: a run made in the background (eager here),
cancelled, published to the worklists in one audited go, and refused cleanly."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor
from kasam.core.errors import Refused
from kasam.planner import selectors, services
from kasam.planner.models import Coordinates, PlanRun
from kasam.planner.problem import Plan, Stop
from kasam.planner.validator import violations
from kasam.visits.models import Visit
from kasam.visits.selectors import worklist

pytestmark = pytest.mark.django_db


def plan_now(dave, org, capture, seconds=2) -> PlanRun:
    with capture(execute=True):
        run = services.start_run(
            user=dave, unit=org["north"], day=timezone.localdate(), seconds_to_plan=seconds
        )
    run.refresh_from_db()
    return run


def as_plan(run: PlanRun) -> Plan:
    routes = {w: [Stop(**s) for s in stops] for w, stops in run.result["routes"].items()}
    return Plan(routes, dict(run.result["unplanned"]))


def test_the_day_is_read_from_the_records(planning_day, org):
    day = selectors.build_day(org["north"], timezone.localdate())
    assert len(day.problem.workers) == 2
    assert len(day.problem.jobs) == 3  # the client without coordinates is not among them
    assert day.without_place == {str(planning_day["nowhere"].public_id): "no_place"}
    lift = day.problem.job(str(planning_day["lift"].public_id))
    assert lift.staff == 2
    insulin = day.problem.job(str(planning_day["insulin"].public_id))
    assert insulin.needs[0].skill == "nurse"
    assert insulin.latest == 12 * 3600 - 1800  # the window's end less the visit's length


def test_a_run_plans_every_hard_rule_and_lists_what_it_cannot(
    planning_day, org, dave, alice, django_capture_on_commit_callbacks
):
    run = plan_now(dave, org, django_capture_on_commit_callbacks)
    assert run.status == PlanRun.Status.DONE
    day = selectors.build_day(org["north"], timezone.localdate())
    plan = as_plan(run)
    plan.unplanned = {k: v for k, v in plan.unplanned.items() if k not in day.without_place}
    assert violations(day.problem, plan) == []
    assert run.result["unplanned"] == {str(planning_day["nowhere"].public_id): "no_place"}
    insulin = str(planning_day["insulin"].public_id)
    assert [w for w, _, _ in plan.starts(insulin)] == [str(alice.public_id)]
    assert run.result["figures"]["planned"] == 3
    assert run.problem["jobs"]  # the inputs are kept with the run


def test_publishing_changes_the_worklists_in_one_audited_go(
    planning_day, org, dave, alice, bob, django_capture_on_commit_callbacks
):
    run = plan_now(dave, org, django_capture_on_commit_callbacks)
    changed = services.publish(actor=Actor(dave), run=run)
    assert changed == 3
    lift = Visit.objects.get(pk=planning_day["lift"].pk)
    assert {lift.staff, lift.second_staff} == {alice, bob}
    assert lift.planned_start is not None
    assert lift.replanned_at is not None
    today = timezone.localdate()
    assert lift in worklist(alice, today)
    assert lift in worklist(bob, today)
    updates = AuditEvent.objects.filter(actor=dave, action="update", object_type="visit")
    assert updates.count() == 3
    run.refresh_from_db()
    assert run.status == PlanRun.Status.PUBLISHED
    with pytest.raises(Refused):
        services.publish(actor=Actor(dave), run=run)  # not twice


def test_a_plan_for_a_day_that_changed_is_not_published(
    planning_day, org, dave, alice, django_capture_on_commit_callbacks
):
    run = plan_now(dave, org, django_capture_on_commit_callbacks)
    planning_day["kari"].staff = alice
    planning_day["kari"].save()  # someone assigned a visit by hand meanwhile
    with pytest.raises(Refused, match="changed since this plan"):
        services.publish(actor=Actor(dave), run=run)
    assert not Visit.objects.filter(replanned_at__isnull=False).exists()


def test_a_locked_visit_stays_where_the_manager_put_it(
    planning_day, org, dave, bob, django_capture_on_commit_callbacks
):
    from kasam.access.selectors import ClientAccess, access_bases

    visit = planning_day["kari"]
    access = ClientAccess(visit.client, access_bases(dave, [visit.client])[visit.client_id])
    start = datetime.time(visit.window_start.hour, 15) if visit.window_start else datetime.time(8)
    services.move_visit(
        actor=Actor(dave),
        access=access,
        visit=visit,
        staff=bob,
        start=start,
        locked=True,
        version=visit.version,
    )
    run = plan_now(dave, org, django_capture_on_commit_callbacks)
    starts = as_plan(run).starts(str(visit.public_id))
    assert starts == [(str(bob.public_id), 0, start.hour * 3600 + start.minute * 60)]


def test_an_office_without_a_location_fails_the_run_with_a_clear_message(
    planning_day, org, dave, django_capture_on_commit_callbacks
):
    Coordinates.objects.filter(unit=org["north"]).delete()
    run = plan_now(dave, org, django_capture_on_commit_callbacks)
    assert run.status == PlanRun.Status.FAILED
    assert "has no office location" in run.message


def test_one_run_at_a_time_and_a_waiting_run_can_be_cancelled(planning_day, org, dave):
    today = timezone.localdate()
    run = services.start_run(user=dave, unit=org["north"], day=today, seconds_to_plan=5)
    with pytest.raises(Refused, match="already being planned"):
        services.start_run(user=dave, unit=org["north"], day=today, seconds_to_plan=5)
    services.cancel_run(user=dave, run=run)
    services.execute(run.pk)  # the worker comes late: nothing happens
    run.refresh_from_db()
    assert run.status == PlanRun.Status.CANCELLED
    with pytest.raises(Refused, match="1 to"):
        services.start_run(user=dave, unit=org["north"], day=today, seconds_to_plan=0)


def test_nobody_is_sent_to_a_client_whose_record_they_cannot_open(
    planning_day, org, dave, charlie, django_capture_on_commit_callbacks
):
    from kasam.planner.models import Shift

    Shift.objects.create(  # lent to North for the day, but no relationship with its clients
        user=charlie,
        unit=org["north"],
        day=timezone.localdate(),
        starts=datetime.time(7),
        ends=datetime.time(15),
    )
    run = plan_now(dave, org, django_capture_on_commit_callbacks)
    assert run.result["routes"].get(str(charlie.public_id), []) == []
    from kasam.access.selectors import ClientAccess, access_bases

    visit = planning_day["kari"]
    access = ClientAccess(visit.client, access_bases(dave, [visit.client])[visit.client_id])
    with pytest.raises(Refused, match="does not work with this client"):
        services.move_visit(
            actor=Actor(dave),
            access=access,
            visit=visit,
            staff=charlie,
            start=None,
            locked=False,
            version=visit.version,
        )


def test_a_second_visit_is_planned_within_its_minutes_after_the_first_and_published(
    planning_day, org, dave, django_capture_on_commit_callbacks
):
    from kasam.visits.generation import generate

    first = planning_day["kari"]
    activity = first.activity
    activity.follow_up_minutes, activity.follow_up_after, activity.follow_up_within = 10, 30, 45
    activity.save()
    today = timezone.localdate()
    generate(today, today)
    second = Visit.objects.get(follows=first)
    day = selectors.build_day(org["north"], today)
    job = day.problem.job(str(first.public_id))
    assert (job.staff, job.gap) == (2, (1800, 2700))
    assert str(second.public_id) not in {j.key for j in day.problem.jobs}
    run = plan_now(dave, org, django_capture_on_commit_callbacks)
    assert run.result["figures"]["unplanned"] == 1  # the client without coordinates only
    plan = as_plan(run)
    (_, _, at_first), (_, _, at_second) = plan.starts(str(first.public_id))
    assert 1800 <= at_second - at_first <= 2700
    services.publish(actor=Actor(dave), run=run)
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.staff is not None
    assert second in worklist(second.staff, today)
    assert first.second_staff is None
    gap = selectors.seconds(second.planned_start) - selectors.seconds(first.planned_start)
    assert 1800 <= gap <= 2700
    published = selectors.current_plan(selectors.build_day(org["north"], today))
    minutes = [(w, p, t // 60 * 60) for w, p, t in plan.starts(str(first.public_id))]
    assert published.starts(str(first.public_id)) == minutes  # stored to the minute
    assert str(second.public_id) not in published.unplanned


def test_planning_today_again_plans_from_now_and_around_staff_at_a_door(
    planning_day, org, dave, alice, django_capture_on_commit_callbacks
):
    import time_machine

    from kasam.planner.problem import Reason
    from kasam.planner.tests.conftest import early_today

    insulin = planning_day["insulin"]  # 10:00–12:00, a nurse: Alice is there now
    insulin.staff = alice
    insulin.checked_in_at = early_today() + datetime.timedelta(hours=4, minutes=30)  # 10:30
    insulin.save()
    with time_machine.travel(early_today() + datetime.timedelta(hours=4, minutes=40), tick=False):
        run = plan_now(dave, org, django_capture_on_commit_callbacks)
    plan = as_plan(run)
    starts = [t for stops in plan.routes.values() for stop in stops for t in [stop.start]]
    assert min(starts) >= (10 * 60 + 41) * 60  # nothing before now
    lift = str(planning_day["lift"].public_id)  # 09:00–11:00 for 30 minutes: too late
    assert run.result["unplanned"][lift] == Reason.WINDOW
    first_of_alice = plan.routes[str(alice.public_id)][0]
    assert first_of_alice.start >= 11 * 3600  # after the insulin visit she is at
    assert str(insulin.public_id) not in run.result["unplanned"]  # in progress: not planned
