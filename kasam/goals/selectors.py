"""Reading the goal tree, and who may change it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from kasam.access.selectors import leads, managed_units
from kasam.accounts.models import User
from kasam.goals.models import Goal, Perspective, PlanPeriod, Statement
from kasam.indicators.charts import Point, sparkline
from kasam.indicators.compute import Computation
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import keeps_strategy


def current_period(today: datetime.date | None = None) -> PlanPeriod | None:
    year = (today or timezone.localdate()).year
    periods = PlanPeriod.objects.all()
    return periods.filter(starts_year__lte=year, ends_year__gte=year).first() or periods.first()


@dataclass
class Node:
    goal: Goal
    children: list[Node] = field(default_factory=list)


@dataclass
class Branch:
    perspective: Perspective
    goals: list[Node]


def tree(period: PlanPeriod, unit: OrganisationUnit | None = None) -> list[Branch]:
    """The period's goals as a tree under each perspective; with `unit`, the goals of the
    unit and of the units above it (a unit sees what it is part of)."""
    goals = period.goals.select_related("perspective", "unit").prefetch_related(
        "indicators", "actions__comments"
    )
    if unit is not None:
        above = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
        goals = goals.filter(unit_id__in=above)
    nodes = {goal.pk: Node(goal) for goal in goals}
    roots: dict[int, list[Node]] = {}
    for node in nodes.values():
        parent = nodes.get(node.goal.parent_id) if node.goal.parent_id else None
        if parent is not None:
            parent.children.append(node)
        else:
            roots.setdefault(node.goal.perspective_id, []).append(node)
    perspectives = Perspective.objects.filter(pk__in=roots.keys())
    return [Branch(p, roots[p.pk]) for p in perspectives]


def may_edit(user: User, unit: OrganisationUnit) -> bool:
    """The strategy roles keep every goal; a unit manager keeps the goals of their units."""
    return leads(user, unit.pk)


def editable_units(user: User) -> list[OrganisationUnit]:
    """Units the user may write goals and principle texts for."""
    if keeps_strategy(user):
        return list(OrganisationUnit.objects.filter(archived_at__isnull=True))
    return list(managed_units(user).filter(~Q(kind=OrganisationUnit.Kind.TEAM)))


def lights(period: PlanPeriod, month: Any) -> dict[int, list[Any]]:
    """Each goal's indicators with their value at the goal's own unit for the month."""
    goals = list(period.goals.prefetch_related("indicators").select_related("unit"))
    indicators = {i for g in goals for i in g.indicators.all()}
    units = {g.unit for g in goals}
    if not indicators:
        return {}
    values = Computation(indicators, units, [month]).run()
    return {
        g.pk: [(i, values[(i.code, g.unit_id, month.code)]) for i in g.indicators.all()]
        for g in goals
    }


def trends(period: PlanPeriod, month: Any) -> dict[int, dict[str, Any]]:
    """Each goal's indicators as a small line of the 12 periods up to the month, at the
    goal's own unit (the committee report draws one per indicator)."""
    goals = list(period.goals.prefetch_related("indicators").select_related("unit"))
    indicators = {i for g in goals for i in g.indicators.all()}
    if not indicators:
        return {}
    months = month.last(12)
    values = Computation(indicators, {g.unit for g in goals}, months).run()
    drawn: dict[int, dict[str, Any]] = {}
    for goal in goals:
        drawn[goal.pk] = {}
        for indicator in goal.indicators.all():
            points = [
                Point(m.short_label, values[(indicator.code, goal.unit_id, m.code)].value)
                for m in months
            ]
            drawn[goal.pk][indicator.code] = sparkline(points, title=indicator.name)
    return drawn


def summary(lights_by_goal: dict[int, list[Any]]) -> dict[str, int]:
    """How many of the goals' indicator values are on target, close, off target or unknown."""
    counted = {"green": 0, "yellow": 0, "red": 0, "": 0}
    for pairs in lights_by_goal.values():
        for _indicator, value in pairs:
            counted[value.colour if value.value is not None else ""] += 1
    return counted


KINDS: list[str] = [Statement.Kind.VISION, Statement.Kind.VALUE, Statement.Kind.PRINCIPLE]


def statements_in_order(period: PlanPeriod) -> list[Statement]:
    """Vision, values, then principles, each in its own order."""
    return sorted(period.statements.all(), key=lambda s: (KINDS.index(s.kind), s.order))
