"""The day's work for a mobile app: the worklist in one call, check-in and check-out."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.access.services import record_client_hits
from kasam.accounts.requests import staff_user
from kasam.audit.services import Actor
from kasam.core.serializer_fields import Day
from kasam.visits import selectors, services
from kasam.visits.models import Visit


class VisitSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    client = serializers.UUIDField(source="client.public_id", read_only=True)
    client_name = serializers.CharField(source="client.full_name", read_only=True)
    address = serializers.SerializerMethodField()
    service = serializers.CharField(source="activity.line.service.code", read_only=True)
    what = serializers.CharField(source="activity.what", read_only=True)
    how = serializers.CharField(source="activity.how", read_only=True)
    client_does = serializers.CharField(source="activity.client_does", read_only=True)

    class Meta:
        model = Visit
        fields = [
            "id",
            "client",
            "client_name",
            "address",
            "day",
            "window_start",
            "window_end",
            "planned_start",
            "replanned_at",
            "part",
            "duration_minutes",
            "staff_count",
            "competence",
            "service",
            "what",
            "how",
            "client_does",
            "checked_in_at",
            "checked_out_at",
            "outcome",
            "reason",
            "cancelled_because",
        ]

    def get_address(self, visit: Visit) -> str | None:
        return None if visit.client.protected_identity else visit.client.shown_address


class WorklistQuery(serializers.Serializer):
    day = Day(required=False)


class CheckOutSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Visit.Outcome.choices)
    reason = serializers.ChoiceField(choices=Visit.Reason.choices, required=False, default="")


class Worklist(APIView):
    """The caller's visits of a day (default today), in order: one call for a phone app."""

    @extend_schema(parameters=[WorklistQuery], responses=VisitSerializer(many=True))
    def get(self, request: Request) -> Response:
        query = WorklistQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        user = staff_user(request)
        visits = selectors.worklist(user, query.validated_data.get("day") or timezone.localdate())
        record_client_hits(actor=Actor.from_request(request), clients=[v.client for v in visits])
        return Response(VisitSerializer(visits, many=True).data)


class CheckIn(APIView):
    @extend_schema(request=None, responses=VisitSerializer)
    def post(self, request: Request, visit_id: str) -> Response:
        visit, access = selectors.visit_for(staff_user(request), visit_id)
        services.check_in(actor=Actor.from_request(request), access=access, visit=visit)
        return Response(VisitSerializer(visit).data)


class CheckOut(APIView):
    @extend_schema(request=CheckOutSerializer, responses=VisitSerializer)
    def post(self, request: Request, visit_id: str) -> Response:
        visit, access = selectors.visit_for(staff_user(request), visit_id)
        serializer = CheckOutSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.check_out(
            actor=Actor.from_request(request),
            access=access,
            visit=visit,
            **serializer.validated_data,
        )
        return Response(VisitSerializer(visit).data)
