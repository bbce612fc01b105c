from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kasam.accounts.models import User
from kasam.cases.models import Case
from kasam.cases.selectors import InboxFilter, cases_visible_to, scoped_cases
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
    user: User,
    filters: InboxFilter | None = None,
    *,
    today: datetime.date | None = None,
    limit: int = 50,
) -> list[Decision]:
    """Current decisions in the inbox's scope whose review or end date is within 30 days or
    past, soonest first. Walks the lines by review date, so a large office stays fast."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REVIEW_WINDOW_DAYS)
    scoped = cases_visible_to(user) if filters is None else scoped_cases(user, filters)
    cases = scoped.exclude(status__in=Case.ENDED)
    near = (
        DecisionLine.objects.filter(
            decision__status=Decision.Status.MADE,
            decision__superseded_on__isnull=True,
            decision__case__in=cases,
        )
        .filter(Q(review_on__lte=horizon) | Q(ends_on__lte=horizon))
        .order_by("review_on")
        .values_list("decision_id", flat=True)
    )
    ids = list(dict.fromkeys(near[: limit * 4]))[:limit]
    decisions = Decision.objects.filter(pk__in=ids).select_related(
        "case__client", "case__case_type"
    )
    return sorted(_with_lines(decisions), key=lambda d: next_date(d) or today)


def next_date(decision: Decision) -> datetime.date | None:
    dates = [d for line in decision.lines.all() for d in (line.review_on, line.ends_on) if d]
    return min(dates) if dates else None
