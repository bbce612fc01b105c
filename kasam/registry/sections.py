"""Parts other apps add to the client's page (their cases, continuity of staff), so that the
registry, below them, does not import them. `page` is "facts" (rows of the client's facts
list) or "main" (a section of the page); the context is given the ClientAccess."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kasam.access.selectors import ClientAccess
from kasam.core.sections import Section, Sections

__all__ = ["Section", "register", "sections_for"]

CLIENT_PAGE = Sections()
register = CLIENT_PAGE.register


def sections_for(
    request: HttpRequest, access: ClientAccess, page: str
) -> list[tuple[str, dict[str, Any]]]:
    return CLIENT_PAGE.on(page, request, access)
