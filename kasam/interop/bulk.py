"""FHIR bulk export (`$export`, ndjson): the records of the clients a unit serves (a Group)
or of the whole municipality, made by the background worker as a job (kasam.jobs), one
ndjson file per resource type, and audited as an export of every client in it.

Only a unit's manager may export it (the municipality: its top unit's manager). The export
holds the clients the unit serves now (the municipality: every client not archived), with
their cases, whether or not the manager cares for them: it is the manager's decision to
hand the unit's records on, and each client is logged on that basis. Visits (Encounter) are
many: they are exported only when asked for by `_type`, and then from `_since` on."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kasam.access.bases import AccessBasis, ClientAccess
from kasam.access.selectors import managed_units, manages_municipality
from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_hits
from kasam.careplans.models import PlanVersion
from kasam.cases.models import Case
from kasam.interop import care, observations, resources, selectors
from kasam.interop.errors import FhirError
from kasam.interop.selectors import Scope
from kasam.jobs.models import Job
from kasam.jobs.registry import Made
from kasam.jobs.services import start_job
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.registry.models import Client, ServiceLink
from kasam.visits.models import Visit

KIND = "fhir_export"
TYPES = (
    "Patient",
    "RelatedPerson",
    "EpisodeOfCare",
    "ServiceRequest",
    "CarePlan",
    "Goal",
    "CareTeam",
    "Observation",
    "Encounter",
)
FORMATS = ("application/fhir+ndjson", "application/ndjson", "ndjson")


@dataclass(frozen=True)
class Ask:
    types: tuple[str, ...]
    since: datetime.date | None


def parse(params: Any) -> Ask:
    """`_type` (a comma list), `_since` (a date or instant) and `_outputFormat`; anything
    else, or a value Kasam cannot honour, is refused."""
    unknown = sorted(set(params) - {"_type", "_since", "_outputFormat"})
    if unknown:
        message = _("Unknown export parameter: %(names)s.") % {"names": ", ".join(unknown)}
        raise FhirError(message, code="not-supported")
    if params.get("_outputFormat", FORMATS[0]) not in FORMATS:
        raise FhirError(_("Kasam exports ndjson only."), code="not-supported")
    asked = [t.strip() for t in params.get("_type", "").split(",") if t.strip()]
    wrong = [t for t in asked if t not in TYPES]
    if wrong:
        message = _("Kasam does not export %(types)s.") % {"types": ", ".join(wrong)}
        raise FhirError(message, code="not-supported")
    since = _since(params.get("_since", ""))
    if "Encounter" in asked and since is None:
        raise FhirError(_("Visits are many: give _since with Encounter."), code="too-costly")
    return Ask(tuple(asked) or TYPES[:-1], since)


def _since(raw: str) -> datetime.date | None:
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw[:10])
    except ValueError as error:
        raise FhirError(_("_since is a date: YYYY-MM-DD.")) from error


def start(*, actor: Actor, ask: Ask, unit: OrganisationUnit | None, address: str) -> Job:
    """Queue the export, if the actor manages the unit (or the whole municipality)."""
    if unit is not None:
        allowed = managed_units(actor.user).filter(pk=unit.pk).exists()
    else:
        allowed = manages_municipality(actor.user)
    if not allowed:
        message = _("Only the unit's manager may export its records.")
        raise FhirError(message, code="forbidden", status_code=403)
    title = _("FHIR export of %(unit)s") % {"unit": unit or _("the municipality")}
    params = {
        "user": str(actor.user.public_id),
        "ip": actor.ip_address or "",
        "unit": str(unit.public_id) if unit else "",
        "types": list(ask.types),
        "since": ask.since.isoformat() if ask.since else "",
        "request": address,
    }
    return start_job(owner=actor.user, kind=KIND, title=title, params=params)


def produce(params: dict[str, Any], progress: Callable[[int], None]) -> Made:
    """One ndjson file per type in a zip; every client in it logged as exported."""
    user = User.objects.get(public_id=params["user"])
    unit = _unit(params["unit"])
    clients = _clients(unit)
    scope = selectors.Scope(clients, Case.objects.filter(client__in=clients))
    since = datetime.date.fromisoformat(params["since"]) if params["since"] else None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, kind in enumerate(params["types"], start=1):
            lines = (json.dumps(r, ensure_ascii=False) for r in WRITERS[kind](scope, since))
            archive.writestr(f"{kind}.ndjson", "\n".join(lines))
            progress(90 * number // len(params["types"]))
    actor = Actor(user=user, ip_address=params["ip"] or None)
    basis = AccessBasis(AuditEvent.Basis.BULK_EXPORT, role=Membership.Role.UNIT_MANAGER, unit=unit)
    accesses = [ClientAccess(client, basis) for client in clients]
    record_hits(actor=actor, accesses=accesses, action=AuditEvent.Action.EXPORT)
    return Made(buffer.getvalue(), "fhir-export.zip", "application/zip")


def ndjson(job: Job, kind: str) -> bytes | None:
    """One type's file from a finished export; None when it holds no such file."""
    if job.result is None or kind not in TYPES:
        return None
    with zipfile.ZipFile(io.BytesIO(bytes(job.result))) as archive:
        if f"{kind}.ndjson" not in archive.namelist():
            return None
        return archive.read(f"{kind}.ndjson")


