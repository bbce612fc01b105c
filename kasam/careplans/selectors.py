"""Plans the user follows: overdue reviews for the contact person and the units."""

from __future__ import annotations

import datetime

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kasam.access.selectors import clients_visible_to
from kasam.accounts.models import User
from kasam.careplans.models import PlanGoal, PlanVersion
from kasam.decisions.models import Decision
from kasam.organisation.selectors import people_in
from kasam.organisation.today import Figure, Today
from kasam.registry.models import Client


def current_decisions(client: Client) -> QuerySet[Decision]:
    """The client's made decisions not yet superseded: what a plan may rest on."""
    return Decision.objects.filter(
        case__client=client, status=Decision.Status.MADE, superseded_on__isnull=True
    )


def staff_for(client: Client) -> QuerySet[User]:
    """Who can be contact person or chosen staff: the present contact person, and staff of
    the units serving the client."""
    units = client.service_links.current().values("unit_id")
    contact = client.contact_person_id
    present = User.objects.filter(pk__in=[contact] if contact else [], is_active=True)
    return people_in(units) | present


def overdue_reviews(
    user: User, *, today: datetime.date | None = None, mine: bool = False
) -> QuerySet[PlanVersion]:
    """Current plans the user may see whose review date has passed (or was never set), or
    with a goal past its follow-up date; `mine` keeps those where the user is contact person.
    Each carries `overdue_goals`, the number of its goals past their follow-up date."""
    today = today or timezone.localdate()
    late_goals = (
        PlanGoal.objects.filter(plan_version=OuterRef("pk"), next_follow_up_on__lt=today)
        .values("plan_version")
        .annotate(n=Count("pk"))
        .values("n")
    )
    plans = PlanVersion.objects.filter(
        status=PlanVersion.Status.AGREED, plan__client__in=clients_visible_to(user)
    )
    if mine:
        plans = plans.filter(contact_person=user)
    return (
        plans.annotate(overdue_goals=Coalesce(Subquery(late_goals, output_field=IntegerField()), 0))
        .filter(
            Q(next_review_on__lt=today) | Q(next_review_on__isnull=True) | Q(overdue_goals__gt=0)
        )
        .select_related("plan__client", "contact_person")
        .order_by("next_review_on")
    )


def todays_figures(today: Today) -> list[Figure]:
    """For the unit manager's day: the plans of their clients due to be followed up."""
    count = overdue_reviews(today.user, today=today.day).count()
    href = reverse("careplans:overdue")
    return [Figure(_("care plans to follow up"), count, href, order=40, alert=True)]
