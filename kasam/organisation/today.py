"""Today in my unit: the unit manager's start page. The apps that know the day's work add
their figures to it (visits not covered, open deviations, plans to follow up, emergency
accesses to review, staff on shift), registered in their AppConfig.ready(), so that this
app, below them, imports none of them. Figures only: the pages they link to show the people
(and log that they did)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.functional import Promise

from kasam.accounts.models import User
from kasam.organisation.models import OrganisationUnit


@dataclass(frozen=True)
class Today:
    """Whose day: the manager, the units they manage (with their teams), and the day."""

    user: User
    units: QuerySet[OrganisationUnit]
    day: datetime.date


@dataclass(frozen=True)
class Figure:
    """One number on the page, what it counts, and the page that shows what is behind it.
    `alert` marks a number that needs the manager when it is not zero."""

    label: Promise | str
    count: int
    href: str
    order: int = 50
    alert: bool = False

    @property
    def needs_attention(self) -> bool:
        return self.alert and self.count > 0


FigureSource = Callable[[Today], list[Figure]]
_SOURCES: dict[str, FigureSource] = {}


def register(name: str, source: FigureSource) -> None:
    _SOURCES[name] = source


def figures_for(today: Today) -> list[Figure]:
    found = [figure for source in _SOURCES.values() for figure in source(today)]
    return sorted(found, key=lambda figure: figure.order)
