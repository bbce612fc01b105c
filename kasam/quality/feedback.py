"""Complaints, suggestions and praise: received on the public page or registered by staff,
answered by a handler by a deadline; a complaint about a decision goes to its appeal."""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.access.selectors import managed_units
from kasam.accounts.models import User
from kasam.audit.services import Actor
from kasam.cases.models import Case
from kasam.cases.selectors import CaseAccess, get_case_for
from kasam.core.concurrency import claim_version
from kasam.core.errors import Refused
from kasam.decisions.models import Decision
from kasam.decisions.services import register_appeal
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import keeps_strategy
from kasam.quality import rules
from kasam.quality.models import Feedback

MARKUP = re.compile(r"<\s*/?\s*[a-z!][^>]*>|javascript:", re.IGNORECASE)


def check_text(text: str) -> None:
    if MARKUP.search(text):
        raise Refused(_("Please write plain text, without HTML or scripts."))


@transaction.atomic
def receive(
    *,
    channel: str,
    kind: str,
    text: str,
    unit: OrganisationUnit | None = None,
    sender_name: str = "",
    sender_contact: str = "",
    registered_by: User | None = None,
) -> Feedback:
    check_text(text)
    item = Feedback(
        channel=channel,
        kind=kind,
        text=text,
        unit=unit,
        sender_name=sender_name,
        sender_contact=sender_contact,
        registered_by=registered_by,
        reply_due_on=rules.answer_due(timezone.now()),
    )
    item.full_clean()
    item.save()
    return item


def feedback_visible_to(user: User) -> QuerySet[Feedback]:
    """The quality lead sees all; a unit's manager sees what is about their units."""
    found = Feedback.objects.select_related("unit", "handler")
    if keeps_strategy(user):
        return found
    return found.filter(Q(unit__in=managed_units(user)) | Q(handler=user))


@transaction.atomic
def answer(*, user: User, item: Feedback, expected_version: int, reply: str) -> Feedback:
    """The answer to the sender; refused (StaleEdit) if someone answered meanwhile."""
    if not reply.strip():
        raise Refused(_("Write the answer."))
    claim_version(item, expected_version)
    item.reply, item.replied_at, item.handler = reply, timezone.now(), user
    item.status = Feedback.Status.ANSWERED
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def send_to_appeal(*, actor: Actor, item: Feedback, case_number: str) -> Feedback:
    """A complaint about a decision is an appeal: register it on the case's current decision."""
    if item.kind != Feedback.Kind.COMPLAINT:
        raise Refused(_("Only a complaint can be an appeal."))
    found = re.fullmatch(r"\s*\d{4}-(\d+)\s*", case_number)
    case = _case(actor, int(found.group(1))) if found else None
    if case is None:
        raise Refused(_("No case with that number that you may see."))
    decision = case.case.decisions.filter(status=Decision.Status.MADE, superseded_on=None).first()
    if decision is None:
        raise Refused(_("The case has no decision in force to appeal."))
    item.appeal = register_appeal(
        actor=actor,
        access=case,
        decision=decision,
        received_on=timezone.localdate(item.created_at),
        grounds=item.text,
    )
    item.status, item.handler = Feedback.Status.APPEAL, actor.user
    item.save()
    return item


def _case(actor: Actor, pk: int) -> CaseAccess | None:
    """The case, if the actor may see it; None for missing and forbidden alike."""
    case = Case.objects.filter(pk=pk).only("public_id").first()
    if case is None:
        return None
    try:
        return get_case_for(actor.user, case.public_id)
    except Http404:
        return None
