"""Care plans under /api/v1/: a client's plan versions with goals and activities, and
agreement. Same access rules and audit as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.access.selectors import ClientAccess, clients_visible_to, get_client_for
from kasam.access.services import open_client
from kasam.accounts.requests import staff_user
from kasam.audit.services import Actor
from kasam.careplans import coordinated, services
from kasam.careplans.models import (
    CoordinatedPlan,
    GoalReview,
    PlanActivity,
    PlanGoal,
    PlanVersion,
)
from kasam.careplans.selectors import current_decisions, staff_for
from kasam.core.errors import Refused
from kasam.core.serializer_fields import Day


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanGoal
        fields = ["own_words", "how_we_know", "follow_up_on"]


class ActivitySerializer(serializers.ModelSerializer):
    service = serializers.CharField(source="line.service.code", read_only=True)
    weekdays = serializers.ListField(child=serializers.IntegerField(), read_only=True)

    class Meta:
        model = PlanActivity
        fields = [
            "service",
            "what",
            "how",
            "weekdays",
            "as_needed",
            "window_start",
            "window_end",
            "duration_minutes",
            "staff_count",
            "competence",
            "client_does",
            "follow_up_minutes",
            "follow_up_after",
            "follow_up_within",
            "help_kind",
        ]


class PlanVersionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    decision = serializers.UUIDField(source="decision.public_id", read_only=True)
    contact_person = serializers.UUIDField(source="contact_person.public_id", read_only=True)
    goals = GoalSerializer(many=True, read_only=True)
    activities = ActivitySerializer(many=True, read_only=True)

    class Meta:
        model = PlanVersion
        fields = [
            "id",
            "number",
            "status",
            "decision",
            "contact_person",
            "review_on",
            "next_review_on",
            "agreement_method",
            "agreed_on",
            "agreed_by",
            "witness",
            "declined_reason",
            "goals",
            "activities",
            "version",
        ]


class AgreeSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    method = serializers.ChoiceField(choices=PlanVersion.Method.choices)
    agreed_on = Day()
    agreed_by = serializers.CharField(max_length=120)
    witness = serializers.CharField(max_length=120, required=False, default="")


class StartSerializer(serializers.Serializer):
    decision = serializers.UUIDField()
    contact_person = serializers.UUIDField()


class ClientPlan(APIView):
    """Every version of the client's plan, newest first; the agreed one is current."""

    @extend_schema(responses=PlanVersionSerializer(many=True))
    def get(self, request: Request, public_id: str) -> Response:
        access = open_client(actor=Actor.from_request(request), public_id=public_id)
        versions = (
            PlanVersion.objects.filter(plan__client=access.client)
            .prefetch_related("goals", "activities__line__service")
            .select_related("decision", "contact_person")
        )
        return Response(PlanVersionSerializer(versions, many=True).data)

    @extend_schema(request=StartSerializer, responses={201: PlanVersionSerializer})
    def post(self, request: Request, public_id: str) -> Response:
        """Start a new draft on one of the client's current decisions."""
        access = get_client_for(staff_user(request), public_id)
        serializer = StartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        decision = current_decisions(access.client).filter(public_id=data["decision"]).first()
        person = staff_for(access.client).filter(public_id=data["contact_person"]).first()
        if decision is None or person is None:
            raise Refused(_("Choose the decision and the contact person."))
        version = services.start_version(
            actor=Actor.from_request(request),
            access=access,
            decision=decision,
            contact_person=person,
        )
        return Response(
            PlanVersionSerializer(_prefetched(version)).data, status=status.HTTP_201_CREATED
        )


def _version_for(request: Request, version_id: str) -> tuple[ClientAccess, PlanVersion]:
    """The plan version, if its client is visible to the user; 404 otherwise."""
    user = staff_user(request)
    version = (
        PlanVersion.objects.filter(public_id=version_id, plan__client__in=clients_visible_to(user))
        .select_related("plan__client", "decision")
        .first()
    )
    if version is None:
        raise Http404
    return get_client_for(user, version.plan.client.public_id), version


class ActivityWriteSerializer(serializers.ModelSerializer):
    service = serializers.CharField(help_text="The granted service's code in the decision.")
    weekdays = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=6), required=False, default=list
    )

    class Meta:
        model = PlanActivity
        fields = [f for f in ActivitySerializer.Meta.fields if f != "service"] + ["service"]


class DraftSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField()
    goals = GoalSerializer(many=True)
    activities = ActivityWriteSerializer(many=True)

    class Meta:
        model = PlanVersion
        fields = [
            "version",
            "review_on",
            "comprehensible",
            "manageable",
            "meaningful",
            "goals",
            "activities",
        ]


class DraftSavedSerializer(serializers.Serializer):
    plan = PlanVersionSerializer()
    warnings = serializers.ListField(child=serializers.CharField())


class DeclineSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    reason = serializers.CharField(max_length=2000)


class GoalReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = GoalReview
        fields = ["reviewed_on", "progress", "comment", "next_follow_up_on"]


