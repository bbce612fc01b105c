"""Documenting a visit. Check-in and check-out are idempotent: a phone that sends the same
tap twice (flaky network) changes nothing the second time."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.access.selectors import ClientAccess, clients_visible_to
from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.careplans.models import StaffChoice
from kasam.core.errors import Refused
from kasam.visits.models import Visit


def ensure_may_visit(staff: User | None, visit: Visit) -> None:
    """Nobody is given a visit to a client whose record they cannot open: they would stand
    at the door with a page that says "not found"."""
    if staff is not None and not clients_visible_to(staff).filter(pk=visit.client_id).exists():
        raise Refused(
            _("%(name)s does not work with this client and cannot be given the visit.")
            % {"name": staff.display_name}
        )


def _audit(actor: Actor, access: ClientAccess, visit: Visit) -> None:
    record_access(actor=actor, access=access, action=AuditEvent.Action.UPDATE, target=visit)


def ensure_not_cancelled(visit: Visit) -> None:
    """A cancelled visit is not made: refused with the reason, read under a lock so that a
    cancellation made a moment ago (the phone's copy is older) is seen."""
    current = Visit.objects.select_for_update().only("cancelled_because").get(pk=visit.pk)
    visit.cancelled_because = current.cancelled_because
    if visit.cancelled:
        raise Refused(
            _("The visit is cancelled: %(reason)s.")
            % {"reason": visit.get_cancelled_because_display()}
        )


def ensure_unchanged(visit: Visit, version: str) -> None:
    """A check-in or check-out sent from a page read before the visit was re-planned, given
    to someone else or cancelled (a phone without a signal sends it later) is refused, so
    that the worker sees the change instead of a silent overwrite. No version: not checked."""
    if visit.cancelled:
        ensure_not_cancelled(visit)
    if version and version != str(visit.version):
        raise Refused(
            _(
                "The visit was changed after your page was loaded (re-planned or given to "
                "someone else). Nothing was saved: open the visit again."
            )
        )


@transaction.atomic
def check_in(*, actor: Actor, access: ClientAccess, visit: Visit) -> Visit:
    if visit.checked_in_at is None:
        ensure_not_cancelled(visit)
        visit.checked_in_at = timezone.now()
        visit.staff = visit.staff or actor.user
        visit.save(update_fields=["checked_in_at", "staff", "updated_at"])
        _audit(actor, access, visit)
    return visit


@transaction.atomic
def check_out(
    *, actor: Actor, access: ClientAccess, visit: Visit, outcome: str, reason: str = ""
) -> Visit:
    if visit.checked_out_at is not None:
        return visit
    ensure_not_cancelled(visit)
    if visit.checked_in_at is None and outcome != Visit.Outcome.NOT_DONE:
        raise Refused(_("Check in before you check out."))
    if outcome != Visit.Outcome.DONE and not reason:
        raise Refused(_("Say why it was not done (or only partly)."))
    visit.checked_out_at = timezone.now()
    visit.outcome, visit.reason = outcome, reason if outcome != Visit.Outcome.DONE else ""
    visit.save(update_fields=["checked_out_at", "outcome", "reason", "updated_at"])
    _audit(actor, access, visit)
    return visit


@transaction.atomic
def assign(*, actor: Actor, access: ClientAccess, visit: Visit, staff: object) -> Visit:
    """A manager assigns or reassigns a visit; a visit already documented keeps its staff."""
    if visit.documented:
        raise Refused(_("The visit is already documented; its staff cannot change."))
    ensure_not_cancelled(visit)
    ensure_may_visit(staff, visit)  # type: ignore[arg-type]
    visit.staff = staff  # type: ignore[assignment]
    visit.version += 1
    visit.save(update_fields=["staff", "version", "updated_at"])
    _audit(actor, access, visit)
    return visit


def _choices(visit: Visit) -> list[StaffChoice]:
    """The client's current choices of staff for this visit's kind of help (one query)."""
    kind = visit.activity.help_kind
    if not kind:
        return []
    chosen = StaffChoice.objects.filter(client=visit.client, kind=kind, ended_at__isnull=True)
    return list(chosen.select_related("staff"))


def chosen_staff(visit: Visit) -> list[str]:
    """Whom the client chose for this visit's kind of help (names), for the visit page."""
    return [choice.staff.display_name for choice in _choices(visit)]


def choice_warnings(visit: Visit) -> list[str]:
    """Say so when a visit goes to someone other than the staff the client chose."""
    if visit.staff_id is None:
        return []
    chosen = _choices(visit)
    names = [c.staff.display_name for c in chosen]
    if not names or visit.staff_id in {c.staff_id for c in chosen}:
        return []
    return [
        _("%(client)s has chosen %(names)s for %(kind)s.")
        % {
            "client": visit.client.full_name,
            "names": ", ".join(names),
            "kind": visit.activity.get_help_kind_display(),
        }
    ]
