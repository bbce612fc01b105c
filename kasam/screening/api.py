"""Nutrition and fall-risk screenings of a client under /api/v1/clients/{id}/screenings/."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.access.selectors import get_client_for
from kasam.access.services import open_client
from kasam.accounts.models import User
from kasam.audit.services import Actor
from kasam.screening import services
from kasam.screening.models import Screening


class ScreeningSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    submission_key = serializers.UUIDField(write_only=True)

    class Meta:
        model = Screening
        fields = [
            "id",
            "kind",
            "measured_on",
            "tool",
            "score",
            "weight_kg",
            "appetite",
            "at_risk",
            "next_due_on",
            "submission_key",
        ]
        read_only_fields = ["at_risk", "next_due_on"]


class ClientScreenings(APIView):
    @extend_schema(responses=ScreeningSerializer(many=True))
    def get(self, request: Request, public_id: str) -> Response:
        access = open_client(actor=Actor.from_request(request), public_id=public_id)
        return Response(ScreeningSerializer(access.client.screenings.all(), many=True).data)

    @extend_schema(request=ScreeningSerializer, responses={201: ScreeningSerializer})
    def post(self, request: Request, public_id: str) -> Response:
        user = request.user
        assert isinstance(user, User)
        access = get_client_for(user, public_id)
        serializer = ScreeningSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        screening = services.record_screening(
            actor=Actor.from_request(request), access=access, **serializer.validated_data
        )
        return Response(ScreeningSerializer(screening).data, status=status.HTTP_201_CREATED)
