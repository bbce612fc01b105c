from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction

from kasam.access.selectors import ClientAccess
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.screening import rules
from kasam.screening.models import Screening


def record_screening(
    *, actor: Actor, access: ClientAccess, submission_key: uuid.UUID, **fields: Any
) -> Screening:
    """Store once per submission key; the risk and next due date follow from the tool."""
    existing = Screening.objects.filter(submission_key=submission_key, client=access.client)
    if existing.exists():
        return existing.get()
    rules.check(fields["kind"], fields["tool"], fields["score"])
    risk = rules.at_risk(fields["tool"], fields["score"])
    screening = Screening(
        client=access.client,
        made_by=actor.user,
        submission_key=submission_key,
        at_risk=risk,
        next_due_on=rules.next_due(fields["measured_on"], risk),
        **fields,
    )
    screening.full_clean()
    try:
        with transaction.atomic():
            screening.save()
    except IntegrityError:
        return Screening.objects.get(submission_key=submission_key, client=access.client)
    record_access(actor=actor, access=access, action=AuditEvent.Action.CREATE, target=screening)
    return screening
