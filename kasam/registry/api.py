from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kasam.access.selectors import get_client_for
from kasam.access.services import open_client
from kasam.accounts.models import User
from kasam.audit.selectors import access_log_for
from kasam.audit.services import Actor, record_hits
from kasam.core.serializer_fields import UUID_PATTERN
from kasam.registry import selectors, services
from kasam.registry.serializers import (
    AccessLogEntrySerializer,
    ClientCreateSerializer,
    ClientQuerySerializer,
    ClientSerializer,
    RelativeSerializer,
)


class ClientViewSet(viewsets.ViewSet):
    """Clients the caller has a care relationship with. Every read is in the access log."""

    lookup_field = "public_id"
    lookup_value_regex = UUID_PATTERN

    @extend_schema(
        parameters=[ClientQuerySerializer],
        responses=ClientSerializer(many=True),
    )
    def list(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        query = ClientQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        hits = selectors.search_clients(
            request.user,
            query=query.validated_data.get("q", ""),
            sort=query.validated_data.get("ordering", "name"),
        )
        record_hits(actor=Actor.from_request(request), accesses=hits)
        return Response(ClientSerializer([hit.client for hit in hits], many=True).data)

    @extend_schema(request=ClientCreateSerializer, responses={201: ClientSerializer})
    def create(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        serializer = ClientCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        units = selectors.registration_units_for(request.user)
        unit = units.filter(public_id=data.pop("unit")).first()
        if unit is None:
            raise serializers.ValidationError(
                {"unit": [_("You cannot register clients for that unit.")]}
            )
        data.pop("version", None)
        access = services.register_client(
            actor=Actor.from_request(request),
            national_id=data.pop("national_id"),
            unit=unit,
            details=services.ClientDetails(**data),
        )
        return Response(ClientSerializer(access.client).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=ClientSerializer)
    def retrieve(self, request: Request, public_id: str) -> Response:
        return Response(
            ClientSerializer(
                open_client(actor=Actor.from_request(request), public_id=public_id).client
            ).data
        )

    @extend_schema(request=ClientSerializer, responses=ClientSerializer)
    def partial_update(self, request: Request, public_id: str) -> Response:
        assert isinstance(request.user, User)
        access = get_client_for(request.user, public_id)
        serializer = ClientSerializer(access.client, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        if "version" not in changes:
            raise serializers.ValidationError(
                {"version": [_("Send the version you read, so that no one's change is lost.")]}
            )
        version = changes.pop("version")
        details = replace(services.ClientDetails.of(access.client), **changes)
        client = services.update_client(
            actor=Actor.from_request(request),
            access=access,
            expected_version=version,
            details=details,
        )
        return Response(ClientSerializer(client).data)

    @extend_schema(methods=["GET"], responses=RelativeSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=RelativeSerializer, responses={201: RelativeSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def relatives(self, request: Request, public_id: str) -> Response:
        if request.method == "GET":
            access = open_client(actor=Actor.from_request(request), public_id=public_id)
            return Response(
                RelativeSerializer(selectors.relatives_of(access.client), many=True).data
            )
        assert isinstance(request.user, User)
        access = get_client_for(request.user, public_id)
        serializer = RelativeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        relative = services.add_relative(
            actor=Actor.from_request(request),
            access=access,
            details=services.RelativeDetails(**serializer.validated_data),
        )
        return Response(RelativeSerializer(relative).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=AccessLogEntrySerializer(many=True))
    @action(detail=True, methods=["get"], url_path="access-log")
    def access_log(self, request: Request, public_id: str) -> Response:
        access = open_client(actor=Actor.from_request(request), public_id=public_id)
        events = access_log_for(access.client)
        return Response(AccessLogEntrySerializer(events[:500], many=True).data)
