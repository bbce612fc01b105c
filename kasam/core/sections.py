"""Parts a higher app adds to a lower app's page, so that the lower app does not import it:
the case page's assessment and decision (kasam.cases.sections), the client page's cases and
continuity of staff (kasam.registry.sections). Each registers in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

SectionContext = Callable[[HttpRequest, Any], dict[str, Any]]


@dataclass(frozen=True)
class Section:
    """A template and its context, placed on `page` (a name the owning app gives its page
    or a part of it), in `order`."""

    template: str
    context: SectionContext
    order: int = 50
    page: str = "main"


class Sections:
    def __init__(self) -> None:
        self._sections: dict[str, Section] = {}

    def register(self, section: Section) -> None:
        self._sections[section.template] = section

    def on(self, page: str, request: HttpRequest, subject: Any) -> list[tuple[str, dict[str, Any]]]:
        chosen = sorted((s for s in self._sections.values() if s.page == page), key=_order)
        return [(s.template, s.context(request, subject)) for s in chosen]


def _order(section: Section) -> int:
    return section.order
