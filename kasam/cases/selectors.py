"""Which cases a user may see, and the inboxes built on that rule."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kasam.access.selectors import (
    ClientAccess,
    access_bases,
    care_memberships,
    care_team_clients,
    subtree_of,
)
from kasam.accounts.models import User
from kasam.cases.deadlines import DeadlineState, state_of
from kasam.cases.models import Case, CaseDeadline, CaseType
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.organisation.selectors import people_in


@dataclass(frozen=True)
class CaseAccess:
    """A case the user may see, with the basis on which they see its client."""

    case: Case
    client_access: ClientAccess


def cases_visible_to(user: User, *, memberships: list[Membership] | None = None) -> QuerySet[Case]:
    """The case's handler, the units that received it, and the client's care team."""
    if not (user.is_authenticated and user.is_active):
        return Case.objects.none()
    memberships = care_memberships(user) if memberships is None else memberships
    # EXISTS per case, not IN (all the clients one cares for): PostgreSQL would build that
    # whole set (thousands of clients) for a page that shows one client's three cases.
    team = care_team_clients(user, memberships).filter(pk=OuterRef("client_id"))
    condition = Q(handler=user) | Q(Exists(team))
    units = subtree_of(m.unit for m in memberships)
    if units is not None:
        condition |= Q(unit__in=units)
    return Case.objects.filter(condition, client__archived_at__isnull=True)


def get_case_for(user: User, public_id: uuid.UUID | str) -> CaseAccess:
    """404 whether the case is missing or the user may not see it."""
    memberships = care_memberships(user)
    case = (
        cases_visible_to(user, memberships=memberships)
        .select_related("case_type", "client", "unit", "handler")
        .filter(public_id=public_id)
        .first()
    )
    if case is None:
        raise Http404
    basis = access_bases(user, [case.client], memberships=memberships)[case.client.pk]
    return CaseAccess(case, ClientAccess(case.client, basis))


def cases_of_client(user: User, client_access: ClientAccess) -> QuerySet[Case]:
    """The client's cases that the user may see, newest first."""
    return (
        cases_visible_to(user)
        .filter(client=client_access.client)
        .select_related("case_type", "handler")
        .order_by("-received_at")
    )


def with_bases(user: User, cases: list[Case]) -> list[CaseAccess]:
    bases = access_bases(user, list({case.client_id: case.client for case in cases}.values()))
    return [CaseAccess(case, ClientAccess(case.client, bases[case.client_id])) for case in cases]


@dataclass
class InboxFilter:
    unit: OrganisationUnit | None = None
    handler: User | None = None
    case_type: CaseType | None = None
    status: str = ""
    include_ended: bool = False


@dataclass
class InboxRow:
    access: CaseAccess
    deadlines: list[tuple[CaseDeadline, DeadlineState]] = field(default_factory=list)

    @property
    def case(self) -> Case:
        return self.access.case

    @property
    def next_state(self) -> DeadlineState | None:
        pending = [state for _d, state in self.deadlines if state.key not in ("met", "met_late")]
        return pending[0] if pending else None


def _inbox_cases(user: User, filters: InboxFilter) -> QuerySet[Case]:
    cases = scoped_cases(user, filters)
    if not filters.include_ended and not filters.status:
        cases = cases.filter(status__in=Case.OPEN)
    return cases


def inbox_total(user: User, filters: InboxFilter) -> int:
    return _inbox_cases(user, filters).count()


def inbox(user: User, filters: InboxFilter, *, limit: int = 25, offset: int = 0) -> list[InboxRow]:
    """Open cases by due date (soonest and overdue first), with each deadline's state: the
    `limit` from `offset` (inbox_total counts them all)."""
    cases = _inbox_cases(user, filters).select_related("case_type", "client", "handler", "unit")
    cases = cases.prefetch_related(Prefetch("deadlines", CaseDeadline.objects.order_by("id")))
    ordered = cases.order_by("next_due_on", "received_at", "pk")
    page = list(ordered[offset : offset + limit])
    today = timezone.localdate()
    rows = []
    for access in with_bases(user, page):
        states = [
            (d, state_of(d, today, case_open=access.case.is_open))
            for d in access.case.deadlines.all()
        ]
        rows.append(InboxRow(access, states))
    return rows


def scoped_cases(user: User, filters: InboxFilter) -> QuerySet[Case]:
    """The cases `filters` select among those the user may see.

    When the filter itself is a ground for seeing (the user's own cases, or a unit inside one
    of the user's units), the visibility rule adds nothing and its costly OR is left out.
    """
    memberships = care_memberships(user)
    unit = filters.unit
    if unit is not None and any(unit.path.startswith(m.unit.path) for m in memberships):
        base = Case.objects.filter(client__archived_at__isnull=True)
    elif filters.handler is not None and filters.handler.pk == user.pk:
        base = Case.objects.filter(handler=user, client__archived_at__isnull=True)
    else:
        base = cases_visible_to(user, memberships=memberships)
    return filter_cases(base, filters)


def filter_cases(cases: QuerySet[Case], filters: InboxFilter) -> QuerySet[Case]:
    if filters.unit is not None:
        cases = cases.filter(unit__path__startswith=filters.unit.path)
    if filters.handler is not None:
        cases = cases.filter(handler=filters.handler)
    if filters.case_type is not None:
        cases = cases.filter(case_type=filters.case_type)
    if filters.status:
        cases = cases.filter(status=filters.status)
    return cases


def case_types() -> QuerySet[CaseType]:
    return CaseType.objects.filter(country=settings.KASAM_COUNTRY, active=True)


def inbox_units(user: User) -> QuerySet[OrganisationUnit]:
    """Units whose inbox the user may open: where they are a current member."""
    unit_ids = Membership.objects.current().filter(user=user).values("unit_id")
    return OrganisationUnit.objects.filter(pk__in=unit_ids, archived_at__isnull=True)


def handlers_in(units: QuerySet[OrganisationUnit]) -> QuerySet[User]:
    return people_in(units, roles=[Membership.Role.CASE_HANDLER])


def handlers_for(case: Case) -> QuerySet[User]:
    """Who may take over a case: case handlers of the receiving unit."""
    return handlers_in(OrganisationUnit.objects.filter(pk=case.unit_id))


def deadline_rows(
    case: Case, today: datetime.date | None = None
) -> list[tuple[CaseDeadline, DeadlineState]]:
    today = today or timezone.localdate()
    return [(d, state_of(d, today, case_open=case.is_open)) for d in case.deadlines.all()]
