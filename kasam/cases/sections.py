"""Sections other apps add to the case page (assessment, decision), without cases importing them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from kasam.cases.selectors import CaseAccess, InboxFilter

SectionContext = Callable[[HttpRequest, Any], dict[str, Any]]


@dataclass(frozen=True)
class Section:
    """A template and its context; `page` is "case" (given a CaseAccess) or "inbox" (given
    the inbox's InboxFilter)."""

    template: str
    context: SectionContext
    order: int = 50
    page: str = "case"


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> None:
    _SECTIONS[section.template] = section


def sections_for(
    request: HttpRequest, subject: CaseAccess | InboxFilter, page: str = "case"
) -> list[tuple[str, dict[str, Any]]]:
    ordered = sorted((s for s in _SECTIONS.values() if s.page == page), key=lambda s: s.order)
    return [(s.template, s.context(request, subject)) for s in ordered]
