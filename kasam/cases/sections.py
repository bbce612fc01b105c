"""Sections other apps add to the case page (assessment, decision) and the inbox, without
cases importing them. `page` is "case" (given a CaseAccess) or "inbox" (given the inbox's
InboxFilter)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from kasam.cases.selectors import CaseAccess, InboxFilter
from kasam.core import sections

__all__ = ["Section", "register", "sections_for"]


@dataclass(frozen=True)
class Section(sections.Section):
    page: str = "case"  # a section of the case page unless it says "inbox"


CASE_PAGE = sections.Sections()
register = CASE_PAGE.register


def sections_for(
    request: HttpRequest, subject: CaseAccess | InboxFilter, page: str = "case"
) -> list[tuple[str, dict[str, Any]]]:
    return CASE_PAGE.on(page, request, subject)
