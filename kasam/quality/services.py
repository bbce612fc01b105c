"""Reporting and handling deviations. Every step is written to the deviation's log and,
when a client is named, to the client's access log."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.access.selectors import ClientAccess
from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.core.concurrency import claim_version
from kasam.core.errors import Refused
from kasam.organisation.models import OrganisationUnit
from kasam.quality import rules, workflow
from kasam.quality.models import Deviation, DeviationEvent, Measure
from kasam.quality.selectors import may_handle
from kasam.visits.models import Visit

Action = AuditEvent.Action
Status = Deviation.Status


@transaction.atomic
def report_deviation(
    *,
    actor: Actor,
    unit: OrganisationUnit,
    access: ClientAccess | None = None,
    category: str,
    severity: str,
    occurred_at: datetime.datetime,
    what_happened: str,
    immediate_action: str = "",
    visit: Visit | None = None,
) -> Deviation:
    """Anyone logged in reports what happened; the unit's manager is told (their list)."""
    now = timezone.now()
    if occurred_at > now:
        raise Refused(_("A deviation cannot have happened in the future."))
    deviation = Deviation(
        unit=unit,
        reported_by=actor.user,
        client=access.client if access else None,
        category=category,
        severity=severity,
        occurred_at=occurred_at,
        what_happened=what_happened,
        immediate_action=immediate_action,
        visit=visit,
    )
    deviation.full_clean()
    if rules.falls_under_reporting_duty(deviation):
        deviation.reporting_duty, deviation.report_due_on = True, rules.report_due(now)
    deviation.save()
    _log(deviation, actor.user, "", Status.REPORTED, "")
    if access is not None:
        record_access(actor=actor, access=access, action=Action.CREATE, target=deviation)
    return deviation


@transaction.atomic
def move(
    *,
    user: User,
    deviation: Deviation,
    target: str,
    expected_version: int,
    note: str = "",
    assessment: str | None = None,
    causes: str | None = None,
    cause_text: str | None = None,
    learning: str | None = None,
    reported_externally_on: datetime.date | None = None,
) -> Deviation:
    """The manager takes the deviation a step on, recording what the step needs (a field
    left as None is left as it was)."""
    if not may_handle(user, deviation):
        raise Refused(_("Only the unit's manager or the quality lead handles deviations."))
    given = {
        "assessment": assessment,
        "causes": causes,
        "cause_text": cause_text,
        "learning": learning,
        "reported_externally_on": reported_externally_on,
    }
    for name, value in given.items():
        if value is not None:
            setattr(deviation, name, value)
    workflow.check(deviation, target)
    claim_version(deviation, expected_version)
    before = deviation.status
    deviation.status = target
    if target == Status.IN_REVIEW and deviation.handler_id is None:
        deviation.handler = user
    deviation.closed_at = timezone.now() if target == Status.CLOSED else None
    if deviation.closed_at is not None and deviation.closed_at < deviation.created_at:
        raise Refused(_("A deviation cannot be closed before it was reported."))
    deviation.full_clean()
    deviation.save()
    _log(deviation, user, before, target, note)
    return deviation


@transaction.atomic
def add_measure(
    *, user: User, deviation: Deviation, title: str, owner: User, due_on: datetime.date
) -> Measure:
    if not may_handle(user, deviation):
        raise Refused(_("Only the unit's manager or the quality lead handles deviations."))
    if deviation.status not in (Status.INVESTIGATING, Status.MEASURES, Status.FOLLOW_UP):
        raise Refused(_("Measures are planned once the deviation is being investigated."))
    measure = Measure(deviation=deviation, title=title, owner=owner, due_on=due_on)
    measure.full_clean()
    measure.save()
    _log(deviation, user, deviation.status, deviation.status, _("Measure: %(t)s") % {"t": title})
    return measure


@transaction.atomic
def complete_measure(
    *, user: User, measure: Measure, done_on: datetime.date, effect: str
) -> Measure:
    """The measure's owner or the manager marks it done with the effect seen; the step is
    written to the deviation's log. Once every measure is done, the deviation can close."""
    measure = Measure.objects.select_for_update().select_related("deviation").get(pk=measure.pk)
    deviation = measure.deviation
    if not (may_handle(user, deviation) or measure.owner_id == user.pk):
        raise Refused(_("Only the measure's owner or the manager marks it done."))
    _check_done(measure, done_on, effect)
    measure.done_on, measure.effect = done_on, effect.strip()
    measure.full_clean()
    measure.save()
    note = _("Measure done: %(t)s") % {"t": measure.title}
    _log(deviation, user, deviation.status, deviation.status, note)
    return measure


def _check_done(measure: Measure, done_on: datetime.date, effect: str) -> None:
    if measure.deviation.status not in workflow.OPEN:
        raise Refused(_("The deviation is no longer being handled; reopen it first."))
    if measure.done_on is not None:
        raise Refused(_("This measure is already marked done."))
    if done_on > timezone.localdate():
        raise Refused(_("A measure cannot be done in the future."))
    if done_on < timezone.localtime(measure.created_at).date():
        raise Refused(_("A measure cannot be done before it was planned."))
    if not effect.strip():
        raise Refused(_("Describe the effect seen, so that the manager can judge it."))


def _log(deviation: Deviation, user: User, before: str, after: str, note: str) -> None:
    DeviationEvent.objects.create(
        deviation=deviation,
        from_status=before,
        to_status=after,
        by=user,
        at=timezone.now(),
        note=note,
    )
