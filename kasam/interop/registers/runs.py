"""A national register report: the preview (every problem by person, nothing stored) and
the file (made by the background worker when there is one, logged as a run, every person
in it audited as exported). Only the municipality's top manager reports, as for the FHIR
export of the whole municipality."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kasam.access.bases import AccessBasis, ClientAccess
from kasam.access.selectors import manages_municipality
from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_change, record_hits
from kasam.core.errors import Refused
from kasam.interop.models import RegisterRun
from kasam.interop.registers import extract, kpr, socialstyrelsen
from kasam.interop.registers.extract import Period, Person
from kasam.jobs.registry import Made
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.registry.models import Client

KIND = "register_file"


@dataclass(frozen=True)
class Register:
    code: str
    name: Promise
    country: str
    spec: str
    scale: str
    parse: Callable[[str], Period]
    problems: Callable[[Person, Period], tuple[list[str], list[str]]]
    write: Callable[[Sequence[Person], Period, str], tuple[bytes, int]]

    def default_period(self, today: datetime.date) -> str:
        """Last year for a yearly register, last month for a monthly one."""
        if self.parse is extract.year:
            return str(today.year - 1)
        last_month = today.replace(day=1) - datetime.timedelta(days=1)
        return last_month.strftime("%Y-%m")


REGISTERS = {
    "kpr": Register(
        "kpr",
        gettext_lazy("KPR, the municipal patient and user register (yearly)"),
        "NO",
        kpr.SPEC,
        kpr.SCALE,
        extract.year,
        kpr.problems,
        kpr.write,
    ),
    "socialstyrelsen": Register(
        "socialstyrelsen",
        gettext_lazy("Socialstyrelsen's register of services to older and disabled people"),
        "SE",
        socialstyrelsen.SPEC,
        socialstyrelsen.SCALE,
        extract.month,
        socialstyrelsen.problems,
        socialstyrelsen.write,
    ),
}


def of_this_country() -> Register:
    return next(r for r in REGISTERS.values() if r.country == settings.KASAM_COUNTRY)


@dataclass(frozen=True)
class Problem:
    client: Client
    errors: list[str]
    warnings: list[str]


@dataclass(frozen=True)
class Preview:
    register: Register
    period: Period
    people: list[Person]  # those the file holds
    problems: list[Problem]
    blocked: list[str]  # why no file can be made at all

    @property
    def left_out(self) -> int:
        return sum(1 for p in self.problems if p.errors)


def _read(register: Register, period: Period) -> Preview:
    """Every client with a service granted in the period: the report is the municipality's
    statutory duty, not a care relationship, so it is not limited to the clients the manager
    cares for; each person named is logged on that basis (_log)."""
    everyone = extract.people(Client.objects.all(), period, register.scale)
    included, problems = [], []
    for person in everyone:
        errors, warnings = register.problems(person, period)
        if errors or warnings:
            problems.append(Problem(person.client, errors, warnings))
        if not errors:
            included.append(person)
    return Preview(register, period, included, problems, _blocked())


def _blocked() -> list[str]:
    if settings.KASAM_MUNICIPALITY_NUMBER:
        return []
    return [_("The municipality's number is not set (KASAM_MUNICIPALITY_NUMBER).")]


def _check_reporter(user: User) -> None:
    if not manages_municipality(user):
        raise Refused(_("Only the municipality's top manager reports to the national registers."))


@transaction.atomic
def preview(*, actor: Actor, register: Register, period: Period) -> Preview:
    """What the file would hold and every problem by person; the persons named are logged."""
    _check_reporter(actor.user)
    found = _read(register, period)
    _log(actor, [p.client for p in found.problems], AuditEvent.Action.SEARCH)
    return found


def _log(actor: Actor, clients: list[Client], action: str) -> None:
    top = OrganisationUnit.objects.filter(parent=None).first()
    basis = AccessBasis(AuditEvent.Basis.REGISTER, role=Membership.Role.UNIT_MANAGER, unit=top)
    record_hits(actor=actor, accesses=[ClientAccess(c, basis) for c in clients], action=action)


def params(*, actor: Actor, register: Register, period: Period) -> dict[str, Any]:
    """The job's parameters, once the report may be made."""
    _check_reporter(actor.user)
    if blocked := _blocked():
        raise Refused(blocked[0])
    return {
        "user": str(actor.user.public_id),
        "ip": actor.ip_address or "",
        "register": register.code,
        "period": period.code,
    }


@transaction.atomic
def produce(params: dict[str, Any], progress: Callable[[int], None]) -> Made:
    """The register's file; the run logged, every person in it audited as exported."""
    user = User.objects.get(public_id=params["user"])
    register = REGISTERS[params["register"]]
    found = _read(register, register.parse(params["period"]))
    progress(60)
    municipality = settings.KASAM_MUNICIPALITY_NUMBER
    body, rows = register.write(found.people, found.period, municipality)
    run = RegisterRun.objects.create(
        register=register.code,
        period=found.period.code,
        spec=register.spec,
        made_by=user,
        persons=len(found.people),
        rows=rows,
        left_out=found.left_out,
        with_warnings=sum(1 for p in found.problems if p.warnings and not p.errors),
        checksum=hashlib.sha256(body).hexdigest(),
    )
    actor = Actor(user=user, ip_address=params["ip"] or None)
    _log(actor, [p.client for p in found.people], AuditEvent.Action.EXPORT)
    record_change(user=user, action=AuditEvent.Action.EXPORT, target=run)
    filename = f"{register.code}-{municipality}-{found.period.code.replace('-', '')}.zip"
    return Made(body, filename, "application/zip")
