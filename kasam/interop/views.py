"""The FHIR R4 API under /fhir/r4/: thin views over the same access rule and audit as every
page (a read is a logged read; a search logs every person it returns)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.access.selectors import clients_visible_to, get_client_for
from kasam.access.services import open_client, record_client_hits
from kasam.accounts.requests import staff_user
from kasam.assessments.models import ItemScore
from kasam.audit.models import AuditEvent
from kasam.audit.selectors import access_log_for
from kasam.audit.services import Actor, record_access
from kasam.careplans.models import CoordinatedPlan, PlanGoal, PlanVersion, StaffChoice
from kasam.cases.selectors import cases_visible_to, get_case_for
from kasam.decisions.models import Decision, DecisionLine
from kasam.indicators.compute import Computation
from kasam.indicators.models import Indicator
from kasam.indicators.selectors import dashboard_units, last_ended_month
from kasam.interop import care, discharge, errors, observations, records, resources, search
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Relative
from kasam.screening.models import Screening
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
        links = _links(base, "Patient", query.params(), more, query.params(next_page=True))
        bundle = resources.searchset(base, [resources.patient(c) for c in found], total, links)
        return Response(bundle)


def _links(base: str, kind: str, params: Any, more: bool, following: Any) -> dict[str, str]:
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
        links = _links(
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
        links = _links(base, "Organization", query.params(), more, query.params(next_page=True))
        bundle = resources.searchset(base, [resources.organization(u) for u in found], total, links)
        return Response(bundle)


def _versions(user: Any) -> QuerySet[PlanVersion]:
    visible = clients_visible_to(user)
    return PlanVersion.objects.filter(plan__client__in=visible).select_related(
        "plan__client", "contact_person"
    )


def _goals(user: Any) -> QuerySet[PlanGoal]:
    visible = clients_visible_to(user)
    return PlanGoal.objects.filter(plan_version__plan__client__in=visible).select_related(
        "plan_version__plan__client"
    )


def _logged_read(request: Request, client: Any, target: Any) -> None:
    access = get_client_for(staff_user(request), client.public_id)
    record_access(
        actor=Actor.from_request(request), access=access, action=Action.READ, target=target
    )


class CarePlanRead(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        found = _versions(staff_user(request)).filter(public_id=search.uuid_or_404(public_id))
        version = get_object_or_404(found.prefetch_related("activities", "goals"))
        _logged_read(request, version.plan.client, version)
        return Response(resources.care_plan(version))


class GoalRead(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        version_id, number = search.split_row_id(public_id)
        found = _goals(staff_user(request)).filter(plan_version__public_id=version_id)
        goal = get_object_or_404(found, pk=number)
        _logged_read(request, goal.plan_version.plan.client, goal.plan_version)
        return Response(resources.goal(goal))


class _ByPatientSearch(FhirView):
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
        links = _links(base, self.kind, query.params(), more, query.params(next_page=True))
        entries = [self.resource(item) for item in items]
        return Response(resources.searchset(base, entries, total, links))


class CarePlanSearch(_ByPatientSearch):
    kind = "CarePlan"

    def found(self, user: Any, client: Any) -> QuerySet[Any]:
        versions = _versions(user).filter(plan__client=client)
        return versions.prefetch_related("activities", "goals").order_by("-number", "-pk")

    def resource(self, item: Any) -> dict[str, Any]:
        return resources.care_plan(item)


class GoalSearch(_ByPatientSearch):
    kind = "Goal"

    def found(self, user: Any, client: Any) -> QuerySet[Any]:
        current = Q(plan_version__status=PlanVersion.Status.AGREED)
        return _goals(user).filter(current, plan_version__plan__client=client).order_by("pk")

    def resource(self, item: Any) -> dict[str, Any]:
        return resources.goal(item)


def _relatives(user: Any) -> QuerySet[Relative]:
    visible = clients_visible_to(user)
    return Relative.objects.filter(client__in=visible).select_related("client")


class RelatedPersonRead(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        found = _relatives(staff_user(request)).filter(public_id=search.uuid_or_404(public_id))
        relative = get_object_or_404(found)
        _logged_read(request, relative.client, relative)
        return Response(care.related_person(relative))


class RelatedPersonSearch(_ByPatientSearch):
    kind = "RelatedPerson"

    def found(self, user: Any, client: Any) -> QuerySet[Any]:
        return _relatives(user).filter(client=client, archived_at__isnull=True).order_by("pk")

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


class EpisodeOfCareSearch(_ByPatientSearch):
    kind = "EpisodeOfCare"

    def found(self, user: Any, client: Any) -> QuerySet[Any]:
        cases = cases_visible_to(user).filter(client=client)
        return cases.select_related("case_type", "client", "unit", "handler").order_by(
            "-received_at", "-pk"
        )

    def resource(self, item: Any) -> dict[str, Any]:
        return care.episode_of_care(item)


def _decided_lines(user: Any) -> QuerySet[DecisionLine]:
    made = Q(decision__status=Decision.Status.MADE)
    lines = DecisionLine.objects.filter(made, decision__case__in=cases_visible_to(user))
    return lines.select_related(
        "decision__case__client", "decision__decided_by", "service", "provider"
    )


class ServiceRequestRead(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        decision_id, number = search.split_row_id(public_id)
        found = _decided_lines(staff_user(request)).filter(decision__public_id=decision_id)
        line = get_object_or_404(found, pk=number)
        _logged_read(request, line.decision.case.client, line.decision)
        return Response(care.service_request(line))


class ServiceRequestSearch(_ByPatientSearch):
    kind = "ServiceRequest"

    def found(self, user: Any, client: Any) -> QuerySet[Any]:
        lines = _decided_lines(user).filter(decision__case__client=client)
        return lines.order_by("-decision__decided_at", "pk")

    def resource(self, item: Any) -> dict[str, Any]:
        return care.service_request(item)


def _care_team(client: Any) -> dict[str, Any]:
    choices = StaffChoice.objects.filter(client=client, ended_at__isnull=True)
    coordination = CoordinatedPlan.objects.filter(client=client, ended_on__isnull=True)
    return care.care_team(
        client,
        list(choices.select_related("staff")),
        coordination.select_related("coordinator").first(),
    )


class CareTeamRead(FhirView):
    """One care team per client, under the client's id."""

    def get(self, request: Request, public_id: str) -> Response:
        access = open_client(
            actor=Actor.from_request(request), public_id=search.uuid_or_404(public_id)
        )
        return Response(_care_team(access.client))


