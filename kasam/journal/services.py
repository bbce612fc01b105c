"""Writing journal notes. Idempotent: the same submission key stores one note."""

from __future__ import annotations

import uuid

from django.utils.translation import gettext as _

from kasam.access.selectors import ClientAccess
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.careplans.models import PlanActivity, PlanGoal
from kasam.core.errors import Refused
from kasam.core.submissions import earlier, save_once
from kasam.journal.models import JournalNote


def write_note(
    *,
    actor: Actor,
    access: ClientAccess,
    submission_key: uuid.UUID,
    category: str,
    text: str,
    goal: PlanGoal | None = None,
    activity: PlanActivity | None = None,
    corrects: JournalNote | None = None,
) -> JournalNote:
    """Store the note once; a repeated submission returns the note already stored."""
    existing = earlier(JournalNote, submission_key, access.client)
    if existing is not None:
        return existing
    if corrects is not None:
        _check_correctable(corrects, access)
    _check_plan_links((goal, activity), access)
    note = JournalNote(
        client=access.client,
        author=actor.user,
        submission_key=submission_key,
        category=category,
        text=text,
        goal=goal,
        activity=activity,
        corrects=corrects,
    )
    note.full_clean(validate_unique=False)
    note, created = save_once(note)
    if created:
        record_access(actor=actor, access=access, action=AuditEvent.Action.CREATE, target=note)
    return note


def _check_correctable(note: JournalNote, access: ClientAccess) -> None:
    if note.client_id != access.client.pk:
        raise Refused(_("A note can only correct a note about the same person."))
    if note.entered_in_error:
        raise Refused(_("This note has already been corrected."))


def _check_plan_links(
    items: tuple[PlanGoal | None, PlanActivity | None], access: ClientAccess
) -> None:
    """A note tied to a goal or activity: it must be of this client's plan."""
    for item in items:
        if item is not None and item.plan_version.plan.client_id != access.client.pk:
            raise Refused(_("The goal or activity belongs to another person's plan."))
