from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import record_change, values_of
from kasam.core.errors import Refused
from kasam.organisation.models import Absence, Membership, OrganisationUnit
from kasam.organisation.selectors import staff_managed_by

Kind = OrganisationUnit.Kind

# Which kind of node may sit under which: municipality -> areas -> units -> teams.
ALLOWED_PARENTS: dict[str, tuple[str, ...]] = {
    Kind.MUNICIPALITY: (),
    Kind.AREA: (Kind.MUNICIPALITY,),
    Kind.TEAM: tuple(k for k in Kind.values if k not in (Kind.MUNICIPALITY, Kind.AREA, Kind.TEAM)),
}
UNIT_PARENTS = (Kind.AREA, Kind.MUNICIPALITY)


def _check_parent(kind: str, parent: OrganisationUnit | None) -> None:
    allowed = ALLOWED_PARENTS.get(kind, UNIT_PARENTS)
    if parent is None and allowed:
        raise ValidationError(_("This kind of unit must be part of another unit."))
    if parent is not None and parent.kind not in allowed:
        raise ValidationError(_("A unit of this kind cannot be placed there."))


@transaction.atomic
def create_unit(
    *, name: str, kind: str, parent: OrganisationUnit | None = None
) -> OrganisationUnit:
    _check_parent(kind, parent)
    unit = OrganisationUnit(name=name, kind=kind, parent=parent, path="/")
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    return unit


@transaction.atomic
def add_membership(*, user: User, unit: OrganisationUnit, role: str) -> Membership:
    membership = Membership(user=user, unit=unit, role=role)
    membership.full_clean()
    membership.save()
    return membership


ABSENCE_FIELDS = ("user", "kind", "starts_on", "ends_on")


def _check_manager(actor: User, staff_id: int) -> None:
    if not staff_managed_by(actor).filter(pk=staff_id).exists():
        raise Refused(_("Only their manager records a staff member's absence."))


@transaction.atomic
def record_absence(
    *,
    actor: User,
    staff: User,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
) -> Absence:
    """A staff member away from work, recorded by their manager; audited."""
    _check_manager(actor, staff.pk)
    if ends_on is not None and ends_on < starts_on:
        raise Refused(_("An absence ends on or after the day it starts."))
    overlapping = Absence.objects.filter(user=staff).exclude(ends_on__lt=starts_on)
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    if overlapping.exists():
        raise Refused(_("%(name)s is already recorded as away then.") % {"name": staff})
    absence = Absence(
        user=staff, kind=kind, starts_on=starts_on, ends_on=ends_on, registered_by=actor
    )
    absence.full_clean()
    absence.save()
    new = values_of(absence, *ABSENCE_FIELDS)
    record_change(
        user=actor,
        action=AuditEvent.Action.CREATE,
        target=absence,
        changes={k: (None, v) for k, v in new.items()},
    )
    return absence


@transaction.atomic
def end_absence(*, actor: User, absence: Absence, back_on: datetime.date) -> Absence:
    """The staff member is back at work on `back_on`: the absence ends the day before."""
    _check_manager(actor, absence.user_id)
    last = back_on - datetime.timedelta(days=1)
    if last < absence.starts_on:
        raise Refused(_("Back before the absence began: it ends on or after its first day."))
    before = absence.ends_on
    absence.ends_on = last
    absence.save(update_fields=["ends_on", "updated_at"])
    record_change(
        user=actor,
        action=AuditEvent.Action.UPDATE,
        target=absence,
        changes={"ends_on": (before, last)},
    )
    return absence
