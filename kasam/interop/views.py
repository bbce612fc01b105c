"""The FHIR R4 API under /fhir/r4/: thin views over the same access rule and audit as every
page (a read is a logged read; a search logs every person it returns)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import RequestDataTooBig
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.access.selectors import get_client_for
from kasam.access.services import open_client, record_client_hits
from kasam.accounts.requests import staff_user
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.careplans.models import PlanVersion
from kasam.core.parsers import BoundedJSONParser
from kasam.interop import (
    discharge,
    errors,
    resources,
    search,
    selectors,
)
from kasam.interop.errors import FhirError
from kasam.organisation.models import OrganisationUnit
from kasam.visits.models import Visit
from kasam.visits.selectors import visit_for

Action = AuditEvent.Action


class FhirJSONRenderer(JSONRenderer):
    media_type = "application/fhir+json"
    format = "json"


class FhirView(APIView):
    """FHIR's JSON whatever the Accept header asks, and errors as OperationOutcome."""

    renderer_classes = [FhirJSONRenderer]
    schema = None  # FHIR describes itself (/fhir/r4/metadata), not in Kasam's OpenAPI schema

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        renderer = FhirJSONRenderer()
        return renderer, renderer.media_type

    def get_exception_handler(self) -> Callable[..., Response]:
        return errors.exception_handler


class Metadata(FhirView):
    permission_classes = [AllowAny]

    def get(self, request: Request) -> Response:
        date = timezone.localdate().isoformat()
        return Response(resources.capability_statement(resources.base_url(request), date))


