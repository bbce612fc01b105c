"""The FHIR R4 API under /fhir/r4/: thin views over the same access rule and audit as every
page (a read is a logged read; a search logs every person it returns)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.utils import timezone
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.access.services import open_client, record_client_hits
from kasam.accounts.requests import staff_user
from kasam.audit.services import Actor
from kasam.interop import errors, resources, search


class FhirJSONRenderer(JSONRenderer):
    media_type = "application/fhir+json"
    format = "json"


class FhirView(APIView):
    """FHIR's JSON whatever the Accept header asks, and errors as OperationOutcome."""

    renderer_classes = [FhirJSONRenderer]

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
        links = {"self": f"{base}Patient?{urlencode(query.params())}"}
        if query.offset + len(found) < total:
            links["next"] = f"{base}Patient?{urlencode(query.params(next_page=True))}"
        bundle = resources.searchset(base, [resources.patient(c) for c in found], total, links)
        return Response(bundle)
