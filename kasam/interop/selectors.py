"""What the FHIR API reads, each under the access rule: a client's records only where the
user may see the client, a case's only where they may see the case. A bulk export reads
under its own Scope instead: the clients of the unit its manager exports (kasam.interop.bulk).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from kasam.access.selectors import clients_visible_to
from kasam.assessments.models import ItemScore
from kasam.careplans.models import CoordinatedPlan, PlanGoal, PlanVersion, StaffChoice
from kasam.cases.models import Case
from kasam.cases.selectors import cases_visible_to
from kasam.decisions.models import Decision, DecisionLine
from kasam.registry.models import Client, Relative
from kasam.screening.models import Screening


@dataclass(frozen=True)
class Scope:
    """The clients and cases a read may reach, when it is not a user's care relationships."""

    clients: QuerySet[Client]
    cases: QuerySet[Case]


def _clients(who: Any) -> QuerySet[Client]:
    return who.clients if isinstance(who, Scope) else clients_visible_to(who)


def _cases(who: Any) -> QuerySet[Case]:
    return who.cases if isinstance(who, Scope) else cases_visible_to(who)


def versions(user: Any) -> QuerySet[PlanVersion]:
    visible = _clients(user)
    return PlanVersion.objects.filter(plan__client__in=visible).select_related(
        "plan__client", "contact_person"
    )


def goals(user: Any) -> QuerySet[PlanGoal]:
    visible = _clients(user)
    return PlanGoal.objects.filter(plan_version__plan__client__in=visible).select_related(
        "plan_version__plan__client"
    )


def relatives(user: Any) -> QuerySet[Relative]:
    visible = _clients(user)
    return Relative.objects.filter(client__in=visible).select_related("client")


def decided_lines(user: Any) -> QuerySet[DecisionLine]:
    made = Q(decision__status=Decision.Status.MADE)
    lines = DecisionLine.objects.filter(made, decision__case__in=_cases(user))
    return lines.select_related(
        "decision__case__client", "decision__decided_by", "service", "provider"
    )


def screenings(user: Any) -> QuerySet[Screening]:
    visible = _clients(user)
    return Screening.objects.filter(client__in=visible).select_related("client", "made_by")


def item_scores(user: Any) -> QuerySet[ItemScore]:
    scored = ItemScore.objects.filter(level__isnull=False, assessment__case__in=_cases(user))
    return scored.select_related(
        "assessment__case__client", "assessment__made_by", "item__scale", "level"
    )


def care_teams(
    clients: list[Client],
) -> list[tuple[Client, list[StaffChoice], CoordinatedPlan | None]]:
    """Each client with the staff they chose and their current coordinated plan, in two
    queries for any number of clients."""
    choices: dict[int, list[StaffChoice]] = {}
    chosen = StaffChoice.objects.filter(client__in=clients, ended_at__isnull=True)
    for choice in chosen.select_related("staff"):
        choices.setdefault(choice.client_id, []).append(choice)
    coordinated = CoordinatedPlan.objects.filter(client__in=clients, ended_on__isnull=True)
    plans: dict[int, CoordinatedPlan] = {}
    for plan in coordinated.select_related("coordinator").order_by("started_on"):
        plans[plan.client_id] = plan  # the latest started wins
    return [(c, choices.get(c.pk, []), plans.get(c.pk)) for c in clients]
