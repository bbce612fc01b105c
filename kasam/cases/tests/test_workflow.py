"""The case state machine: every allowed and every refused transition; each change audited."""

from __future__ import annotations

import itertools

import pytest
from django.utils import timezone

from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor
from kasam.cases import services, workflow
from kasam.cases.models import Case
from kasam.cases.selectors import get_case_for
from kasam.core.concurrency import StaleEdit

Status = Case.Status
ALLOWED = {
    (Status.RECEIVED, Status.FIRST_CONTACT),
    (Status.RECEIVED, Status.WITHDRAWN),
    (Status.RECEIVED, Status.FORWARDED),
    (Status.FIRST_CONTACT, Status.UNDER_ASSESSMENT),
    (Status.FIRST_CONTACT, Status.WITHDRAWN),
    (Status.FIRST_CONTACT, Status.FORWARDED),
    (Status.UNDER_ASSESSMENT, Status.DECIDED),
    (Status.UNDER_ASSESSMENT, Status.WITHDRAWN),
    (Status.UNDER_ASSESSMENT, Status.FORWARDED),
    (Status.DECIDED, Status.CLOSED),
}
PAIRS = list(itertools.product(Status.values, repeat=2))


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_allowed(current, target):
    workflow.check(current, target)


@pytest.mark.parametrize(("current", "target"), sorted(set(PAIRS) - ALLOWED))
def test_refused(current, target):
    with pytest.raises(workflow.TransitionRefused, match="cannot become"):
        workflow.check(current, target)


def test_the_table_is_exactly_the_allowed_set():
    table = {(c, t) for c, targets in workflow.TRANSITIONS.items() for t in targets}
    assert table == ALLOWED


def _access(case, user):
    return get_case_for(user, case.public_id)


def test_first_contact_moves_the_case_and_meets_its_deadline(application, erin):
    when = timezone.now()
    services.record_first_contact(
        actor=Actor(erin),
        access=_access(application, erin),
        expected_version=1,
        contacted_at=when,
        made_by=erin,
        method="phone",
    )
    application.refresh_from_db()
    assert application.status == Status.FIRST_CONTACT
    first = application.deadlines.get(milestone="first_contact")
    assert first.met_at == when
    assert application.next_due_on == application.deadlines.get(milestone="decision").due
    transition = application.transitions.get()
    assert (transition.from_status, transition.to_status, transition.by) == (
        Status.RECEIVED,
        Status.FIRST_CONTACT,
        erin,
    )
    assert AuditEvent.objects.filter(
        actor=erin, object_type="firstcontact", action="create"
    ).exists()


def test_status_by_hand_is_audited_with_who_and_when(application, erin):
    services.change_status(
        actor=Actor(erin),
        access=_access(application, erin),
        target=Status.WITHDRAWN,
        expected_version=1,
        note="The client no longer wants help.",
    )
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert application.next_due_on is None
    event = AuditEvent.objects.filter(object_type="case", action="update").get()
    assert (event.actor, event.client) == (erin, application.client)
    assert application.transitions.get().note == "The client no longer wants help."


def test_decided_cannot_be_set_by_hand(application, erin):
    application.status = Status.UNDER_ASSESSMENT
    application.save()
    with pytest.raises(workflow.TransitionRefused, match="not by hand"):
        services.change_status(
            actor=Actor(erin),
            access=_access(application, erin),
            target=Status.DECIDED,
            expected_version=1,
        )


def test_a_refused_transition_changes_nothing(application, erin):
    with pytest.raises(workflow.TransitionRefused):
        services.change_status(
            actor=Actor(erin),
            access=_access(application, erin),
            target=Status.CLOSED,
            expected_version=1,
        )
    application.refresh_from_db()
    assert (application.status, application.version) == (Status.RECEIVED, 1)
    assert not application.transitions.exists()


def test_second_save_from_an_old_copy_is_refused(application, erin):
    first = _access(application, erin)
    second = _access(application, erin)
    services.update_intake(actor=Actor(erin), access=first, expected_version=1, request="New text")
    with pytest.raises(StaleEdit):
        services.update_intake(
            actor=Actor(erin), access=second, expected_version=1, request="Other text"
        )
    application.refresh_from_db()
    assert (application.request, application.version) == ("New text", 2)


def test_correcting_the_received_time_moves_the_deadlines(application, erin):
    later = application.received_at + timezone.timedelta(days=7)
    services.update_intake(
        actor=Actor(erin),
        access=_access(application, erin),
        expected_version=1,
        received_at=later,
    )
    assert application.deadlines.get(milestone="first_contact").local_due.isoformat() == (
        "2026-11-11"
    )
