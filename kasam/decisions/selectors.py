from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kasam.accounts.models import User
from kasam.cases.models import Case
from kasam.cases.selectors import cases_visible_to
from kasam.decisions.models import Appeal, Decision, DecisionLine, Service

REVIEW_WINDOW_DAYS = 30


def catalogue() -> QuerySet[Service]:
    return Service.objects.filter(country=settings.KASAM_COUNTRY, active=True)


def _with_lines(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    lines = DecisionLine.objects.select_related("service", "provider")
    return decisions.select_related("decided_by", "supersedes").prefetch_related(
        Prefetch("lines", lines)
    )


def decisions_of(case: Case) -> QuerySet[Decision]:
    return _with_lines(case.decisions.all())


def appeals_of(case: Case) -> QuerySet[Appeal]:
    return Appeal.objects.filter(decision__case=case).select_related("decision", "new_decision")


def decisions_due_for_review(
    user: User, *, today: datetime.date | None = None, limit: int = 50
) -> list[Decision]:
    """Current decisions the user may see whose review or end date is within 30 days or past."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REVIEW_WINDOW_DAYS)
    near = Q(lines__review_on__lte=horizon) | Q(lines__ends_on__lte=horizon)
    decisions = (
        Decision.objects.filter(
            status=Decision.Status.MADE,
            superseded_on__isnull=True,
            case__in=cases_visible_to(user).exclude(status__in=Case.ENDED),
        )
        .filter(near)
        .distinct()
        .select_related("case__client", "case__case_type")
        .order_by("valid_from")
    )
    return list(_with_lines(decisions)[:limit])


def next_date(decision: Decision) -> datetime.date | None:
    dates = [d for line in decision.lines.all() for d in (line.review_on, line.ends_on) if d]
    return min(dates) if dates else None
