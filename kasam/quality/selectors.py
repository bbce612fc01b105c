"""Who sees and handles which deviations."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kasam.access.selectors import clients_visible_to, leads, managed_units
from kasam.accounts.models import User
from kasam.organisation.selectors import keeps_strategy
from kasam.organisation.today import Figure, Today
from kasam.quality.models import Deviation, Measure
from kasam.quality.workflow import OPEN


def may_handle(user: User, deviation: Deviation) -> bool:
    """The manager of the deviation's unit (or a unit above it), or the quality lead."""
    return leads(user, deviation.unit_id)


def deviations_visible_to(user: User) -> QuerySet[Deviation]:
    """What the user reported or owns a measure of, what their units' managers handle, and
    everything for the quality lead."""
    found = Deviation.objects.select_related("unit", "client", "handler", "reported_by")
    if keeps_strategy(user):
        return found
    owned = Measure.objects.filter(owner=user).values("deviation")
    return found.filter(Q(reported_by=user) | Q(unit__in=managed_units(user)) | Q(pk__in=owned))


def measures_to_do(user: User) -> QuerySet[Measure]:
    """Measures the user owns that are not done, on deviations still being handled."""
    return (
        Measure.objects.filter(owner=user, done_on__isnull=True, deviation__status__in=OPEN)
        .select_related("deviation", "deviation__unit")
        .order_by("due_on", "pk")
    )


def to_handle(user: User) -> QuerySet[Deviation]:
    """Open deviations in the units the user manages, the most urgent first: a report to the
    authorities due soonest, then the most serious, then the newest."""
    return (
        deviations_visible_to(user)
        .filter(status__in=OPEN, unit__in=managed_units(user))
        .order_by(F("report_due_on").asc(nulls_last=True), "-severity", "-occurred_at")
    )


def browse(
    user: User, *, text: str = "", state: str = "", category: str = "", unit: int | None = None
) -> QuerySet[Deviation]:
    """The deviations the user may see, newest first, narrowed by what happened (words),
    open or closed, category and unit."""
    found = deviations_visible_to(user).order_by("-occurred_at", "-pk")
    if text:
        found = found.filter(what_happened__icontains=text)
    if state == "open":
        found = found.filter(status__in=OPEN)
    elif state == "done":
        found = found.exclude(status__in=OPEN)
    if category:
        found = found.filter(category=category)
    if unit is not None:
        found = found.filter(unit_id=unit)
    return found


def client_shown_to(user: User, deviation: Deviation) -> bool:
    """A deviation names its client only to people with a care relationship to them."""
    if deviation.client_id is None:
        return False
    return clients_visible_to(user).filter(pk=deviation.client_id).exists()


def todays_figures(today: Today) -> list[Figure]:
    """For the unit manager's day: the open deviations of their units."""
    count = to_handle(today.user).count()
    href = reverse("quality:list") + "?state=open"
    return [Figure(_("open deviations"), count, href, order=30, alert=True)]


def handover_deviations(request: Any, handover: Any) -> dict[str, Any]:
    """The deviations of the handed-over shift in its units, for the shift handover (the
    visits app's page): what happened is shown only when the deviation names no client or
    one the reader works with."""
    found = list(
        Deviation.objects.filter(
            unit__in=handover.units,
            occurred_at__gte=handover.start,
            occurred_at__lt=handover.end,
        )
        .exclude(status=Deviation.Status.REJECTED)
        .select_related("client")
        .order_by("occurred_at", "pk")
    )
    ids = {d.client_id for d in found if d.client_id}
    visible = set(clients_visible_to(handover.user).filter(pk__in=ids).values_list("pk", flat=True))
    openable = set(
        deviations_visible_to(handover.user)
        .filter(pk__in=[d.pk for d in found])
        .values_list("pk", flat=True)
    )
    rows = [
        {
            "deviation": d,
            "client": d.client if d.client_id in visible else None,
            "shown": d.client_id is None or d.client_id in visible,
            "openable": d.pk in openable,
        }
        for d in found
    ]
    return {"deviations": rows, "clients": [row["client"] for row in rows if row["client"]]}
