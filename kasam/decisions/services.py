"""Drafting, making and revising decisions; letters; appeals. Every write is audited."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.cases.models import Case
from kasam.cases.selectors import CaseAccess
from kasam.cases.services import mark_decided
from kasam.core.concurrency import claim_version
from kasam.core.errors import Refused
from kasam.core.workdays import calendar_for
from kasam.decisions.letters import LETTER_LANGUAGES, letter_language, render_letter
from kasam.decisions.models import Appeal, Decision, DecisionLetter, DecisionLine, Service
from kasam.organisation.models import OrganisationUnit

Action = AuditEvent.Action


@dataclass
class Line:
    """One service as entered, before it is checked and saved."""

    service: Service
    outcome: str
    starts_on: datetime.date
    scope: Decimal | None = None
    ends_on: datetime.date | None = None
    review_on: datetime.date | None = None
    provider: OrganisationUnit | None = None
    justification: str = ""


def check_lines(lines: list[Line]) -> None:
    """The rules a decision's services must meet; the first broken one is refused."""
    if not lines:
        raise Refused(_("A decision needs at least one service."))
    for line in lines:
        _check_line(line)


def _check_line(line: Line) -> None:
    name = line.service.name
    if line.ends_on and line.ends_on < line.starts_on:
        raise Refused(_("%(service)s: the end date is before the start date.") % {"service": name})
    if line.review_on and line.review_on < line.starts_on:
        raise Refused(
            _("%(service)s: the review date is before the start date.") % {"service": name}
        )
    if line.outcome == DecisionLine.Outcome.REFUSED or not line.service.has_scope:
        return
    low, high = line.service.min_scope, line.service.max_scope
    if line.scope is None or not low <= line.scope <= high:
        unit = line.service.get_scope_unit_display()
        raise Refused(
            _("%(service)s: the scope must be between %(low)s and %(high)s %(unit)s.")
            % {"service": name, "low": _number(low), "high": _number(high), "unit": unit}
        )


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _check_case_open(case: Case) -> None:
    if case.status in Case.ENDED:
        raise Refused(
            _("A decision cannot be made on a case that is %(status)s.")
            % {"status": case.get_status_display()}
        )


@transaction.atomic
def draft_decision(
    *,
    actor: Actor,
    access: CaseAccess,
    justification: str,
    valid_from: datetime.date,
    lines: list[Line],
    supersedes: Decision | None = None,
) -> Decision:
    _check_case_open(access.case)
    check_lines(lines)
    decision = Decision(
        case=access.case,
        justification=justification,
        valid_from=valid_from,
        supersedes=supersedes,
        drafted_by=actor.user,
    )
    decision.full_clean()
    decision.save()
    _save_lines(decision, lines)
    _audit(actor, access, Action.CREATE, decision)
    return decision


@transaction.atomic
def update_draft(
    *,
    actor: Actor,
    access: CaseAccess,
    decision: Decision,
    expected_version: int,
    justification: str,
    valid_from: datetime.date,
    lines: list[Line],
) -> Decision:
    _check_draft(decision)
    check_lines(lines)
    claim_version(decision, expected_version)
    decision.justification, decision.valid_from = justification, valid_from
    decision.full_clean()
    decision.save()
    decision.lines.all().delete()
    _save_lines(decision, lines)
    _audit(actor, access, Action.UPDATE, decision)
    return decision


def _save_lines(decision: Decision, lines: list[Line]) -> None:
    DecisionLine.objects.bulk_create(
        DecisionLine(decision=decision, **line.__dict__) for line in lines
    )


def _check_draft(decision: Decision) -> None:
    if decision.status != Decision.Status.DRAFT:
        raise Refused(_("A made decision is never changed; revise it with a new decision."))


