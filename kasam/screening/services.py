from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from kasam.access.selectors import ClientAccess
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.core.submissions import earlier, save_once
from kasam.screening import rules
from kasam.screening.models import Screening


def record_screening(
    *,
    actor: Actor,
    access: ClientAccess,
    submission_key: uuid.UUID,
    kind: str,
    measured_on: datetime.date,
    tool: str,
    score: int,
    weight_kg: Decimal | None = None,
    appetite: str = "",
) -> Screening:
    """Store once per submission key; the risk and next due date follow from the tool."""
    existing = earlier(Screening, submission_key, access.client)
    if existing is not None:
        return existing
    rules.check(kind, tool, score)
    risk = rules.at_risk(tool, score)
    screening = Screening(
        client=access.client,
        made_by=actor.user,
        submission_key=submission_key,
        at_risk=risk,
        next_due_on=rules.next_due(measured_on, risk),
        kind=kind,
        measured_on=measured_on,
        tool=tool,
        score=score,
        weight_kg=weight_kg,
        appetite=appetite,
    )
    screening.full_clean(validate_unique=False)
    screening, created = save_once(screening)
    if created:
        record_access(actor=actor, access=access, action=AuditEvent.Action.CREATE, target=screening)
    return screening
