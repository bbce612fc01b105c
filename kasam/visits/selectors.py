from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kasam.access.selectors import ClientAccess, access_bases, clients_visible_to
from kasam.accounts.models import User
from kasam.careplans.models import StaffChoice
from kasam.organisation.selectors import away_on
from kasam.organisation.today import Figure, Today
from kasam.registry.models import Client
from kasam.visits.models import TO_MAKE, Visit


def visible_visits(user: User) -> QuerySet[Visit]:
    return Visit.objects.filter(client__in=clients_visible_to(user))


def worklist(user: User, day: datetime.date) -> list[Visit]:
    """The user's visits of the day in time order, with what the plan says; cancelled visits
    (the client died, is in hospital …) are on nobody's worklist."""
    return list(
        Visit.objects.filter(Q(staff=user) | Q(second_staff=user), day=day, cancelled_because="")
        .select_related("client", "activity__line__service")
        .order_by(Coalesce("planned_start", "window_start"), "pk")
    )


def kept_on_phone(user: User, visit: Visit) -> bool:
    """Only the user's own visits of today may be kept on their phone for use offline."""
    mine = user.pk in (visit.staff_id, visit.second_staff_id)
    return mine and visit.day == timezone.localdate() and not visit.cancelled


KEY_MARGIN = datetime.timedelta(hours=1)


def may_see_key(user: User, visit: Visit, now: datetime.datetime) -> bool:
    """The key box code: for the staff given the visit, on its day, from an hour before its
    window until an hour after (a visit without a window: that day)."""
    if user.pk not in (visit.staff_id, visit.second_staff_id) or visit.cancelled:
        return False
    if visit.day != now.date():
        return False
    if visit.window_start is None or visit.window_end is None:
        return True
    starts = datetime.datetime.combine(visit.day, visit.window_start, now.tzinfo) - KEY_MARGIN
    ends = datetime.datetime.combine(visit.day, visit.window_end, now.tzinfo) + KEY_MARGIN
    return starts <= now <= ends


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

    # Made here, not by template filters on each of a day's hundred-odd rows.
    @property
    def when(self) -> str:
        return f"{_clock(self.visit.window_start)}–{_clock(self.visit.window_end)}"

    @property
    def choose_label(self) -> str:
        return gettext("Choose the visit %(when)s to %(name)s") % {
            "when": _clock(self.visit.window_start),
            "name": self.visit.client.full_name,
        }


def _clock(time: datetime.time | None) -> str:
    return f"{time:%H:%M}" if time else ""


class Shift(models.TextChoices):
    """The board shows one shift at a time: that is how a manager plans the day."""

    DAY = "day", _("day shift (07–15)")
    EVENING = "evening", _("evening shift (15–23)")
    NIGHT = "night", _("night shift (23–07)")
    ALL = "all", _("the whole day")


def shift_of(start: datetime.time | None) -> str:
    """The shift a visit starting at `start` belongs to (no time: the day shift)."""
    if start is None or datetime.time(7) <= start < datetime.time(15):
        return Shift.DAY
    return Shift.EVENING if datetime.time(15) <= start < datetime.time(23) else Shift.NIGHT


def _in_shift(shift: str) -> Q:
    seven, fifteen, twenty_three = datetime.time(7), datetime.time(15), datetime.time(23)
    if shift == Shift.DAY:
        return Q(window_start__gte=seven, window_start__lt=fifteen) | Q(window_start=None)
    if shift == Shift.EVENING:
        return Q(window_start__gte=fifteen, window_start__lt=twenty_three)
    if shift == Shift.NIGHT:
        return Q(window_start__gte=twenty_three) | Q(window_start__lt=seven)
    return Q()


def board(unit_ids: QuerySet, day: datetime.date, shift: str = Shift.ALL) -> list[BoardRow]:
    """A unit's visits of one shift by time, with the staff and the client's chosen staff."""
    visits = list(
        Visit.objects.filter(_in_shift(shift), unit__in=unit_ids, day=day)
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


def my_clients(user: User, today: datetime.date) -> QuerySet[Client]:
    """The people the user works with most closely, by name: those they are contact person
    for, and those they visit in the week before or after today (among those they may see)."""
    week = datetime.timedelta(days=7)
    visited = Visit.objects.filter(
        Q(staff=user) | Q(second_staff=user),
        day__gte=today - week,
        day__lte=today + week,
        cancelled_because="",
    ).values("client_id")
    return (
        clients_visible_to(user)
        .filter(Q(contact_person=user) | Q(pk__in=visited))
        .order_by("last_name", "first_name", "pk")
    )


def todays_figures(today: Today) -> list[Figure]:
    """For the unit manager's day: visits still to make, those nobody is given, those
    cancelled because the client is away or gone."""
    away = away_on(today.day).values("user_id")
    counts = Visit.objects.filter(unit__in=today.units, day=today.day).aggregate(
        to_make=Count("pk", filter=TO_MAKE),
        uncovered=Count("pk", filter=TO_MAKE & Q(staff=None)),
        given_away=Count("pk", filter=TO_MAKE & (Q(staff__in=away) | Q(second_staff__in=away))),
        cancelled=Count("pk", filter=~Q(cancelled_because="")),
    )
    board = reverse("visits:board")
    return [
        Figure(_("visits still to make today"), counts["to_make"], board, order=10),
        Figure(_("visits nobody is given"), counts["uncovered"], board, order=11, alert=True),
        Figure(
            _("visits given to someone away"), counts["given_away"], board, order=11, alert=True
        ),
        Figure(_("visits cancelled: the client is away or gone"), counts["cancelled"], board, 12),
    ]