@transaction.atomic
def make_decision(
    *,
    actor: Actor,
    access: CaseAccess,
    decision: Decision,
    expected_version: int,
    language: str | None = None,
) -> DecisionLetter:
    """Make the draft the decision: the case is decided, the old one superseded, a letter made
    (in `language`, else in the client's)."""
    case = Case.objects.select_for_update().get(pk=access.case.pk)
    _check_case_open(case)
    _check_draft(decision)
    check_lines([_as_line(line) for line in decision.lines.all()])
    claim_version(decision, expected_version)
    now = timezone.now()
    decision.status, decision.decided_by, decision.decided_at = (
        Decision.Status.MADE,
        actor.user,
        now,
    )
    decision.appeal_deadline = (
        calendar_for().add_calendar_days(now, case.case_type.appeal_days).date()
    )
    decision.save()
    if decision.supersedes is not None:
        decision.supersedes.superseded_on = decision.valid_from
        decision.supersedes.save(update_fields=["superseded_on", "updated_at"])
    mark_decided(actor=actor, case=case)
    _audit(actor, access, Action.UPDATE, decision)
    return create_letter(actor=actor, access=access, decision=decision, language=language)


def _as_line(line: DecisionLine) -> Line:
    return Line(
        service=line.service,
        outcome=line.outcome,
        starts_on=line.starts_on,
        scope=line.scope,
        ends_on=line.ends_on,
        review_on=line.review_on,
        provider=line.provider,
        justification=line.justification,
    )


@transaction.atomic
def create_letter(
    *, actor: Actor, access: CaseAccess, decision: Decision, language: str | None = None
) -> DecisionLetter:
    if language is not None and language not in LETTER_LANGUAGES.values():
        raise Refused(_("Choose the letter's language: Norwegian, Swedish or English."))
    language = language or letter_language(access.case.client)
    pdf = render_letter(decision, language)
    letter = DecisionLetter.objects.create(
        decision=decision,
        language=language,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        created_by=actor.user,
    )
    _audit(actor, access, Action.PRINT, letter)
    return letter


@transaction.atomic
def revise(
    *,
    actor: Actor,
    access: CaseAccess,
    decision: Decision,
    valid_from: datetime.date,
    justification: str,
) -> Decision:
    """A new draft that will supersede `decision` from `valid_from`, starting from its services."""
    if not decision.is_current:
        raise Refused(_("Only the current decision can be revised."))
    if valid_from < decision.valid_from:
        raise Refused(_("A revision cannot start before the decision it replaces."))
    if hasattr(decision, "superseded_by"):
        raise Refused(_("A revision of this decision is already being drafted."))
    lines = [_as_line(line) for line in decision.lines.all()]
    for line in lines:
        line.starts_on = max(line.starts_on, valid_from)
    return draft_decision(
        actor=actor,
        access=access,
        justification=justification,
        valid_from=valid_from,
        lines=lines,
        supersedes=decision,
    )


@transaction.atomic
def register_appeal(
    *,
    actor: Actor,
    access: CaseAccess,
    decision: Decision,
    received_on: datetime.date,
    grounds: str = "",
) -> Appeal:
    if decision.status != Decision.Status.MADE or decision.appeal_deadline is None:
        raise Refused(_("Only a decision that has been made can be appealed."))
    calendar = calendar_for()
    start = datetime.datetime.combine(received_on, datetime.time(12))
    handle_by = calendar.add_calendar_days(start, access.case.case_type.appeal_handling_days)
    appeal = Appeal(
        decision=decision,
        received_on=received_on,
        grounds=grounds,
        in_time=received_on <= decision.appeal_deadline,
        handle_by=handle_by.date(),
        registered_by=actor.user,
    )
    appeal.full_clean()
    appeal.save()
    _audit(actor, access, Action.CREATE, appeal)
    return appeal


@transaction.atomic
def settle_appeal(
    *, actor: Actor, access: CaseAccess, appeal: Appeal, outcome: str, note: str = ""
) -> Appeal:
    """Record the outcome; a changed outcome starts a new decision that supersedes the old."""
    if appeal.outcome:
        raise Refused(_("The appeal already has an outcome."))
    appeal.outcome, appeal.outcome_note = outcome, note
    appeal.outcome_on = timezone.localdate()
    if outcome == Appeal.Outcome.CHANGED:
        appeal.new_decision = revise(
            actor=actor,
            access=access,
            decision=appeal.decision,
            valid_from=max(appeal.outcome_on, appeal.decision.valid_from),
            justification=_("Changed after appeal received %(date)s.")
            % {"date": appeal.received_on},
        )
    appeal.full_clean()
    appeal.save()
    _audit(actor, access, Action.UPDATE, appeal)
    return appeal


def _audit(actor: Actor, access: CaseAccess, action: str, target: Any) -> None:
    record_access(actor=actor, access=access.client_access, action=action, target=target)