def _content(version: PlanVersion, data: dict[str, Any]) -> services.PlanContent:
    """Goals and activities from the request; activities name their service by code."""
    lines = {line.service.code: line for line in version.decision.lines.select_related("service")}
    activities = []
    for item in data["activities"]:
        line = lines.get(item.pop("service"))
        if line is None or not line.is_granted:
            raise Refused(
                _("“%(what)s” rests on a service that is not granted in the decision.")
                % {"what": item.get("what", "")}
            )
        days = ",".join(str(d) for d in sorted(set(item.pop("weekdays"))))
        activities.append(PlanActivity(line=line, days=days, **item))
    goals = [PlanGoal(**item) for item in data["goals"]]
    return services.PlanContent(goals=goals, activities=activities)


class PlanDraft(APIView):
    """Replace a draft's goals, activities and reflection (the whole draft at once)."""

    @extend_schema(request=DraftSerializer, responses=DraftSavedSerializer)
    def put(self, request: Request, version_id: str) -> Response:
        access, version = _version_for(request, version_id)
        serializer = DraftSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        content = _content(version, data)
        fields = {k: v for k, v in data.items() if k not in ("version", "goals", "activities")}
        try:
            warnings = services.save_draft(
                actor=Actor.from_request(request),
                access=access,
                version=version,
                expected_version=data["version"],
                content=content,
                **fields,
            )
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from error
        version.refresh_from_db()
        body = {"plan": _prefetched(version), "warnings": warnings}
        return Response(DraftSavedSerializer(body).data)


def _prefetched(version: PlanVersion) -> PlanVersion:
    return (
        PlanVersion.objects.prefetch_related("goals", "activities__line__service")
        .select_related("decision", "contact_person")
        .get(pk=version.pk)
    )


class PlanAgree(APIView):
    @extend_schema(request=AgreeSerializer, responses=PlanVersionSerializer)
    def post(self, request: Request, version_id: str) -> Response:
        access, version = _version_for(request, version_id)
        serializer = AgreeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        services.agree(
            actor=Actor.from_request(request),
            access=access,
            version=version,
            expected_version=data.pop("version"),
            **data,
        )
        return Response(PlanVersionSerializer(_prefetched(version)).data)


class PlanDecline(APIView):
    @extend_schema(request=DeclineSerializer, responses=PlanVersionSerializer)
    def post(self, request: Request, version_id: str) -> Response:
        access, version = _version_for(request, version_id)
        serializer = DeclineSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.decline(
            actor=Actor.from_request(request),
            access=access,
            version=version,
            expected_version=serializer.validated_data["version"],
            reason=serializer.validated_data["reason"],
        )
        return Response(PlanVersionSerializer(_prefetched(version)).data)


class GoalReviews(APIView):
    """Follow up the goal at `position` (1, 2, …) of the current plan."""

    @extend_schema(request=GoalReviewSerializer, responses={201: GoalReviewSerializer})
    def post(self, request: Request, version_id: str, position: int) -> Response:
        access, version = _version_for(request, version_id)
        goals = list(version.goals.all())
        if not 1 <= position <= len(goals):
            raise Http404
        serializer = GoalReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = services.review_goal(
            actor=Actor.from_request(request),
            access=access,
            goal=goals[position - 1],
            **serializer.validated_data,
        )
        return Response(GoalReviewSerializer(entry).data, status=status.HTTP_201_CREATED)


class CoordinatedPlanSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    coordinator = serializers.UUIDField(source="coordinator.public_id", read_only=True)
    coordinator_name = serializers.CharField(source="coordinator.display_name", read_only=True)

    class Meta:
        model = CoordinatedPlan
        fields = [
            "id",
            "coordinator",
            "coordinator_name",
            "started_on",
            "overall_goal",
            "external_parties",
            "next_meeting_on",
            "ended_on",
            "version",
        ]


class InvolvedServiceSerializer(serializers.Serializer):
    service = serializers.CharField(source="service.code")
    name = serializers.CharField(source="service.name")
    outcome = serializers.CharField()
    provider = serializers.CharField(source="provider.name", default=None)


class CoordinatedSerializer(serializers.Serializer):
    plan = CoordinatedPlanSerializer(allow_null=True)
    services = InvolvedServiceSerializer(many=True)
    units = serializers.ListField(child=serializers.CharField())


class ClientCoordinatedPlan(APIView):
    """The client's open coordinated individual plan (SIP), with the services and units
    involved; `plan` is null when there is none."""

    @extend_schema(responses=CoordinatedSerializer)
    def get(self, request: Request, public_id: str) -> Response:
        access = open_client(actor=Actor.from_request(request), public_id=public_id)
        plan = coordinated.open_coordinated_plan(access.client)
        involved = coordinated.involved_in(access.client, plan)
        data = {
            "plan": plan,
            "services": involved.services,
            "units": [unit.name for unit in involved.units],
        }
        return Response(CoordinatedSerializer(data).data)
