"""The deviation's state machine. A serious deviation cannot be closed before it has been
reported to the authorities; any deviation needs a learning summary to close."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kasam.core.errors import Refused
from kasam.quality.models import Deviation

Status = Deviation.Status

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.REPORTED: frozenset({Status.IN_REVIEW, Status.REJECTED}),
    Status.IN_REVIEW: frozenset({Status.INVESTIGATING, Status.CLOSED, Status.REJECTED}),
    Status.INVESTIGATING: frozenset({Status.MEASURES, Status.CLOSED}),
    Status.MEASURES: frozenset({Status.FOLLOW_UP}),
    Status.FOLLOW_UP: frozenset({Status.CLOSED, Status.MEASURES}),
    Status.CLOSED: frozenset({Status.IN_REVIEW}),  # reopened
    Status.REJECTED: frozenset({Status.IN_REVIEW}),
}
OPEN = frozenset(set(Status.values) - {Status.CLOSED, Status.REJECTED})


class TransitionRefused(Refused):
    pass


def check(deviation: Deviation, target: str) -> None:
    if target not in TRANSITIONS[deviation.status]:
        raise TransitionRefused(
            _("A deviation that is “%(current)s” cannot become “%(target)s”.")
            % {"current": Status(deviation.status).label, "target": Status(target).label}
        )
    if target == Status.CLOSED:
        _check_closable(deviation)
    if target == Status.FOLLOW_UP and not deviation.measures.exists():
        raise TransitionRefused(_("Add at least one measure before following up its effect."))


def _check_closable(deviation: Deviation) -> None:
    if not deviation.learning.strip():
        raise TransitionRefused(_("Write what was learnt before closing."))
    if deviation.reporting_duty and deviation.reported_externally_on is None:
        raise TransitionRefused(
            _("This deviation must be reported to the authorities before it is closed.")
        )
    if deviation.measures.filter(done_on__isnull=True).exists():
        raise TransitionRefused(_("Every measure must be done before closing."))
