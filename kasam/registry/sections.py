"""Parts other apps add to the client's page (their cases, continuity of staff), so that the
registry, below them, does not import them. Each registers in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from kasam.access.selectors import ClientAccess

SectionContext = Callable[[HttpRequest, ClientAccess], dict[str, Any]]


@dataclass(frozen=True)
class ClientSection:
    """A template and its context; `place` is "facts" (rows of the client's facts list) or
    "main" (a section of the page)."""

    template: str
    context: SectionContext
    order: int = 50
    place: str = "main"


_SECTIONS: dict[str, ClientSection] = {}


def register(section: ClientSection) -> None:
    _SECTIONS[section.template] = section


def sections_for(
    request: HttpRequest, access: ClientAccess, place: str
) -> list[tuple[str, dict[str, Any]]]:
    chosen = sorted((s for s in _SECTIONS.values() if s.place == place), key=lambda s: s.order)
    return [(s.template, s.context(request, access)) for s in chosen]
