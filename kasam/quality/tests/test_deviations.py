"""Deviations: reporting, the state machine (every allowed and refused step), the reporting
duty and its deadline, and the manager's list."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from kasam.access.selectors import get_client_for
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor
from kasam.core.errors import Refused
from kasam.quality import services, workflow
from kasam.quality.models import Deviation
from kasam.quality.selectors import to_handle

pytestmark = pytest.mark.django_db
Status = Deviation.Status
NOW = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)


def _report(alice, org, *, severity=2, client=None, **fields):
    access = get_client_for(alice, client.public_id) if client else None
    data = {
        "category": "fall",
        "severity": severity,
        "occurred_at": NOW - datetime.timedelta(hours=2),
        "what_happened": "Found on the bathroom floor.",
        "immediate_action": "Helped up, called the nurse.",
    }
    return services.report_deviation(
        actor=Actor(alice), unit=org["north"], access=access, **(data | fields)
    )


def _move(dave, deviation, target, **fields):
    return services.move(
        user=dave, deviation=deviation, target=target, expected_version=deviation.version, **fields
    )


@time_machine.travel(NOW, tick=False)
def test_reported_deviation_reaches_the_units_manager_and_the_clients_log(alice, dave, kari, org):
    deviation = _report(alice, org, client=kari)
    assert list(to_handle(dave)) == [deviation]
    assert not deviation.reporting_duty
    assert AuditEvent.objects.filter(actor=alice, client=kari, object_type="deviation").exists()


def test_a_deviation_cannot_have_happened_in_the_future(alice, org):
    with pytest.raises(Refused, match="future"):
        _report(alice, org, occurred_at=timezone.now() + datetime.timedelta(hours=1))
    assert not Deviation.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_serious_deviation_carries_the_reporting_duty_with_its_deadline(alice, dave, org):
    deviation = _report(alice, org, severity=4)
    assert deviation.reporting_duty
    assert deviation.report_due_on == datetime.date(2026, 11, 30)  # 5 working days (Norway)
    for target in (Status.IN_REVIEW, Status.INVESTIGATING):
        deviation = _move(dave, deviation, target)
    with pytest.raises(Refused, match="reported to the authorities"):
        _move(dave, deviation, Status.CLOSED, learning="Grab rails in every bathroom.")
    deviation.refresh_from_db()
    deviation = _move(
        dave,
        deviation,
        Status.CLOSED,
        learning="Grab rails in every bathroom.",
        reported_externally_on=datetime.date(2026, 11, 25),
    )
    assert deviation.status == Status.CLOSED


def test_the_whole_way_with_measures_and_their_effect(alice, dave, org):
    deviation = _report(alice, org)
    for target in (Status.IN_REVIEW, Status.INVESTIGATING, Status.MEASURES):
        deviation = _move(dave, deviation, target, causes="routines,equipment")
    with pytest.raises(Refused, match="at least one measure"):
        services.move(
            user=dave,
            deviation=Deviation.objects.get(),
            target=Status.FOLLOW_UP,
            expected_version=deviation.version,
        )
    measure = services.add_measure(
        user=dave,
        deviation=deviation,
        title="Night light",
        owner=alice,
        due_on=datetime.date(2026, 12, 15),
    )
    deviation = _move(dave, deviation, Status.FOLLOW_UP)
    with pytest.raises(Refused, match="Every measure must be done"):
        _move(dave, deviation, Status.CLOSED, learning="Light helps.")
    deviation.refresh_from_db()
    with pytest.raises(Refused, match="before it was planned"):
        services.complete_measure(
            user=alice, measure=measure, done_on=datetime.date(2020, 1, 1), effect="No falls."
        )
    services.complete_measure(
        user=alice, measure=measure, done_on=timezone.localdate(), effect="No falls since."
    )
    deviation = _move(dave, deviation, Status.CLOSED, learning="Light helps.")
    assert deviation.closed_at is not None
    assert deviation.handler == dave
    steps = [(e.from_status, e.to_status) for e in deviation.events.all()]
    assert steps[0] == ("", "reported")
    assert steps[-1] == ("follow_up", "closed")
    assert [e.note for e in deviation.events.all()][-2] == "Measure done: Night light"
    assert list(to_handle(dave)) == []
    with pytest.raises(Refused, match="no longer being handled"):  # closed: reopen first
        services.complete_measure(
            user=dave, measure=measure, done_on=timezone.localdate(), effect="Later."
        )


@pytest.mark.parametrize("current", list(Status))
def test_every_step_the_state_machine_allows_or_refuses(current, alice, org):
    deviation = _report(alice, org)
    deviation.status = current
    deviation.learning = "Learnt."
    for target in Status:
        allowed = target in workflow.TRANSITIONS[current]
        if allowed and target == Status.FOLLOW_UP:
            continue  # needs a measure: covered above
        if allowed:
            workflow.check(deviation, target)
        else:
            with pytest.raises(workflow.TransitionRefused):
                workflow.check(deviation, target)


def test_only_the_manager_handles_and_stale_saves_are_refused(alice, dave, charlie, org):
    from kasam.core.concurrency import StaleEdit

    deviation = _report(alice, org)
    for outsider in (alice, charlie):
        with pytest.raises(Refused, match="unit's manager"):
            _move(outsider, deviation, Status.IN_REVIEW)
    stale = Deviation.objects.get()
    _move(dave, deviation, Status.IN_REVIEW)
    with pytest.raises(StaleEdit):
        services.move(user=dave, deviation=stale, target=Status.REJECTED, expected_version=1)


def test_indicators_from_deviations_on_hand_made_data(alice, dave, org, carol, kari, decision):
    from kasam.careplans.tests.test_lifecycle import agreed_plan
    from kasam.indicators.tests.conftest import at, value
    from kasam.visits.generation import generate
    from kasam.visits.models import Visit

    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    generate(datetime.date(2026, 10, 1), datetime.date(2026, 10, 31))
    Visit.objects.filter(day__lte=datetime.date(2026, 10, 20)).update(checked_in_at=at(2026, 10, 1))
    with time_machine.travel(at(2026, 10, 10), tick=False):
        _report(alice, org, occurred_at=at(2026, 10, 9))
        rejected = _report(alice, org, occurred_at=at(2026, 10, 9))
    _move(dave, rejected, Status.REJECTED)
    october = value(
        "deviations_per_1000_visits", org["north"], "2026M10", datetime.date(2026, 11, 20)
    )
    assert (october.numerator, october.denominator) == (1, 20)  # 20 visits made, 1 deviation
    assert october.value == 50  # per 1,000
    in_time = value(
        "deviations_closed_in_time", org["north"], "2026M10", datetime.date(2026, 11, 20)
    )
    assert (in_time.numerator, in_time.denominator) == (0, 1)  # open after 30 days: late


def test_a_deviation_cannot_be_closed_before_it_was_reported(alice, dave, org):
    with time_machine.travel(NOW + datetime.timedelta(days=3), tick=False):  # a clock ahead
        deviation = _report(alice, org)
    for target in (Status.IN_REVIEW, Status.INVESTIGATING):
        deviation = _move(dave, deviation, target)
    with time_machine.travel(NOW, tick=False), pytest.raises(Refused, match="before it was"):
        _move(dave, deviation, Status.CLOSED, learning="Learnt.")
    deviation.refresh_from_db()
    assert deviation.closed_at is None


def test_the_demo_reports_deviations_on_the_day_they_happened(settings):
    from django.core.management import call_command

    settings.KASAM_COUNTRY = "NO"
    call_command("demo", size="small", seed=2)
    deviations = list(Deviation.objects.all())
    assert deviations
    assert all(
        d.occurred_at <= d.created_at <= d.occurred_at + datetime.timedelta(hours=8)
        for d in deviations
    )
    assert all(d.closed_at is None or d.closed_at >= d.created_at for d in deviations)
