"""Writing journal notes. Idempotent: the same submission key stores one note."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kasam.access.selectors import ClientAccess
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.core.errors import Refused
from kasam.journal.models import JournalNote


def write_note(
    *, actor: Actor, access: ClientAccess, submission_key: uuid.UUID, **fields: Any
) -> JournalNote:
    """Store the note once; a repeated submission returns the note already stored."""
    existing = JournalNote.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return _same_client(existing, access)
    corrects: JournalNote | None = fields.get("corrects")
    if corrects is not None:
        _check_correctable(corrects, access)
    _check_plan_links(fields, access)
    note = JournalNote(
        client=access.client, author=actor.user, submission_key=submission_key, **fields
    )
    note.full_clean()
    try:
        with transaction.atomic():
            note.save()
    except IntegrityError:  # the same key arrived twice at once
        return _same_client(JournalNote.objects.get(submission_key=submission_key), access)
    record_access(actor=actor, access=access, action=AuditEvent.Action.CREATE, target=note)
    return note


def _same_client(note: JournalNote, access: ClientAccess) -> JournalNote:
    if note.client_id != access.client.pk:
        raise Refused(_("This submission was already used for another note."))
    return note


def _check_correctable(note: JournalNote, access: ClientAccess) -> None:
    if note.client_id != access.client.pk:
        raise Refused(_("A note can only correct a note about the same person."))
    if note.entered_in_error:
        raise Refused(_("This note has already been corrected."))


def _check_plan_links(fields: dict[str, Any], access: ClientAccess) -> None:
    """A note tied to a goal or activity: it must be of this client's plan."""
    for item in (fields.get("goal"), fields.get("activity")):
        if item is not None and item.plan_version.plan.client_id != access.client.pk:
            raise Refused(_("The goal or activity belongs to another person's plan."))