def _unit(unit_id: str) -> OrganisationUnit:
    if unit_id:
        return OrganisationUnit.objects.get(public_id=unit_id)
    return OrganisationUnit.objects.get(parent=None)


def _clients(unit: OrganisationUnit) -> QuerySet[Client]:
    clients = Client.objects.filter(archived_at__isnull=True)
    if unit.parent_id is not None:
        served = ServiceLink.objects.current().filter(unit__path__startswith=unit.path)
        clients = clients.filter(pk__in=served.values("client_id"))
    return clients.order_by("pk")


Rows = Iterator[dict[str, Any]]


def _patients(scope: Scope, since: datetime.date | None) -> Rows:
    return (resources.patient(client) for client in scope.clients.iterator())


def _related(scope: Scope, since: datetime.date | None) -> Rows:
    found = selectors.relatives(scope).filter(archived_at__isnull=True)
    return (care.related_person(r) for r in found.order_by("pk").iterator())


def _episodes(scope: Scope, since: datetime.date | None) -> Rows:
    related = scope.cases.select_related("case_type", "client", "unit", "handler").order_by("pk")
    return (care.episode_of_care(case) for case in related.iterator())


def _requests(scope: Scope, since: datetime.date | None) -> Rows:
    lines = selectors.decided_lines(scope)
    return (care.service_request(line) for line in lines.order_by("pk").iterator())


def _plans(scope: Scope, since: datetime.date | None) -> Rows:
    found = selectors.versions(scope).order_by("pk")
    return (
        resources.care_plan(v)
        for v in found.prefetch_related("activities", "goals").iterator(chunk_size=500)
    )


def _goals(scope: Scope, since: datetime.date | None) -> Rows:
    agreed = selectors.goals(scope).filter(plan_version__status=PlanVersion.Status.AGREED)
    return (resources.goal(goal) for goal in agreed.order_by("pk").iterator())


def _care_teams(scope: Scope, since: datetime.date | None) -> Rows:
    every = list(scope.clients)
    for start in range(0, len(every), 500):
        for team in selectors.care_teams(every[start : start + 500]):
            yield care.care_team(*team)


def _observations(scope: Scope, since: datetime.date | None) -> Rows:
    screenings = selectors.screenings(scope)
    scores = selectors.item_scores(scope)
    if since:
        screenings = screenings.filter(measured_on__gte=since)
        scores = scores.filter(assessment__created_at__date__gte=since)
    yield from (observations.screening(s) for s in screenings.order_by("pk").iterator())
    yield from (observations.item_score(s) for s in scores.order_by("pk").iterator())


def _encounters(scope: Scope, since: datetime.date | None) -> Rows:
    visits = Visit.objects.filter(client__in=scope.clients, day__gte=since or datetime.date.min)
    related = visits.select_related("client", "unit", "staff", "second_staff").order_by("pk")
    return (resources.encounter(visit) for visit in related.iterator(chunk_size=2000))


WRITERS: dict[str, Callable[[Scope, datetime.date | None], Rows]] = {
    "Patient": _patients,
    "RelatedPerson": _related,
    "EpisodeOfCare": _episodes,
    "ServiceRequest": _requests,
    "CarePlan": _plans,
    "Goal": _goals,
    "CareTeam": _care_teams,
    "Observation": _observations,
    "Encounter": _encounters,
}
