"""The case's state machine: which status may follow which. Nothing else changes a status."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kasam.cases.models import Case
from kasam.core.errors import Refused

Status = Case.Status

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.FIRST_CONTACT, Status.WITHDRAWN, Status.FORWARDED}),
    Status.FIRST_CONTACT: frozenset({Status.UNDER_ASSESSMENT, Status.WITHDRAWN, Status.FORWARDED}),
    Status.UNDER_ASSESSMENT: frozenset({Status.DECIDED, Status.WITHDRAWN, Status.FORWARDED}),
    Status.DECIDED: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
    Status.FORWARDED: frozenset(),
}

# Statuses a handler sets with a button; the others follow from recording something
# (first contact) or from making a decision.
MANUAL = frozenset({Status.UNDER_ASSESSMENT, Status.CLOSED, Status.WITHDRAWN, Status.FORWARDED})


class TransitionRefused(Refused):
    """The state machine does not allow the change."""


def check(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, frozenset()):
        raise TransitionRefused(
            _("A case that is “%(current)s” cannot become “%(target)s”.")
            % {"current": _label(current), "target": _label(target)}
        )


def _label(status: str) -> str:
    return str(Status(status).label) if status in Status.values else status


def manual_targets(current: str) -> list[str]:
    """The statuses offered as buttons on a case in `current`."""
    return [s for s in Status.values if s in TRANSITIONS[current] and s in MANUAL]


def check_manual(current: str, target: str) -> None:
    """Like `check`, for a status set by hand: decided and first contact follow from records."""
    if target in Status.values and target not in MANUAL:
        raise TransitionRefused(
            _("A case becomes “%(target)s” when that is recorded on the case, not by hand.")
            % {"target": _label(target)}
        )
    check(current, target)
