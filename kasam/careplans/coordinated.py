"""The coordinated individual plan (individuell plan / SIP): writes and reads.

The coordinator is chosen among staff who already work with the client, so that the
coordinator sees the record through the ordinary access rule."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from kasam.access.selectors import ClientAccess
from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.careplans.models import CoordinatedPlan
from kasam.core.concurrency import KEEP, Keep, apply_given, claim_version
from kasam.core.errors import Refused
from kasam.decisions.models import DecisionLine
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client

Action = AuditEvent.Action


@dataclass(frozen=True)
class Involved:
    """What the coordinated plan gathers: granted services and the units taking part."""

    services: list[DecisionLine]
    units: list[OrganisationUnit]


def open_coordinated_plan(client: Client) -> CoordinatedPlan | None:
    return (
        client.coordinated_plans.filter(ended_on__isnull=True)
        .select_related("coordinator")
        .prefetch_related("other_units")
        .first()
    )


def involved_in(client: Client, plan: CoordinatedPlan | None) -> Involved:
    """Services granted in the client's current decisions, and the units that provide them,
    serve the client, or were added to the plan."""
    lines = [
        line
        for line in DecisionLine.objects.filter(
            decision__case__client=client,
            decision__status="made",
            decision__superseded_on__isnull=True,
        )
        .exclude(outcome=DecisionLine.Outcome.REFUSED)
        .select_related("service", "provider")
        .order_by("service__code")
    ]
    units = {line.provider for line in lines if line.provider is not None}
    units |= {link.unit for link in client.service_links.current().select_related("unit")}
    if plan is not None:
        units |= set(plan.other_units.all())
    return Involved(services=lines, units=sorted(units, key=lambda unit: unit.name))


@transaction.atomic
def start_coordinated_plan(
    *,
    actor: Actor,
    access: ClientAccess,
    coordinator: User,
    started_on: datetime.date,
    overall_goal: str,
    other_units: Iterable[OrganisationUnit] = (),
    external_parties: str = "",
    next_meeting_on: datetime.date | None = None,
    ended_on: datetime.date | None = None,
) -> CoordinatedPlan:
    if open_coordinated_plan(access.client) is not None:
        raise Refused(_("The client already has a coordinated plan; change that one."))
    plan = CoordinatedPlan(
        client=access.client,
        coordinator=coordinator,
        started_on=started_on,
        overall_goal=overall_goal,
        external_parties=external_parties,
        next_meeting_on=next_meeting_on,
        ended_on=ended_on,
    )
    plan.full_clean(exclude=["client"])
    plan.save()
    plan.other_units.set(other_units)
    record_access(actor=actor, access=access, action=Action.CREATE, target=plan)
    return plan


@transaction.atomic
def update_coordinated_plan(
    *,
    actor: Actor,
    access: ClientAccess,
    plan: CoordinatedPlan,
    expected_version: int,
    other_units: Iterable[OrganisationUnit] | None = None,
    coordinator: User | Keep = KEEP,
    started_on: datetime.date | Keep = KEEP,
    overall_goal: str | Keep = KEEP,
    external_parties: str | Keep = KEEP,
    next_meeting_on: datetime.date | Keep | None = KEEP,
    ended_on: datetime.date | Keep | None = KEEP,
) -> CoordinatedPlan:
    """Change the coordinator, goal or parties (what is not given is kept); the history
    keeps what it was."""
    if plan.ended_on is not None:
        raise Refused(_("An ended coordinated plan cannot be changed."))
    if isinstance(ended_on, datetime.date) and ended_on < plan.started_on:
        raise Refused(_("The plan cannot end before it started."))
    claim_version(plan, expected_version)
    given = {
        "coordinator": coordinator,
        "started_on": started_on,
        "overall_goal": overall_goal,
        "external_parties": external_parties,
        "next_meeting_on": next_meeting_on,
        "ended_on": ended_on,
    }
    apply_given(plan, given)
    plan.full_clean(exclude=["client"])
    plan.save()
    if other_units is not None:
        plan.other_units.set(other_units)
    record_access(actor=actor, access=access, action=Action.UPDATE, target=plan)
    return plan
