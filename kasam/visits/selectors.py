from __future__ import annotations

import datetime
import uuid

from django.db.models import QuerySet
from django.http import Http404

from kasam.access.selectors import ClientAccess, access_bases, clients_visible_to
from kasam.accounts.models import User
from kasam.visits.models import Visit


def visible_visits(user: User) -> QuerySet[Visit]:
    return Visit.objects.filter(client__in=clients_visible_to(user))


def worklist(user: User, day: datetime.date) -> list[Visit]:
    """The user's visits of the day in time order, with what the plan says."""
    return list(
        Visit.objects.filter(staff=user, day=day)
        .select_related("client", "activity__line__service")
        .order_by("window_start", "pk")
    )


def visit_for(user: User, public_id: uuid.UUID | str) -> tuple[Visit, ClientAccess]:
    visit = (
        visible_visits(user)
        .select_related("client", "activity__line__service", "staff")
        .filter(public_id=public_id)
        .first()
    )
    if visit is None:
        raise Http404
    return visit, ClientAccess(visit.client, access_bases(user, [visit.client])[visit.client_id])


def board(unit_ids: QuerySet, day: datetime.date) -> list[Visit]:
    """A unit's visits of the day by time, with the staff and the client's chosen staff."""
    return list(
        Visit.objects.filter(unit__in=unit_ids, day=day)
        .select_related("client", "staff", "activity")
        .prefetch_related("client__staff_choices__staff")
        .order_by("window_start", "client__last_name", "pk")
    )
