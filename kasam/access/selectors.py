"""Which clients may a staff member see, and on what basis.

Every client-scoped page and API endpoint fetches clients through `clients_visible_to`,
so the care-relationship rule lives in the query itself and nowhere else.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kasam.access.bases import AccessBasis, Basis, ClientAccess, relationships
from kasam.access.models import EmergencyAccess
from kasam.access.rule import Sight, Visible, in_subtree, name
from kasam.accounts.models import User
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.organisation.selectors import current_memberships, keeps_strategy
from kasam.organisation.today import Figure, Today
from kasam.registry.models import Client, ServiceLink


def care_memberships(user: User) -> list[Membership]:
    """The user's current memberships that give sight of the clients a unit serves.

    Kept on the user object, which lives for one request, so that a page asking several
    questions about access reads the memberships once.
    """
    cached: list[Membership] | None = getattr(user, "_care_memberships", None)
    if cached is None:
        cached = _read_care_memberships(user)
        user._care_memberships = cached  # type: ignore[attr-defined]
    return cached


def _read_care_memberships(user: User) -> list[Membership]:
    above = (OrganisationUnit.Kind.MUNICIPALITY, OrganisationUnit.Kind.AREA)
    return [
        m
        for m in current_memberships(user)
        if m.role in Membership.CARE_ROLES and m.unit.kind not in above
    ]


def subtree_of(units: Iterable[OrganisationUnit]) -> QuerySet[OrganisationUnit] | None:
    """The units and everything under them; None when `units` is empty."""
    subtree = subtree_filter(units)
    return None if subtree is None else OrganisationUnit.objects.filter(subtree)


def subtree_filter(units: Iterable[OrganisationUnit]) -> Q | None:
    prefixes = [Q(path__startswith=unit.path) for unit in units]
    return reduce(or_, prefixes) if prefixes else None


def clients_visible_to(
    user: User, *, memberships: list[Membership] | None = None
) -> QuerySet[Client]:
    """Clients the user has a care relationship or a case with, or a live emergency access to."""
    if not (user.is_authenticated and user.is_active):
        return Client.objects.none()
    memberships = care_memberships(user) if memberships is None else memberships
    sights = _care_team(user, memberships)
    for relationship in relationships():
        sights += relationship.sights(user, memberships)
    return Client.objects.filter(Visible(sights), archived_at__isnull=True)


def care_team_clients(user: User, memberships: list[Membership]) -> QuerySet[Client]:
    """Clients the user cares for (not those they only know through a case)."""
    if not (user.is_authenticated and user.is_active):
        return Client.objects.none()
    return Client.objects.filter(Visible(_care_team(user, memberships)), archived_at__isnull=True)


def _care_team(user: User, memberships: list[Membership]) -> list[Sight]:
    """Contact person, case handler, a live emergency access, a unit serving the client."""
    sights = [
        Sight(f"{{row}}.{name(Client, 'contact_person')} = %s", (user.pk,)),
        Sight(f"{{row}}.{name(Client, 'case_handler')} = %s", (user.pk,)),
        Sight(_EMERGENCY, (user.pk, timezone.now())),
    ]
    serving = in_subtree(f"sl.{name(ServiceLink, 'unit')}", (m.unit.path for m in memberships))
    if serving is not None:
        today = timezone.localdate()
        sql = _SERVED.format(serving=serving.sql, row="{row}")
        sights.append(Sight(sql, (today, today, *serving.params)))
    return sights


# Table and column names come from the models; every value is a parameter.
_EA, _SL, _ID = EmergencyAccess, ServiceLink, f"{{row}}.{name(Client, 'id')}"
_EMERGENCY = (
    f"EXISTS (SELECT 1 FROM {name(_EA)} ea WHERE ea.{name(_EA, 'client')} = {_ID}"  # noqa: S608
    f" AND ea.{name(_EA, 'user')} = %s AND ea.{name(_EA, 'expires_at')} > %s)"
)
# A unit in the user's subtrees serves the client now (ServiceLink.objects.current()).
_SERVED = (
    f"EXISTS (SELECT 1 FROM {name(_SL)} sl WHERE sl.{name(_SL, 'client')} = {_ID}"  # noqa: S608
    f" AND sl.{name(_SL, 'starts_on')} <= %s"
    f" AND (sl.{name(_SL, 'ends_on')} IS NULL OR sl.{name(_SL, 'ends_on')} >= %s)"
    " AND {serving})"
)


def get_client_for(user: User, public_id: uuid.UUID | str) -> ClientAccess:
    """The client with its access basis; 404 whether the client is missing or forbidden."""
    memberships = care_memberships(user)
    visible = clients_visible_to(user, memberships=memberships).filter(public_id=public_id)
    client = visible.select_related("contact_person", "case_handler").first()
    if client is None:
        raise Http404
    return ClientAccess(client, access_bases(user, [client], memberships=memberships)[client.pk])


def access_bases(
    user: User, clients: list[Client], *, memberships: list[Membership] | None = None
) -> dict[int, AccessBasis]:
    """The basis for each of `clients` (all already known to be visible to `user`): a care
    relationship first; the other relationships and emergency access are asked only about
    the clients left (on a care worker's list, usually none)."""
    memberships = care_memberships(user) if memberships is None else memberships
    paths_by_client = _serving_paths(clients)
    bases, left = {}, []
    for client in clients:
        basis = _care_basis(user, client, memberships, paths_by_client.get(client.pk, []))
        if basis is None:
            left.append(client)
        else:
            bases[client.pk] = basis
    if left:
        bases |= _other_bases(user, left, memberships)
    return bases


def _other_bases(
    user: User, clients: list[Client], memberships: list[Membership]
) -> dict[int, AccessBasis]:
    """The relationships first; live emergency accesses only for the clients none covers."""
    bases: dict[int, AccessBasis] = {}
    for relationship in relationships():
        uncovered = [client for client in clients if client.pk not in bases]
        if uncovered:  # the first relationship that covers a client gives its basis
            bases |= relationship.bases(user, uncovered, memberships)
    left = [client for client in clients if client.pk not in bases]
    emergencies = _live_emergencies(user, left) if left else {}
    for client in left:
        basis = _emergency_basis(emergencies.get(client.pk))
        if basis is None:
            raise Http404  # not visible after all: never reveal it
        bases[client.pk] = basis
    return bases


def _care_basis(
    user: User, client: Client, memberships: list[Membership], serving_paths: list[str]
) -> AccessBasis | None:
    if client.contact_person_id == user.pk:
        return AccessBasis(Basis.CONTACT_PERSON, Membership.Role.CONTACT_PERSON)
    if client.case_handler_id == user.pk:
        return AccessBasis(Basis.CASE_HANDLER, Membership.Role.CASE_HANDLER)
    for membership in memberships:
        for path in serving_paths:
            if path.startswith(membership.unit.path):
                return AccessBasis(Basis.UNIT, membership.role, membership.unit)
    return None


def _emergency_basis(emergency: EmergencyAccess | None) -> AccessBasis | None:
    if emergency is None:
        return None
    return AccessBasis(Basis.EMERGENCY, unit=emergency.unit, emergency=emergency)


def _serving_paths(clients: list[Client]) -> dict[int, list[str]]:
    """The tree paths of the units serving each client now (paths only: a list page asks
    this about every client it shows)."""
    paths: dict[int, list[str]] = {}
    links = ServiceLink.objects.current().filter(client__in=[c.pk for c in clients])
    for client_id, path in links.values_list("client_id", "unit__path"):
        paths.setdefault(client_id, []).append(path)
    return paths


def _live_emergencies(user: User, clients: list[Client]) -> dict[int, EmergencyAccess]:
    grants = EmergencyAccess.objects.filter(
        user=user, client__in=clients, expires_at__gt=timezone.now()
    ).select_related("unit")
    return {grant.client_id: grant for grant in grants}


def managed_units(user: User) -> QuerySet[OrganisationUnit]:
    """The units (with their subtrees) where the user is a current unit manager."""
    manager = Membership.Role.UNIT_MANAGER
    subtree = subtree_filter(m.unit for m in current_memberships(user) if m.role == manager)
    if subtree is None:
        return OrganisationUnit.objects.none()
    return OrganisationUnit.objects.filter(subtree)


def manages_municipality(user: User) -> bool:
    """The manager of the top of the tree: reports and exports for the whole municipality."""
    manager = Membership.Role.UNIT_MANAGER
    return any(m.role == manager and m.unit.parent_id is None for m in current_memberships(user))


def leads(user: User, unit_id: int) -> bool:
    """The quality lead (and the other strategy roles) lead everywhere; a unit manager leads
    the units they manage: goals, indicator values, deviations, improvement work, sessions."""
    return keeps_strategy(user) or managed_units(user).filter(pk=unit_id).exists()


def emergency_accesses_to_review(user: User) -> QuerySet[EmergencyAccess]:
    """Unreviewed emergency accesses by the manager's staff or to the manager's clients."""
    units = managed_units(user)
    served = ServiceLink.objects.current().filter(unit__in=units).values("client_id")
    return (
        EmergencyAccess.objects.filter(reviewed_at__isnull=True)
        .filter(Q(unit__in=units) | Q(client_id__in=served))
        .exclude(user=user)
        .select_related("user", "client", "unit")
    )


def todays_figures(today: Today) -> list[Figure]:
    """For the unit manager's day: emergency accesses waiting for their review."""
    count = emergency_accesses_to_review(today.user).count()
    href = reverse("access:review-list")
    return [Figure(_("emergency accesses to review"), count, href, order=50, alert=True)]
