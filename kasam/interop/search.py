"""FHIR search parameters, read strictly: an unknown parameter or a bad value is refused
with an OperationOutcome rather than ignored (a search that silently widens would show
people the caller did not ask for)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kasam.access.selectors import clients_visible_to
from kasam.accounts.models import User
from kasam.interop.errors import FhirError
from kasam.interop.identifiers import KINDS_BY_SYSTEM
from kasam.registry.models import Client

ALLOWED = {"identifier", "name", "_count", "_offset"}
MAX_COUNT = 100


def uuid_or_404(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError as error:
        raise Http404 from error


def _number(raw: str | None, name: str, default: int, highest: int) -> int:
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) > highest:
        message = _("%(name)s must be a whole number from 0 to %(highest)s.")
        raise FhirError(message % {"name": name, "highest": highest})
    return int(raw)


@dataclass(frozen=True)
class PatientQuery:
    identifier: str | None
    name: str | None
    count: int
    offset: int

    @classmethod
    def parse(cls, params: Any) -> PatientQuery:
        unknown = sorted(set(params) - ALLOWED)
        if unknown:
            message = _("Unknown search parameter: %(names)s.") % {"names": ", ".join(unknown)}
            raise FhirError(message, code="not-supported")
        if not params.get("identifier") and not params.get("name"):
            raise FhirError(_("Search by identifier or name."), code="required")
        return cls(
            identifier=params.get("identifier"),
            name=params.get("name"),
            count=max(_number(params.get("_count"), "_count", 20, MAX_COUNT), 1),
            offset=_number(params.get("_offset"), "_offset", 0, 100_000),
        )

    def run(self, user: User) -> tuple[list[Client], int]:
        found = self._filtered(clients_visible_to(user)).order_by("last_name", "first_name", "pk")
        return list(found[self.offset : self.offset + self.count]), found.count()

    def _filtered(self, clients: QuerySet[Client]) -> QuerySet[Client]:
        if self.identifier:
            system, _bar, value = self.identifier.rpartition("|")
            if system and system not in KINDS_BY_SYSTEM:
                return clients.none()  # a system Kasam does not keep
            clients = clients.filter(national_id=value.replace(" ", "").replace("-", ""))
        if self.name:
            words = self.name.casefold().split()
            clients = clients.filter(*(Q(search_name__contains=word) for word in words))
        return clients

    def params(self, *, next_page: bool = False) -> dict[str, str | int]:
        given = {"identifier": self.identifier, "name": self.name}
        offset = self.offset + self.count if next_page else self.offset
        kept: dict[str, str | int] = {k: v for k, v in given.items() if v}
        return {**kept, "_count": self.count, "_offset": offset}
