"""FHIR bulk export (kasam.interop.bulk): kick off with `Prefer: respond-async`, poll the
status address, fetch each type's ndjson. Only the job's owner sees its status and files."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.response import Response

from kasam.accounts.requests import staff_user
from kasam.audit.services import Actor
from kasam.interop import bulk, errors, search
from kasam.interop.views import FhirView
from kasam.jobs.models import Job
from kasam.organisation.models import OrganisationUnit


class ExportStart(FhirView):
    """`$export` (the municipality) or `Group/<unit>/$export` (the clients a unit serves)."""

    def get(self, request: Request, public_id: str = "") -> Response:
        if "respond-async" not in request.headers.get("Prefer", ""):
            message = _("A bulk export runs in the background: send Prefer: respond-async.")
            raise errors.FhirError(message)
        ask = bulk.parse(request.query_params)
        unit = None
        if public_id:
            unit = get_object_or_404(OrganisationUnit, public_id=search.uuid_or_404(public_id))
        actor = Actor.from_request(request)
        job = bulk.start(actor=actor, ask=ask, unit=unit, address=request.build_absolute_uri())
        answer = Response(status=202)
        status = reverse("fhir:export-status", args=[job.public_id])
        answer["Content-Location"] = request.build_absolute_uri(status)
        return answer


def _own_export(request: Request, public_id: str) -> Job:
    found = Job.objects.filter(owner=staff_user(request), kind=bulk.KIND)
    return get_object_or_404(found, public_id=search.uuid_or_404(public_id))


class ExportStatus(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        job = _own_export(request, public_id)
        if job.status == Job.Status.FAILED:
            return Response(errors.outcome(job.message, "exception"), status=500)
        if job.status != Job.Status.DONE:
            answer = Response(status=202)
            answer["X-Progress"] = f"{job.progress} %"
            answer["Retry-After"] = "5"
            return answer
        files = [
            {
                "type": kind,
                "url": request.build_absolute_uri(
                    reverse("fhir:export-file", args=[job.public_id, kind])
                ),
            }
            for kind in job.params["types"]
        ]
        manifest = {
            "transactionTime": job.created_at.isoformat(),
            "request": job.params["request"],
            "requiresAccessToken": True,
            "output": files,
            "error": [],
        }
        return Response(manifest)

    def delete(self, request: Request, public_id: str) -> Response:
        _own_export(request, public_id).delete()
        return Response(status=202)


class ExportFile(FhirView):
    def get(self, request: Request, public_id: str, kind: str) -> HttpResponse:
        body = bulk.ndjson(_own_export(request, public_id), kind)
        if body is None:
            raise errors.FhirError(
                _("The export holds no such file."), code="not-found", status_code=404
            )
        return HttpResponse(body, content_type="application/fhir+ndjson")
