"""The shift handover: what the next shift reads first, per unit. The last shift's notes
about the unit's clients and its visits not done come from here; apps above add their part
(the deviations reported, kasam.quality) as sections of the page "handover", given a
Handover, so that this app does not import them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from kasam.access.selectors import clients_visible_to
from kasam.accounts.models import User
from kasam.core.sections import Section, Sections
from kasam.journal.models import JournalNote
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import ServiceLink
from kasam.visits.models import Visit
from kasam.visits.selectors import Shift

__all__ = ["HANDOVER", "Handover", "Section", "previous_shift"]

HANDOVER = Sections()

STARTS: dict[str, int] = {Shift.DAY: 7, Shift.EVENING: 15, Shift.NIGHT: 23}


@dataclass(frozen=True)
class Handover:
    """One shift of the units (with their teams) a user hands over or takes over."""

    user: User
    units: QuerySet[OrganisationUnit]
    day: datetime.date
    shift: str

    @property
    def start(self) -> datetime.datetime:
        moment = datetime.datetime.combine(self.day, datetime.time(STARTS[self.shift]))
        return timezone.make_aware(moment)

    @property
    def end(self) -> datetime.datetime:
        return self.start + datetime.timedelta(hours=8)

    def notes(self) -> list[JournalNote]:
        """The shift's notes about the clients the units serve (those the user may see)."""
        served = ServiceLink.objects.current().filter(unit__in=self.units).values("client_id")
        visible = clients_visible_to(self.user).filter(pk__in=served)
        return list(
            JournalNote.objects.filter(
                client__in=visible, created_at__gte=self.start, created_at__lt=self.end
            )
            .select_related("client", "author", "goal")
            .order_by("created_at", "pk")
        )

    def visits_not_done(self) -> list[Visit]:
        """The shift's visits documented as not done or partly done, or never begun."""
        not_done = Q(outcome__in=[Visit.Outcome.NOT_DONE, Visit.Outcome.PARTLY])
        never = Q(checked_in_at=None, outcome="", cancelled_because="")
        return list(
            Visit.objects.filter(self._in_shift(), unit__in=self.units)
            .filter(not_done | never)
            .filter(client__in=clients_visible_to(self.user))
            .select_related("client", "staff", "activity")
            .order_by("window_start", "pk")
        )

    def _in_shift(self) -> Q:
        """The shift's visits by their window's start (none: the day shift)."""
        hours = datetime.time(STARTS[self.shift]), datetime.time((STARTS[self.shift] + 8) % 24)
        if self.shift == Shift.NIGHT:
            after = self.day + datetime.timedelta(days=1)
            late = Q(day=self.day, window_start__gte=hours[0])
            return late | Q(day=after, window_start__lt=hours[1])
        within = Q(window_start__gte=hours[0], window_start__lt=hours[1])
        if self.shift == Shift.DAY:
            within |= Q(window_start=None)
        return Q(within, day=self.day)


def previous_shift(now: datetime.datetime) -> tuple[datetime.date, str]:
    """The shift that ended last before `now` (at 15:30 the day shift, at 06:00 the evening
    shift of the day before)."""
    local = timezone.localtime(now)
    hour, today = local.hour, local.date()
    if 7 <= hour < 15:
        return today - datetime.timedelta(days=1), Shift.NIGHT
    if 15 <= hour < 23:
        return today, Shift.DAY
    if hour >= 23:
        return today, Shift.EVENING
    return today - datetime.timedelta(days=1), Shift.EVENING