class PatientRead(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        access = open_client(
            actor=Actor.from_request(request), public_id=search.uuid_or_404(public_id)
        )
        return Response(resources.patient(access.client))


class PatientSearch(FhirView):
    def get(self, request: Request) -> Response:
        query = search.PatientQuery.parse(request.query_params)
        found, total = query.run(staff_user(request))
        record_client_hits(actor=Actor.from_request(request), clients=found)
        base = resources.base_url(request)
        more = query.offset + len(found) < total
        links = search_links(base, "Patient", query.params(), more, query.params(next_page=True))
        bundle = resources.searchset(base, [resources.patient(c) for c in found], total, links)
        return Response(bundle)


def search_links(base: str, kind: str, params: Any, more: bool, following: Any) -> dict[str, str]:
    links = {"self": f"{base}{kind}?{urlencode(params)}"}
    if more:
        links["next"] = f"{base}{kind}?{urlencode(following)}"
    return links


class EncounterRead(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        visit, access = visit_for(staff_user(request), search.uuid_or_404(public_id))
        record_access(
            actor=Actor.from_request(request), access=access, action=Action.READ, target=visit
        )
        return Response(resources.encounter(visit))


class EncounterSearch(FhirView):
    """A patient's visits: the patient must be one the user may see (else 404); the search
    is logged as a hit on them."""

    def get(self, request: Request) -> Response:
        query = search.EncounterQuery.parse(request.query_params)
        user = staff_user(request)
        access = get_client_for(user, query.patient)
        found, total = query.run(Visit.objects.filter(client=access.client))
        record_client_hits(actor=Actor.from_request(request), clients=[access.client])
        base = resources.base_url(request)
        raw = request.query_params
        more = query.offset + len(found) < total
        links = search_links(
            base, "Encounter", query.params(raw), more, query.params(raw, next_page=True)
        )
        bundle = resources.searchset(base, [resources.encounter(v) for v in found], total, links)
        return Response(bundle)


class OrganizationRead(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        unit = get_object_or_404(
            OrganisationUnit.objects.select_related("parent"),
            public_id=search.uuid_or_404(public_id),
        )
        return Response(resources.organization(unit))


class OrganizationSearch(FhirView):
    def get(self, request: Request) -> Response:
        query = search.OrganizationQuery.parse(request.query_params)
        found, total = query.run()
        base = resources.base_url(request)
        more = query.offset + len(found) < total
        links = search_links(
            base, "Organization", query.params(), more, query.params(next_page=True)
        )
        bundle = resources.searchset(base, [resources.organization(u) for u in found], total, links)
        return Response(bundle)


def logged_read(request: Request, client: Any, target: Any) -> None:
    access = get_client_for(staff_user(request), client.public_id)
    record_access(
        actor=Actor.from_request(request), access=access, action=Action.READ, target=target
    )


class CarePlanRead(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        found = selectors.versions(staff_user(request)).filter(
            public_id=search.uuid_or_404(public_id)
        )
        version = get_object_or_404(found.prefetch_related("activities", "goals"))
        logged_read(request, version.plan.client, version)
        return Response(resources.care_plan(version))


class GoalRead(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        version_id, number = search.split_row_id(public_id)
        found = selectors.goals(staff_user(request)).filter(plan_version__public_id=version_id)
        goal = get_object_or_404(found, pk=number)
        logged_read(request, goal.plan_version.plan.client, goal.plan_version)
        return Response(resources.goal(goal))


class ByPatientSearch(FhirView):
    kind = ""
    query: search.ByPatient

    def found(self, user: Any, client: Any) -> QuerySet[Any]:
        raise NotImplementedError

    def resource(self, item: Any) -> dict[str, Any]:
        raise NotImplementedError

    def page_of(self, user: Any, client: Any) -> tuple[list[Any], int]:
        return self.query.page(self.found(user, client))

    def get(self, request: Request) -> Response:
        query = self.query = search.ByPatient.parse(request.query_params)
        user = staff_user(request)
        client = get_client_for(user, query.patient).client
        items, total = self.page_of(user, client)
        record_client_hits(actor=Actor.from_request(request), clients=[client])
        base = resources.base_url(request)
        more = query.offset + len(items) < total
        links = search_links(base, self.kind, query.params(), more, query.params(next_page=True))
        entries = [self.resource(item) for item in items]
        return Response(resources.searchset(base, entries, total, links))


class CarePlanSearch(ByPatientSearch):
    kind = "CarePlan"

    def found(self, user: Any, client: Any) -> QuerySet[Any]:
        versions = selectors.versions(user).filter(plan__client=client)
        return versions.prefetch_related("activities", "goals").order_by("-number", "-pk")

    def resource(self, item: Any) -> dict[str, Any]:
        return resources.care_plan(item)


class GoalSearch(ByPatientSearch):
    kind = "Goal"

    def found(self, user: Any, client: Any) -> QuerySet[Any]:
        current = Q(plan_version__status=PlanVersion.Status.AGREED)
        return (
            selectors.goals(user).filter(current, plan_version__plan__client=client).order_by("pk")
        )

    def resource(self, item: Any) -> dict[str, Any]:
        return resources.goal(item)


def _json_body(request: Request) -> Any:
    """The posted JSON, read by the API's parser (which refuses bodies nested too deep and
    text no database can store), or a FhirError."""
    try:
        body = request.body
    except RequestDataTooBig as error:
        message = _("The message is too large.")
        raise FhirError(message, code="too-costly", status_code=413) from error
    try:
        return BoundedJSONParser().parse(io.BytesIO(body))
    except ParseError as error:
        raise FhirError(str(error.detail), code="structure") from error


class ProcessMessage(FhirView):
    """POST a discharge notice (a Bundle with Patient, Encounter, ServiceRequest): a referral
    case on the receiving unit's inbox. Answers 201 with an OperationOutcome naming the case;
    it never says whether the person was already known."""

    def post(self, request: Request) -> Response:
        data = _json_body(request)
        actor = Actor.from_request(request)
        access = discharge.receive(actor=actor, discharge=discharge.read(actor, data))
        message = _("Received as case %(number)s.") % {"number": access.case.number}
        return Response(errors.outcome(message, "informational", "information"), status=201)
