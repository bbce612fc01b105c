"""The main menu and the start page by role: a care worker starts on today's visits, a case
handler on the cases, a unit manager on today in their unit, the quality lead and the
analyst on the indicators; each
sees the links their work needs (the pages check access themselves either way)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from functools import cached_property

from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kasam.accounts.models import User
from kasam.core.roles import Role
from kasam.organisation.selectors import current_memberships

CARE = frozenset({Role.CARE_WORKER, Role.NURSE, Role.CONTACT_PERSON})
STRATEGY = frozenset({Role.QUALITY_LEAD, Role.ANALYST, Role.ADMINISTRATOR})
LEADING = STRATEGY | {Role.UNIT_MANAGER}
EVERYONE = frozenset(Role)

# (URL name, label, the roles that see it). "quality:list" carries the deviations to handle.
MENU: tuple[tuple[str, Promise, frozenset[str]], ...] = (
    ("organisation:today", _("Today in my unit"), frozenset({Role.UNIT_MANAGER})),
    ("visits:worklist", _("Today's visits"), CARE),
    ("visits:my-clients", _("My clients"), CARE),
    ("visits:handover", _("Handover"), CARE | {Role.UNIT_MANAGER}),
    ("visits:board", _("Day board"), frozenset({Role.UNIT_MANAGER})),
    ("planner:board", _("Planning"), frozenset({Role.UNIT_MANAGER})),
    ("cases:inbox", _("Cases"), frozenset({Role.CASE_HANDLER, Role.UNIT_MANAGER})),
    ("careplans:overdue", _("Follow-ups"), frozenset({Role.CONTACT_PERSON, Role.NURSE})),
    ("screening:overdue", _("Screening due"), frozenset({Role.CONTACT_PERSON, Role.NURSE})),
    ("registry:client-search", _("Search"), EVERYONE),
    ("registry:client-register", _("Register"), frozenset({Role.CASE_HANDLER})),
    ("quality:list", _("Deviations"), EVERYONE),
    ("surveys:list", _("Surveys"), STRATEGY),
    ("goals:tree", _("Goals"), LEADING),
    ("indicators:dashboard", _("Indicators"), LEADING),
    ("organisation:unit-list", _("Units"), LEADING),
    ("access:review-list", _("Emergency reviews"), frozenset({Role.UNIT_MANAGER})),
)
# Where each role starts, in this order when a person has several roles.
START = (
    (frozenset({Role.CARE_WORKER, Role.NURSE}), "visits:worklist"),
    (frozenset({Role.CONTACT_PERSON}), "visits:my-clients"),
    (frozenset({Role.UNIT_MANAGER}), "organisation:today"),
    (frozenset({Role.CASE_HANDLER}), "cases:inbox"),
    (STRATEGY, "indicators:dashboard"),
)


def roles_of(user: User) -> frozenset[str]:
    """The user's current roles."""
    return frozenset(m.role for m in current_memberships(user))


def start_page(user: User) -> str:
    """The URL name of the page the user starts the day on."""
    roles = EVERYONE if user.is_superuser else roles_of(user)
    return next((page for group, page in START if roles & group), "registry:client-search")


# On a phone the menu shows this many links; the rest are under "More".
SHOWN = 5


class Menu:
    """The user's menu, read only when a page draws it (not for every partial)."""

    def __init__(self, user: User) -> None:
        self.user = user

    def __iter__(self) -> Iterator[tuple[str, str, Promise]]:
        roles = EVERYONE if self.user.is_superuser else roles_of(self.user)
        for name, href, label, seen_by in _addresses(get_script_prefix()):
            if roles & seen_by or not roles:
                yield name, href, label

    @cached_property
    def _all(self) -> list[tuple[str, str, Promise]]:
        return list(self)

    @property
    def first(self) -> list[tuple[str, str, Promise]]:
        return self._all[:SHOWN]

    @property
    def more(self) -> list[tuple[str, str, Promise]]:
        return self._all[SHOWN:]


@functools.cache
def _addresses(prefix: str) -> tuple[tuple[str, str, Promise, frozenset[str]], ...]:
    """The menu's addresses, reversed once per process (and script prefix), not on every
    page: in a profile of the worklist and search, reversals were 7–9 % of the CPU."""
    return tuple((name, reverse(name), label, roles) for name, label, roles in MENU)


def menu(request: HttpRequest) -> dict[str, Menu]:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {}
    return {"menu": Menu(user)}
