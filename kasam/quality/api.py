"""Deviations, feedback and participation sessions under /api/v1/, with the same rules and
access as the pages: a deviation's client is named only to those with a care relationship."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.access.selectors import get_client_for
from kasam.accounts.requests import staff_user
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.core.serializer_fields import Moment
from kasam.organisation.models import OrganisationUnit
from kasam.quality import feedback, selectors, services
from kasam.quality.models import Deviation, Feedback, ParticipationSession


class DeviationSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    unit = serializers.CharField(source="unit.name", read_only=True)
    client = serializers.SerializerMethodField()

    class Meta:
        model = Deviation
        fields = [
            "id",
            "status",
            "occurred_at",
            "unit",
            "category",
            "severity",
            "what_happened",
            "immediate_action",
            "client",
            "reporting_duty",
            "report_due_on",
            "reported_externally_on",
            "closed_at",
            "version",
        ]

    def get_client(self, deviation: Deviation) -> str | None:
        """The client's id, only to those with a care relationship with them."""
        shown: set[int] = self.context.get("shown", set())
        return str(deviation.client.public_id) if deviation.client_id in shown else None  # type: ignore[union-attr]


class ReportSerializer(serializers.Serializer):
    unit = serializers.UUIDField()
    client = serializers.UUIDField(required=False, allow_null=True)
    category = serializers.ChoiceField(choices=Deviation.Category.choices)
    severity = serializers.ChoiceField(choices=Deviation.Severity.choices)
    occurred_at = Moment()
    what_happened = serializers.CharField(max_length=4000)
    immediate_action = serializers.CharField(max_length=2000, required=False, default="")


class Deviations(APIView):
    """Deviations the user may see; POST reports one."""

    @extend_schema(responses=DeviationSerializer(many=True))
    def get(self, request: Request) -> Response:
        user = staff_user(request)
        found = list(selectors.deviations_visible_to(user)[:200])
        shown = {d.client_id for d in found if d.client_id and selectors.client_shown_to(user, d)}
        return Response(DeviationSerializer(found, many=True, context={"shown": shown}).data)

    @extend_schema(request=ReportSerializer, responses={201: DeviationSerializer})
    def post(self, request: Request) -> Response:
        serializer = ReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        unit = OrganisationUnit.objects.filter(public_id=data.pop("unit")).first()
        if unit is None:
            raise serializers.ValidationError({"unit": "unknown unit"})
        client = data.pop("client", None)
        access = get_client_for(staff_user(request), client) if client else None
        deviation = services.report_deviation(
            actor=Actor.from_request(request), unit=unit, access=access, **data
        )
        shown = {deviation.client_id} if access else set()
        body = DeviationSerializer(deviation, context={"shown": shown}).data
        return Response(body, status=status.HTTP_201_CREATED)


class DeviationDetail(APIView):
    @extend_schema(responses=DeviationSerializer)
    def get(self, request: Request, public_id: str) -> Response:
        user = staff_user(request)
        deviation = selectors.deviations_visible_to(user).filter(public_id=public_id).first()
        if deviation is None:
            raise Http404
        shown: set[int] = set()
        if deviation.client is not None and selectors.client_shown_to(user, deviation):
            access = get_client_for(user, deviation.client.public_id)
            record_access(
                actor=Actor.from_request(request),
                access=access,
                action=AuditEvent.Action.READ,
                target=deviation,
            )
            shown = {deviation.client.pk}
        return Response(DeviationSerializer(deviation, context={"shown": shown}).data)


class FeedbackSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    unit = serializers.CharField(source="unit.name", read_only=True, default=None)

    class Meta:
        model = Feedback
        fields = [
            "id",
            "kind",
            "text",
            "unit",
            "channel",
            "status",
            "reply_due_on",
            "reply",
            "replied_at",
        ]


class FeedbackList(APIView):
    """Feedback the user handles (their units, or all for the quality lead)."""

    @extend_schema(responses=FeedbackSerializer(many=True))
    def get(self, request: Request) -> Response:
        found = feedback.feedback_visible_to(staff_user(request))[:200]
        return Response(FeedbackSerializer(found, many=True).data)


class SessionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    unit = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = ParticipationSession
        fields = [
            "id",
            "unit",
            "theme",
            "group",
            "participants",
            "started_on",
            "views",
            "staff_response",
            "closing_meeting_on",
            "agreed_actions",
        ]


class Sessions(APIView):
    @extend_schema(responses=SessionSerializer(many=True))
    def get(self, request: Request) -> Response:
        found = ParticipationSession.objects.select_related("unit")[:200]
        return Response(SessionSerializer(found, many=True).data)
