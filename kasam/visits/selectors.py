from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from kasam.access.selectors import ClientAccess, access_bases, clients_visible_to
from kasam.accounts.models import User
from kasam.careplans.models import StaffChoice
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


@dataclass(frozen=True)
class BoardRow:
    """A visit on the day board, with whom the client chose for its kind of help."""

    visit: Visit
    chosen: list[User]

    @property
    def against_choice(self) -> bool:
        """Assigned to someone other than the staff the client chose for this help."""
        return bool(self.chosen and self.visit.staff_id) and self.visit.staff not in self.chosen


def board(unit_ids: QuerySet, day: datetime.date) -> list[BoardRow]:
    """A unit's visits of the day by time, with the staff and the client's chosen staff."""
    visits = list(
        Visit.objects.filter(unit__in=unit_ids, day=day)
        .select_related("client", "staff", "activity")
        .order_by("window_start", "client__last_name", "pk")
    )
    chosen: dict[tuple[int, str], list[User]] = {}
    choices = StaffChoice.objects.filter(
        client_id__in={v.client_id for v in visits}, ended_at__isnull=True
    ).select_related("staff")
    for choice in choices:
        chosen.setdefault((choice.client_id, choice.kind), []).append(choice.staff)
    return [BoardRow(v, chosen.get((v.client_id, v.activity.help_kind), [])) for v in visits]
