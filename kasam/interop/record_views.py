"""FHIR views of the records around a client: relatives, cases, decided services, the care
team, screenings and scores, and the access log. Each under the client or case access rule,
each read logged."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from kasam.access.services import open_client
from kasam.accounts.requests import staff_user
from kasam.audit.models import AuditEvent
from kasam.audit.selectors import access_log_for
from kasam.audit.services import Actor, record_access
from kasam.cases.selectors import cases_visible_to, get_case_for
from kasam.interop import care, observations, records, resources, search, selectors
from kasam.interop.views import ByPatientSearch, FhirView, logged_read, search_links
from kasam.screening.models import Screening

Action = AuditEvent.Action


class RelatedPersonRead(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        found = selectors.relatives(staff_user(request)).filter(
            public_id=search.uuid_or_404(public_id)
        )
        relative = get_object_or_404(found)
        logged_read(request, relative.client, relative)
        return Response(care.related_person(relative))


class RelatedPersonSearch(ByPatientSearch):
    kind = "RelatedPerson"

    def found(self, user: Any, client: Any) -> QuerySet[Any]:
        return (
            selectors.relatives(user).filter(client=client, archived_at__isnull=True).order_by("pk")
        )

    def resource(self, item: Any) -> dict[str, Any]:
        return care.related_person(item)


class EpisodeOfCareRead(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        found = get_case_for(staff_user(request), search.uuid_or_404(public_id))
        record_access(
            actor=Actor.from_request(request),
            access=found.client_access,
            action=Action.READ,
            target=found.case,
        )
        return Response(care.episode_of_care(found.case))


class EpisodeOfCareSearch(ByPatientSearch):
    kind = "EpisodeOfCare"

    def found(self, user: Any, client: Any) -> QuerySet[Any]:
        cases = cases_visible_to(user).filter(client=client)
        return cases.select_related("case_type", "client", "unit", "handler").order_by(
            "-received_at", "-pk"
        )

    def resource(self, item: Any) -> dict[str, Any]:
        return care.episode_of_care(item)


class ServiceRequestRead(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        decision_id, number = search.split_row_id(public_id)
        found = selectors.decided_lines(staff_user(request)).filter(decision__public_id=decision_id)
        line = get_object_or_404(found, pk=number)
        logged_read(request, line.decision.case.client, line.decision)
        return Response(care.service_request(line))


class ServiceRequestSearch(ByPatientSearch):
    kind = "ServiceRequest"

    def found(self, user: Any, client: Any) -> QuerySet[Any]:
        lines = selectors.decided_lines(user).filter(decision__case__client=client)
        return lines.order_by("-decision__decided_at", "pk")

    def resource(self, item: Any) -> dict[str, Any]:
        return care.service_request(item)


def _care_team(client: Any) -> dict[str, Any]:
    return care.care_team(*selectors.care_teams([client])[0])


class CareTeamRead(FhirView):
    """One care team per client, under the client's id."""

    def get(self, request: Request, public_id: str) -> Response:
        access = open_client(
            actor=Actor.from_request(request), public_id=search.uuid_or_404(public_id)
        )
        return Response(_care_team(access.client))


class CareTeamSearch(ByPatientSearch):
    kind = "CareTeam"

    def page_of(self, user: Any, client: Any) -> tuple[list[Any], int]:
        return [client], 1

    def resource(self, item: Any) -> dict[str, Any]:
        return _care_team(item)


class ObservationRead(FhirView):
    """A screening (its own id) or one scored item of an assessment (the assessment's id and
    the item's row)."""

    def get(self, request: Request, public_id: str) -> Response:
        user = staff_user(request)
        if "-" in public_id and len(public_id) > 36:
            assessment_id, number = search.split_row_id(public_id)
            found = selectors.item_scores(user).filter(assessment__public_id=assessment_id)
            score = get_object_or_404(found, pk=number)
            logged_read(request, score.assessment.case.client, score.assessment)
            return Response(observations.item_score(score))
        screenings = selectors.screenings(user).filter(public_id=search.uuid_or_404(public_id))
        screening = get_object_or_404(screenings)
        logged_read(request, screening.client, screening)
        return Response(observations.screening(screening))


class ObservationSearch(ByPatientSearch):
    """A patient's screenings and function scores, the latest first."""

    kind = "Observation"

    def page_of(self, user: Any, client: Any) -> tuple[list[Any], int]:
        screenings = list(selectors.screenings(user).filter(client=client))
        scores = list(selectors.item_scores(user).filter(assessment__case__client=client))
        every = sorted(
            [(s.measured_on.isoformat(), s) for s in screenings]
            + [(s.assessment.created_at.date().isoformat(), s) for s in scores],
            key=lambda pair: pair[0],
            reverse=True,
        )
        found = [item for _day, item in every]
        return found[self.query.offset : self.query.offset + self.query.count], len(found)

    def resource(self, item: Any) -> dict[str, Any]:
        if isinstance(item, Screening):
            return observations.screening(item)
        return observations.item_score(item)


class AuditEventSearch(FhirView):
    """A client's access log: who read or changed the record, newest first. Reading it is
    itself a logged read of the client, as on the access log page."""

    def get(self, request: Request) -> Response:
        query = search.ByPatient.parse(request.query_params)
        access = open_client(actor=Actor.from_request(request), public_id=query.patient)
        events, total = query.page(access_log_for(access.client))
        base = resources.base_url(request)
        more = query.offset + len(events) < total
        links = search_links(base, "AuditEvent", query.params(), more, query.params(next_page=True))
        entries = [records.audit_event(event, access.client) for event in events]
        return Response(resources.searchset(base, entries, total, links))
