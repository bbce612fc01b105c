"""FHIR search parameters, read strictly: an unknown parameter or a bad value is refused
with an OperationOutcome rather than ignored (a search that silently widens would show
people the caller did not ask for)."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kasam.access.selectors import clients_visible_to
from kasam.accounts.models import User
from kasam.indicators.periods import BadPeriod, Period
from kasam.interop.errors import FhirError
from kasam.interop.identifiers import KINDS_BY_SYSTEM
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client
from kasam.visits.models import Visit

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
        _refuse_unknown(params, ALLOWED)
        if not params.get("identifier") and not params.get("name"):
            raise FhirError(_("Search by identifier or name."), code="required")
        count, offset = _paging(params)
        return cls(params.get("identifier"), params.get("name"), count, offset)

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


def _refuse_unknown(params: Any, allowed: set[str]) -> None:
    """Every search reads its parameters through here: unknown ones and control characters
    (a NUL byte, which PostgreSQL cannot compare) are refused."""
    unknown = sorted(set(params) - allowed)
    if unknown:
        message = _("Unknown search parameter: %(names)s.") % {"names": ", ".join(unknown)}
        raise FhirError(message, code="not-supported")
    values = [value for name in params for value in params.getlist(name)]
    if any(char < " " for value in values for char in value):
        raise FhirError(_("A search parameter holds a control character."))


def _paging(params: Any) -> tuple[int, int]:
    count = max(_number(params.get("_count"), "_count", 20, MAX_COUNT), 1)
    return count, _number(params.get("_offset"), "_offset", 0, 100_000)


DATE_PREFIXES = {"eq": "", "ge": "__gte", "le": "__lte", "gt": "__gt", "lt": "__lt"}


def _date_filter(raw: str) -> Q:
    prefix, value = (raw[:2], raw[2:]) if raw[:2] in DATE_PREFIXES else ("eq", raw)
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError as error:
        message = _("A date is written YYYY-MM-DD, optionally after ge, le, gt or lt.")
        raise FhirError(message) from error
    return Q(**{f"day{DATE_PREFIXES[prefix]}": day})


@dataclass(frozen=True)
class EncounterQuery:
    """A patient's visits, optionally within dates, the latest first."""

    patient: uuid.UUID
    dates: tuple[Q, ...]
    count: int
    offset: int

    @classmethod
    def parse(cls, params: Any) -> EncounterQuery:
        _refuse_unknown(params, {"patient", "date", "_count", "_offset"})
        raw = params.get("patient", "").removeprefix("Patient/")
        if not raw:
            raise FhirError(_("Search a patient's encounters: give patient."), code="required")
        count, offset = _paging(params)
        dates = tuple(_date_filter(value) for value in params.getlist("date"))
        return cls(uuid_or_404(raw), dates, count, offset)

    def run(self, visits: QuerySet[Visit]) -> tuple[list[Visit], int]:
        found = visits.filter(*self.dates).order_by("-day", "-window_start", "-pk")
        related = found.select_related("client", "unit", "staff", "second_staff")
        return list(related[self.offset : self.offset + self.count]), found.count()

    def params(self, raw: Any, *, next_page: bool = False) -> list[tuple[str, str | int]]:
        offset = self.offset + self.count if next_page else self.offset
        kept = [("patient", str(self.patient))] + [("date", d) for d in raw.getlist("date")]
        return [*kept, ("_count", self.count), ("_offset", offset)]


@dataclass(frozen=True)
class OrganizationQuery:
    name: str
    count: int
    offset: int

    @classmethod
    def parse(cls, params: Any) -> OrganizationQuery:
        _refuse_unknown(params, {"name", "_count", "_offset"})
        count, offset = _paging(params)
        return cls(params.get("name", ""), count, offset)

    def run(self) -> tuple[list[OrganisationUnit], int]:
        found = OrganisationUnit.objects.filter(name__icontains=self.name).order_by("name", "pk")
        page = found.select_related("parent")[self.offset : self.offset + self.count]
        return list(page), found.count()

    def params(self, *, next_page: bool = False) -> list[tuple[str, str | int]]:
        offset = self.offset + self.count if next_page else self.offset
        kept: list[tuple[str, str | int]] = [("name", self.name)] if self.name else []
        return [*kept, ("_count", self.count), ("_offset", offset)]