class CareTeamSearch(_ByPatientSearch):
    kind = "CareTeam"

    def page_of(self, user: Any, client: Any) -> tuple[list[Any], int]:
        return [client], 1

    def resource(self, item: Any) -> dict[str, Any]:
        return _care_team(item)


def _screenings(user: Any) -> QuerySet[Screening]:
    visible = clients_visible_to(user)
    return Screening.objects.filter(client__in=visible).select_related("client", "made_by")


def _item_scores(user: Any) -> QuerySet[ItemScore]:
    scored = ItemScore.objects.filter(
        level__isnull=False, assessment__case__in=cases_visible_to(user)
    )
    return scored.select_related(
        "assessment__case__client", "assessment__made_by", "item__scale", "level"
    )


class ObservationRead(FhirView):
    """A screening (its own id) or one scored item of an assessment (the assessment's id and
    the item's row)."""

    def get(self, request: Request, public_id: str) -> Response:
        user = staff_user(request)
        if "-" in public_id and len(public_id) > 36:
            assessment_id, number = search.split_row_id(public_id)
            found = _item_scores(user).filter(assessment__public_id=assessment_id)
            score = get_object_or_404(found, pk=number)
            _logged_read(request, score.assessment.case.client, score.assessment)
            return Response(observations.item_score(score))
        screenings = _screenings(user).filter(public_id=search.uuid_or_404(public_id))
        screening = get_object_or_404(screenings)
        _logged_read(request, screening.client, screening)
        return Response(observations.screening(screening))


class ObservationSearch(_ByPatientSearch):
    """A patient's screenings and function scores, the latest first."""

    kind = "Observation"

    def page_of(self, user: Any, client: Any) -> tuple[list[Any], int]:
        screenings = list(_screenings(user).filter(client=client))
        scores = list(_item_scores(user).filter(assessment__case__client=client))
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
        links = _links(base, "AuditEvent", query.params(), more, query.params(next_page=True))
        entries = [records.audit_event(event, access.client) for event in events]
        return Response(resources.searchset(base, entries, total, links))


class MeasureReportSearch(FhirView):
    """Indicator values per unit and period, as on the dashboard (suppressed where it
    suppresses)."""

    def get(self, request: Request) -> Response:
        query = search.MeasureQuery.parse(request.query_params)
        units = dashboard_units()
        unit = get_object_or_404(units, public_id=query.subject) if query.subject else None
        unit = unit or get_object_or_404(units.filter(parent=None)[:1])
        period = query.period or last_ended_month(timezone.localdate())
        indicators = Indicator.objects.filter(active=True).order_by("code")
        if query.measure:
            indicators = indicators.filter(code=query.measure)
        total = indicators.count()
        chosen = list(indicators[query.offset : query.offset + query.count])
        values = Computation(chosen, [unit], [period]).run()
        entries = [
            records.measure_report(i, unit, period, values[(i.code, unit.pk, period.code)])
            for i in chosen
        ]
        base = resources.base_url(request)
        more = query.offset + len(chosen) < total
        links = _links(
            base, "MeasureReport", query.params(period), more, query.params(period, next_page=True)
        )
        return Response(resources.searchset(base, entries, total, links))


class ProcessMessage(FhirView):
    """POST a discharge notice (a Bundle with Patient, Encounter, ServiceRequest): a referral
    case on the receiving unit's inbox. Answers 201 with an OperationOutcome naming the case;
    it never says whether the person was already known."""

    def post(self, request: Request) -> Response:
        try:
            data = json.loads(request.body)
        except ValueError as error:
            raise errors.FhirError(_("The body is not JSON."), code="structure") from error
        actor = Actor.from_request(request)
        access = discharge.receive(actor=actor, discharge=discharge.read(actor, data))
        message = _("Received as case %(number)s.") % {"number": access.case.number}
        return Response(errors.outcome(message, "informational", "information"), status=201)
