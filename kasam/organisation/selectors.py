from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from kasam.accounts.models import User
from kasam.organisation.models import Membership, OrganisationUnit


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
