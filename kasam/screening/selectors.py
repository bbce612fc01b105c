from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from kasam.access.selectors import care_memberships, care_team_clients
from kasam.accounts.models import User
from kasam.registry.models import Client
from kasam.screening.models import Screening


def history(client: Client, kind: str) -> QuerySet[Screening]:
    return client.screenings.filter(kind=kind).select_related("made_by")


def overdue(user: User, *, today: datetime.date | None = None) -> QuerySet[Client]:
    """Clients the user cares for whose nutrition or fall screening is due or never done."""
    today = today or timezone.localdate()
    clients = care_team_clients(user, care_memberships(user))
    for kind in ("nutrition", "fall"):
        latest = Screening.objects.filter(client=OuterRef("pk"), kind=kind).order_by(
            "-measured_on", "-pk"
        )
        clients = clients.annotate(**{f"{kind}_due": Subquery(latest.values("next_due_on")[:1])})
    late = Q(nutrition_due__lt=today) | Q(nutrition_due__isnull=True)
    late |= Q(fall_due__lt=today) | Q(fall_due__isnull=True)
    return clients.filter(late, status=Client.Status.ACTIVE).order_by("last_name", "first_name")


def due_for(client: Client, *, today: datetime.date | None = None) -> list[str]:
    """The screenings (by kind's label) due for one client: never done, or past their date.
    One query: each kind's latest screening is the first of its kind, newest first."""
    today = today or timezone.localdate()
    latest: dict[str, datetime.date] = {}
    rows = client.screenings.order_by("kind", "-measured_on", "-pk")
    for kind, next_due_on in rows.values_list("kind", "next_due_on"):
        latest.setdefault(kind, next_due_on)
    return [
        str(label)
        for kind, label in Screening.Kind.choices
        if kind not in latest or latest[kind] < today
    ]


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


def weight_trend(screenings: list[Screening], width: int = 300, height: int = 100) -> list[Point]:
    """Points for a small SVG line of weight over time, oldest first (values labelled)."""
    weighed = [s for s in reversed(screenings) if s.weight_kg is not None][-12:]
    if len(weighed) < 2:
        return []
    weights = [float(s.weight_kg) for s in weighed]  # type: ignore[arg-type]
    low, high = min(weights), max(weights)
    span = (high - low) or 1.0
    step = width / (len(weighed) - 1)
    return [
        Point(
            round(i * step, 1),
            round(height - (w - low) / span * height, 1),
            f"{s.measured_on:%d.%m}: {w:.1f} kg",
        )
        for i, (s, w) in enumerate(zip(weighed, weights, strict=True))
    ]
