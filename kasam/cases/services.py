"""Intake work: registering a case, first contact, status changes. Each write is audited."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from kasam.access.selectors import AccessBasis, Basis, ClientAccess
from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.cases import workflow
from kasam.cases.deadlines import deadlines_for
from kasam.cases.models import Case, CaseDeadline, CaseTransition, CaseType, FirstContact
from kasam.cases.selectors import CaseAccess, get_case_for
from kasam.core.concurrency import KEEP, Keep, apply_given, claim_version
from kasam.core.national_id import NationalId
from kasam.core.workdays import calendar_for
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.registry.models import Client
from kasam.registry.services import ClientDetails, create_client

Action = AuditEvent.Action
Status = Case.Status

# Which milestone a status meets when the case reaches it.
MEETS: dict[str, tuple[str, ...]] = {
    Status.FIRST_CONTACT: ("first_contact",),
    Status.UNDER_ASSESSMENT: ("screening",),
    Status.DECIDED: ("screening", "decision"),
    # a report of concern screened out (not investigated) has been screened
    Status.WITHDRAWN: ("screening",),
}


@transaction.atomic
def register_case(
    *,
    actor: Actor,
    case_type: CaseType,
    unit: OrganisationUnit,
    client: Client | None = None,
    person: tuple[NationalId, ClientDetails] | None = None,
    source: str,
    received_at: datetime.datetime,
    channel: str,
    request: str,
    source_name: str = "",
    urgency: str = Case.Urgency.NORMAL,
    handler: User | None = None,
) -> CaseAccess:
    """A new case about an existing client, or about a person registered on the spot."""
    if client is None:
        assert person is not None
        client = create_client(national_id=person[0], details=person[1])
    case = Case(
        case_type=case_type,
        unit=unit,
        client=client,
        source=source,
        source_name=source_name,
        received_at=received_at,
        channel=channel,
        request=request,
        urgency=urgency,
        handler=handler,
    )
    case.full_clean()
    case.save()
    _set_deadlines(case)
    access = CaseAccess(case, ClientAccess(client, _registration_basis(actor, unit)))
    _audit(actor, access, Action.CREATE, case)
    return access


def _registration_basis(actor: Actor, unit: OrganisationUnit) -> AccessBasis:
    membership = Membership.objects.current().filter(user=actor.user, unit=unit).first()
    return AccessBasis(Basis.REGISTRATION, membership.role if membership else "", unit)


def _set_deadlines(case: Case) -> None:
    rules = list(case.case_type.rules.all())
    deadlines = deadlines_for(rules, case.received_at, calendar_for())
    for deadline in deadlines:
        deadline.case = case
    CaseDeadline.objects.bulk_create(deadlines)
    _refresh_next_due(case)


def _refresh_next_due(case: Case) -> None:
    pending = [d.due for d in case.deadlines.all() if d.met_at is None]
    case.next_due_on = min(pending) if pending and case.is_open else None
    case.save(update_fields=["next_due_on", "updated_at"])


@transaction.atomic
def update_intake(
    *,
    actor: Actor,
    access: CaseAccess,
    expected_version: int,
    source: str | Keep = KEEP,
    received_at: datetime.datetime | Keep = KEEP,
    channel: str | Keep = KEEP,
    request: str | Keep = KEEP,
    source_name: str | Keep = KEEP,
    urgency: str | Keep = KEEP,
    handler: User | Keep | None = KEEP,
) -> Case:
    """Correct what was registered (what is not given is kept); deadlines follow a corrected
    received time."""
    case = access.case
    claim_version(case, expected_version)
    received_before = case.received_at
    given = {
        "source": source,
        "received_at": received_at,
        "channel": channel,
        "request": request,
        "source_name": source_name,
        "urgency": urgency,
        "handler": handler,
    }
    apply_given(case, given)
    case.full_clean()
    case.save()
    if case.received_at != received_before:
        _recompute_deadlines(case)
    _audit(actor, access, Action.UPDATE, case)
    return case


def _recompute_deadlines(case: Case) -> None:
    rules = list(case.case_type.rules.all())
    fresh = {d.milestone: d for d in deadlines_for(rules, case.received_at, calendar_for())}
    for deadline in case.deadlines.all():
        computed = fresh[deadline.milestone]
        deadline.statutory_due, deadline.local_due = computed.statutory_due, computed.local_due
        deadline.save(update_fields=["statutory_due", "local_due"])
    _refresh_next_due(case)


@transaction.atomic
def record_first_contact(
    *,
    actor: Actor,
    access: CaseAccess,
    expected_version: int,
    contacted_at: datetime.datetime,
    method: str,
    made_by: User | None = None,
    note: str = "",
) -> FirstContact:
    case = access.case
    contact = FirstContact(
        case=case, contacted_at=contacted_at, method=method, made_by=made_by, note=note
    )
    contact.full_clean(exclude=["case"])
    workflow.check(case.status, Status.FIRST_CONTACT)
    claim_version(case, expected_version)
    contact.save()
    _move(actor, case, Status.FIRST_CONTACT, note="", at=contact.contacted_at)
    _audit(actor, access, Action.CREATE, contact)
    return contact


@transaction.atomic
def change_status(
    *,
    actor: Actor,
    access: CaseAccess,
    target: str,
    expected_version: int,
    note: str = "",
    forwarded_to: str = "",
) -> Case:
    """A status a handler sets by hand (assessment started, closed, withdrawn, forwarded)."""
    case = access.case
    workflow.check_manual(case.status, target)
    claim_version(case, expected_version)
    if target == Status.FORWARDED:
        case.forwarded_to = forwarded_to
    _move(actor, case, target, note=note)
    _audit(actor, access, Action.UPDATE, case)
    return case


def begin_assessment(*, actor: Actor, case: Case) -> None:
    """Writing the first assessment after first contact starts the assessment."""
    if case.status == Status.FIRST_CONTACT:
        _move(actor, case, Status.UNDER_ASSESSMENT, note="")


def mark_decided(*, actor: Actor, case: Case) -> None:
    """Called by the decisions app when a decision is made on the case."""
    if case.status != Status.DECIDED:
        workflow.check(case.status, Status.DECIDED)
        _move(actor, case, Status.DECIDED, note="")


def _move(
    actor: Actor, case: Case, target: str, *, note: str, at: datetime.datetime | None = None
) -> None:
    workflow.check(case.status, target)
    now = timezone.now()
    CaseTransition.objects.create(
        case=case, from_status=case.status, to_status=target, by=actor.user, at=now, note=note
    )
    case.status, case.status_changed_at = target, now
    case.save()
    for deadline in case.deadlines.filter(milestone__in=MEETS.get(target, ()), met_at=None):
        deadline.met_at = at or now
        deadline.save(update_fields=["met_at"])
    _refresh_next_due(case)


def open_case(*, actor: Actor, public_id: uuid.UUID | str, log: bool = True) -> CaseAccess:
    """Fetch a case the actor may see (404 otherwise); `log` when the record is shown."""
    access = get_case_for(actor.user, public_id)
    if log:
        _audit(actor, access, Action.READ, access.case)
    return access


def _audit(actor: Actor, access: CaseAccess, action: str, target: Any) -> None:
    record_access(actor=actor, access=access.client_access, action=action, target=target)
