"""Improvement work in plan–do–study–act cycles: the phases follow each other (act may start
a new cycle at plan), each phase's text is written before the next begins."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kasam.access.selectors import leads, managed_units
from kasam.accounts.models import User
from kasam.core.concurrency import claim_version
from kasam.core.errors import Refused
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import keeps_strategy
from kasam.quality.models import Improvement, ImprovementAction, ImprovementMeasurement

Phase = Improvement.Phase
NEXT = {Phase.PLAN: Phase.DO, Phase.DO: Phase.STUDY, Phase.STUDY: Phase.ACT}
AFTER_ACT = (Phase.PLAN, Phase.DONE)  # another cycle, or done


def improvements_visible_to(user: User) -> QuerySet[Improvement]:
    found = Improvement.objects.select_related("unit", "owner")
    return found if keeps_strategy(user) else found.filter(unit__in=managed_units(user))


def _check(user: User, unit: OrganisationUnit) -> None:
    if not leads(user, unit.pk):
        raise Refused(_("Only the unit's manager or the quality lead leads improvement work."))


@transaction.atomic
def start(
    *, user: User, unit: OrganisationUnit, title: str, aim: str, deviations: Any = ()
) -> Improvement:
    _check(user, unit)
    work = Improvement(unit=unit, title=title, aim=aim, owner=user)
    work.full_clean()
    work.save()
    work.deviations.set(deviations)
    return work


@transaction.atomic
def advance(
    *, user: User, work: Improvement, target: str, expected_version: int, **texts: str
) -> Improvement:
    """Write the current phase's text and move on."""
    _check(user, work.unit)
    for name, value in texts.items():
        setattr(work, name, value)
    following = NEXT.get(Phase(work.phase))
    allowed: tuple[str, ...] = AFTER_ACT if work.phase == Phase.ACT else (following or "",)
    if target not in allowed:
        raise Refused(_("The cycle goes plan → do → study → act."))
    if work.phase != Phase.DONE and not getattr(work, work.phase).strip():
        raise Refused(_("Write what this phase found before moving on."))
    claim_version(work, expected_version)
    work.phase = target
    work.full_clean()
    work.save()
    return work


@transaction.atomic
def measure(
    *, user: User, work: Improvement, measured_on: datetime.date, value: Decimal, note: str = ""
) -> ImprovementMeasurement:
    _check(user, work.unit)
    return ImprovementMeasurement.objects.create(
        improvement=work, measured_on=measured_on, value=value, note=note
    )


@transaction.atomic
def add_action(
    *, user: User, work: Improvement, title: str, owner: User, due_on: datetime.date
) -> ImprovementAction:
    _check(user, work.unit)
    action = ImprovementAction(improvement=work, title=title, owner=owner, due_on=due_on)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def finish_action(
    *, user: User, action: ImprovementAction, done_on: datetime.date
) -> ImprovementAction:
    if action.owner_id != user.pk:
        _check(user, action.improvement.unit)
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    return action