@dataclass(frozen=True)
class StaffQuery:
    """Staff by name, or the roles of a staff member or in a unit."""

    name: str
    practitioner: uuid.UUID | None
    organization: uuid.UUID | None
    count: int
    offset: int

    @classmethod
    def parse(cls, params: Any, allowed: set[str]) -> StaffQuery:
        _refuse_unknown(params, allowed | {"_count", "_offset"})
        count, offset = _paging(params)
        who = params.get("practitioner", "").removeprefix("Practitioner/")
        where = params.get("organization", "").removeprefix("Organization/")
        return cls(
            params.get("name", ""),
            uuid_or_404(who) if who else None,
            uuid_or_404(where) if where else None,
            count,
            offset,
        )

    def page(self, found: QuerySet[Any]) -> tuple[list[Any], int]:
        return list(found[self.offset : self.offset + self.count]), found.count()

    def params(self, *, next_page: bool = False) -> list[tuple[str, str | int]]:
        offset = self.offset + self.count if next_page else self.offset
        kept: list[tuple[str, str | int]] = [("name", self.name)] if self.name else []
        if self.practitioner:
            kept.append(("practitioner", f"Practitioner/{self.practitioner}"))
        if self.organization:
            kept.append(("organization", f"Organization/{self.organization}"))
        return [*kept, ("_count", self.count), ("_offset", offset)]


@dataclass(frozen=True)
class ByPatient:
    """A search of one patient's records (care plans, goals): the patient is required."""

    patient: uuid.UUID
    count: int
    offset: int

    @classmethod
    def parse(cls, params: Any) -> ByPatient:
        _refuse_unknown(params, {"patient", "_count", "_offset"})
        raw = params.get("patient", "").removeprefix("Patient/")
        if not raw:
            raise FhirError(_("Give the patient whose records you search."), code="required")
        count, offset = _paging(params)
        return cls(uuid_or_404(raw), count, offset)

    def page(self, found: QuerySet[Any]) -> tuple[list[Any], int]:
        return list(found[self.offset : self.offset + self.count]), found.count()

    def params(self, *, next_page: bool = False) -> list[tuple[str, str | int]]:
        offset = self.offset + self.count if next_page else self.offset
        return [("patient", str(self.patient)), ("_count", self.count), ("_offset", offset)]


@dataclass(frozen=True)
class MeasureQuery:
    """Indicator values for one unit (the municipality when none is given) and one period
    (the last ended month when none is given), optionally of one indicator."""

    subject: uuid.UUID | None
    period: Period | None
    measure: str
    count: int
    offset: int

    @classmethod
    def parse(cls, params: Any) -> MeasureQuery:
        _refuse_unknown(params, {"subject", "period", "measure", "_count", "_offset"})
        raw = params.get("subject", "").removeprefix("Organization/")
        period = None
        if params.get("period"):
            try:
                period = Period.parse(params["period"])
            except BadPeriod as error:
                message = _("Write the period as 2026, 2026T1, 2026Q2 or 2026M05.")
                raise FhirError(message) from error
        count, offset = _paging(params)
        measure = params.get("measure", "").removeprefix("urn:kasam:indicator:")
        return cls(uuid_or_404(raw) if raw else None, period, measure, count, offset)

    def params(self, period: Period, *, next_page: bool = False) -> list[tuple[str, str | int]]:
        offset = self.offset + self.count if next_page else self.offset
        kept: list[tuple[str, str | int]] = [("period", period.code)]
        if self.subject:
            kept.insert(0, ("subject", f"Organization/{self.subject}"))
        if self.measure:
            kept.append(("measure", f"urn:kasam:indicator:{self.measure}"))
        return [*kept, ("_count", self.count), ("_offset", offset)]


def split_row_id(raw: str) -> tuple[uuid.UUID, int]:
    """The id of a row without a public id of its own (a Goal, a ServiceRequest): its
    parent's public id and the row's."""
    version, _dash, number = raw.rpartition("-")
    if not number.isdigit():
        raise Http404
    return uuid_or_404(version), int(number)
