"""Care plans under /api/v1/: a client's plan versions with goals and activities, and
agreement. Same access rules and audit as the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.access.selectors import clients_visible_to, get_client_for
from kasam.accounts.models import User
from kasam.audit.services import Actor, open_client
from kasam.careplans import coordinated, services
from kasam.careplans.models import CoordinatedPlan, PlanActivity, PlanGoal, PlanVersion


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
    agreed_on = serializers.DateField()
    agreed_by = serializers.CharField(max_length=120)
    witness = serializers.CharField(max_length=120, required=False, default="")


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


class PlanAgree(APIView):
    @extend_schema(request=AgreeSerializer, responses=PlanVersionSerializer)
    def post(self, request: Request, version_id: str) -> Response:
        user = request.user
        assert isinstance(user, User)
        version = (
            PlanVersion.objects.filter(
                public_id=version_id, plan__client__in=clients_visible_to(user)
            )
            .select_related("plan__client", "decision")
            .first()
        )
        if version is None:
            raise Http404
        access = get_client_for(user, version.plan.client.public_id)
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
        return Response(PlanVersionSerializer(version).data)


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
