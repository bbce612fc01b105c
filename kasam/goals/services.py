"""Writes on the goal tree. Everything in a closed plan period is read-only."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import changed, record_change, values_of
from kasam.core.concurrency import StaleEdit, claim_version
from kasam.core.errors import Refused
from kasam.goals.models import Action, ActionComment, Goal, PlanPeriod, Statement, UnitPrinciple
from kasam.goals.selectors import may_edit
from kasam.indicators.models import Indicator
from kasam.organisation.models import OrganisationUnit

CREATE, UPDATE = AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE


def _check(user: User, period: PlanPeriod, unit: OrganisationUnit) -> None:
    if period.is_closed:
        raise Refused(_("The plan period is closed: it can be read, not changed."))
    if not may_edit(user, unit):
        raise Refused(_("Only the unit's manager or the quality lead can change this."))


@transaction.atomic
def break_down(
    *, user: User, goal: Goal, unit: OrganisationUnit, title: str, target_text: str = ""
) -> Goal:
    """The unit's own goal under a goal of the level above (a municipality goal broken down)."""
    _check(user, goal.period, unit)
    if not unit.path.startswith(goal.unit.path) or unit == goal.unit:
        raise Refused(_("A goal is broken down to a unit under the goal's own unit."))
    child = Goal(
        period=goal.period,
        perspective=goal.perspective,
        parent=goal,
        level=Goal.Level.EFFECT,
        unit=unit,
        title=title,
        target_text=target_text,
    )
    child.full_clean()
    child.save()
    child.indicators.set(goal.indicators.all())
    record_change(
        user=user, action=CREATE, target=child, changes=_new(child, "title", "target_text")
    )
    return child


@transaction.atomic
def add_action(
    *,
    user: User,
    goal: Goal,
    title: str,
    owner: User | None = None,
    due_on: datetime.date | None = None,
) -> Action:
    _check(user, goal.period, goal.unit)
    action = Action(goal=goal, title=title, owner=owner, due_on=due_on)
    action.full_clean()
    action.save()
    record_change(
        user=user, action=CREATE, target=action, changes=_new(action, "title", "owner", "due_on")
    )
    return action


@transaction.atomic
def follow_up_action(
    *, user: User, action: Action, expected_version: int, status: str, comment: str = ""
) -> Action:
    """Move the action's status, with a comment saying how it goes."""
    _check(user, action.goal.period, action.goal.unit)
    claim_version(action, expected_version)
    before = values_of(action, "status")
    action.status = status
    action.full_clean()
    action.save()
    changes = changed(before, action)
    if comment.strip():
        ActionComment.objects.create(action=action, author=user, text=comment)
        changes["comment"] = (None, comment)
    record_change(user=user, action=UPDATE, target=action, changes=changes)
    return action


@transaction.atomic
def write_unit_principle(
    *,
    user: User,
    principle: Statement,
    unit: OrganisationUnit,
    what_it_means: str,
    we_succeed_when: str = "",
    indicators: Iterable[Indicator] = (),
    read_at: datetime.datetime | None = None,
) -> UnitPrinciple:
    """A unit's "what it means for us to do" and "we know we succeed when"; refused
    (StaleEdit) if someone saved the unit's text after the page was read (`read_at`)."""
    _check(user, principle.period, unit)
    texts = {"what_it_means": what_it_means, "we_succeed_when": we_succeed_when}
    earlier = UnitPrinciple.objects.filter(principle=principle, unit=unit).first()
    if earlier is not None and read_at is not None and earlier.updated_at > read_at:
        raise StaleEdit
    before = values_of(earlier, *texts) if earlier else dict.fromkeys(texts)
    entry, created = UnitPrinciple.objects.update_or_create(
        principle=principle, unit=unit, defaults=texts
    )
    entry.full_clean()
    entry.indicators.set(indicators)
    action = CREATE if created else UPDATE
    record_change(user=user, action=action, target=entry, changes=changed(before, entry))
    return entry


@transaction.atomic
def close_plan_period(*, user: User, period: PlanPeriod) -> PlanPeriod:
    municipality = OrganisationUnit.objects.filter(parent__isnull=True).first()
    if municipality is None or not may_edit(user, municipality):
        raise Refused(_("Only the quality lead can close a plan period."))
    if period.is_closed:
        raise Refused(_("The plan period is already closed."))
    period.closed_at, period.closed_by = timezone.now(), user
    period.save(update_fields=["closed_at", "closed_by", "updated_at"])
    record_change(
        user=user, action=UPDATE, target=period, changes={"closed_at": (None, period.closed_at)}
    )
    return period


def _new(obj: Any, *names: str) -> dict[str, tuple[Any, Any]]:
    return {name: (None, getattr(obj, name)) for name in names}
