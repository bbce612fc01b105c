"""Plans the user follows: overdue reviews for the contact person and the units."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from kasam.access.selectors import clients_visible_to
from kasam.accounts.models import User
from kasam.careplans.models import PlanVersion


def overdue_reviews(user: User, *, today: datetime.date | None = None) -> QuerySet[PlanVersion]:
    """Current plans the user may see whose review date has passed (or was never set)."""
    today = today or timezone.localdate()
    return (
        PlanVersion.objects.filter(
            status=PlanVersion.Status.AGREED,
            plan__client__in=clients_visible_to(user),
        )
        .filter(Q(next_review_on__lt=today) | Q(next_review_on__isnull=True))
        .select_related("plan__client", "contact_person")
        .order_by("next_review_on")
    )
