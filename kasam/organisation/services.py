from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kasam.accounts.models import User
from kasam.organisation.models import Membership, OrganisationUnit

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
