from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kasam.accounts.models import User
from kasam.organisation.models import Absence, Membership, OrganisationUnit
from kasam.organisation.today import Figure, Today


def current_memberships(user: User) -> list[Membership]:
    """The user's current memberships with their units, read once per request (kept on the
    user object, which lives for one request): the menu, the start page and the access rule
    all ask."""
    cached: list[Membership] | None = getattr(user, "_current_memberships", None)
    if cached is None:
        found = Membership.objects.current().filter(user=user).select_related("unit")
        cached = list(found) if user.pk else []
        user._current_memberships = cached  # type: ignore[attr-defined]
    return cached


def active_units() -> QuerySet[OrganisationUnit]:
    return OrganisationUnit.objects.filter(archived_at__isnull=True)


def staff_of(unit: OrganisationUnit) -> QuerySet[Membership]:
    return Membership.objects.current().filter(unit=unit).select_related("user")


def units_of(user: User) -> QuerySet[OrganisationUnit]:
    unit_ids = Membership.objects.current().filter(user=user).values("unit_id")
    return active_units().filter(pk__in=unit_ids)


def active_staff() -> QuerySet[User]:
    """Everyone who may be given a task (an action's owner, a guide), by name."""
    return User.objects.filter(is_active=True).order_by("first_name", "last_name")


def people_in(units: Any, *, roles: Iterable[str] | None = None) -> QuerySet[User]:
    """Active staff with a current membership in `units` (in one of `roles`), by name."""
    members = Membership.objects.current().filter(unit__in=units)
    if roles is not None:
        members = members.filter(role__in=list(roles))
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by(
        "first_name", "last_name"
    )


# Roles that keep the municipality's goals and key figures (the quality lead, analysts and
# committee secretaries, administrators).
STRATEGY_ROLES = (
    Membership.Role.QUALITY_LEAD,
    Membership.Role.ANALYST,
    Membership.Role.ADMINISTRATOR,
)


def keeps_strategy(user: User) -> bool:
    return any(m.role in STRATEGY_ROLES for m in current_memberships(user))


def staff_managed_by(user: User) -> QuerySet[User]:
    """The staff of the units (with their teams) the user manages now."""
    paths = [
        m.unit.path for m in current_memberships(user) if m.role == Membership.Role.UNIT_MANAGER
    ]
    if not paths:
        return User.objects.none()
    under = reduce(or_, (Q(unit__path__startswith=path) for path in paths))
    members = Membership.objects.current().filter(under).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True)


def staff_of_units(units: QuerySet[OrganisationUnit]) -> QuerySet[Membership]:
    return Membership.objects.current().filter(unit__in=units)


def absences_managed_by(user: User, day: datetime.date) -> QuerySet[Absence]:
    """The absences of the user's staff that are not over by the day, soonest first."""
    found = Absence.objects.filter(user__in=staff_managed_by(user)).exclude(ends_on__lt=day)
    return found.select_related("user").order_by("starts_on", "user__last_name", "pk")


def away_on(day: datetime.date) -> QuerySet[Absence]:
    return Absence.objects.on(day)


def todays_figures(today: Today) -> list[Figure]:
    """For the unit manager's day: how many of the units' staff are away."""
    staff = staff_of_units(today.units).values("user_id")
    count = away_on(today.day).filter(user__in=staff).values("user").distinct().count()
    return [Figure(_("staff away today"), count, reverse("organisation:away"), order=21)]
