"""The seeds' goals as loadable examples: data/example_NO.json and data/example_SE.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from kasam.goals.models import Action, Goal, Perspective, PlanPeriod, Statement
from kasam.indicators.models import Indicator
from kasam.organisation.models import OrganisationUnit

DATA = Path(__file__).parent / "data"
KINDS = {"vision": "vision", "values": "value", "principles": "principle"}


@transaction.atomic
def load_example(country: str, municipality: OrganisationUnit) -> PlanPeriod:
    example = json.loads((DATA / f"example_{country}.json").read_text(encoding="utf-8"))
    period = PlanPeriod.objects.create(**example["period"])
    for key, kind in KINDS.items():
        for order, item in enumerate(example[key]):
            Statement.objects.create(
                period=period,
                kind=kind,
                title=item["title"],
                text=item.get("text", ""),
                order=order,
            )
    perspectives = {p.code: p for p in Perspective.objects.all()}
    indicators = {i.code: i for i in Indicator.objects.all()}
    for order, item in enumerate(example["goals"]):
        _goal(item, period, municipality, None, order, perspectives, indicators)
    return period


def _goal(
    item: dict[str, Any],
    period: PlanPeriod,
    unit: OrganisationUnit,
    parent: Goal | None,
    order: int,
    perspectives: dict[str, Perspective],
    indicators: dict[str, Indicator],
) -> None:
    goal = Goal.objects.create(
        period=period,
        perspective=perspectives[item["perspective"]],
        parent=parent,
        level=item["level"],
        unit=unit,
        title=item["title"],
        target_text=item.get("target", ""),
        order=order,
    )
    goal.indicators.set([indicators[code] for code in item.get("indicators", [])])
    for title in item.get("actions", []):
        Action.objects.create(goal=goal, title=title)
    for n, child in enumerate(item.get("children", [])):
        _goal(child, period, unit, goal, n, perspectives, indicators)
