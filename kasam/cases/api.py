"""Cases and first contacts under /api/v1/cases/, with the pages' access rules and audit."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kasam.accounts.models import User
from kasam.accounts.requests import staff_user
from kasam.audit.services import Actor, record_hits
from kasam.cases import selectors, services
from kasam.cases.models import Case, CaseDeadline, FirstContact
from kasam.cases.selectors import CaseAccess, InboxFilter
from kasam.core.serializer_fields import UUID_PATTERN, Moment, NationalIdField
from kasam.registry.models import Client, Language
from kasam.registry.services import ClientDetails


class DeadlineSerializer(serializers.ModelSerializer):
    due = serializers.DateField(read_only=True)

    class Meta:
        model = CaseDeadline
        fields = ["milestone", "statutory_due", "local_due", "due", "met_at"]


class FirstContactSerializer(serializers.ModelSerializer):
    made_by = serializers.UUIDField(source="made_by.public_id", read_only=True)
    version = serializers.IntegerField(write_only=True)

    class Meta:
        model = FirstContact
        fields = ["contacted_at", "method", "note", "made_by", "version"]


class CaseSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    number = serializers.CharField(read_only=True)
    case_type = serializers.CharField(source="case_type.code", read_only=True)
    client = serializers.UUIDField(source="client.public_id", read_only=True)
    unit = serializers.UUIDField(source="unit.public_id", read_only=True)
    handler = serializers.SlugRelatedField(
        slug_field="public_id",
        queryset=User.objects.filter(is_active=True),
        allow_null=True,
        required=False,
    )
    deadlines = DeadlineSerializer(many=True, read_only=True)
    version = serializers.IntegerField()

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "case_type",
            "client",
            "unit",
            "handler",
            "source",
            "source_name",
            "received_at",
            "channel",
            "request",
            "urgency",
            "status",
            "next_due_on",
            "forwarded_to",
            "deadlines",
            "version",
        ]
        read_only_fields = ["status", "next_due_on", "forwarded_to"]


class PersonSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=80)
    last_name = serializers.CharField(max_length=80)
    preferred_language = serializers.ChoiceField(choices=Language.choices)
    phone = serializers.CharField(max_length=20, required=False, default="")


class CaseCreateSerializer(serializers.Serializer):
    case_type = serializers.SlugField()
    unit = serializers.UUIDField()
    handler = serializers.UUIDField(required=False, allow_null=True)
    national_id = NationalIdField()
    person = PersonSerializer(required=False, help_text="Needed for a person not registered.")
    source = serializers.ChoiceField(choices=Case.Source.choices)  # type: ignore[assignment]
    source_name = serializers.CharField(max_length=120, required=False, default="")
    received_at = Moment()
    channel = serializers.ChoiceField(choices=Case.Channel.choices)
    request = serializers.CharField(max_length=4000)
    urgency = serializers.ChoiceField(choices=Case.Urgency.choices, default="normal")


class TransitionSerializer(serializers.Serializer):
    target = serializers.ChoiceField(choices=Case.Status.choices)
    version = serializers.IntegerField()
    note = serializers.CharField(max_length=2000, required=False, default="")
    forwarded_to = serializers.CharField(max_length=200, required=False, default="")


class InboxQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Case.Status.choices, required=False)
    mine = serializers.BooleanField(required=False, default=False)


def open_case_api(request: Request, public_id: str, *, log: bool = True) -> CaseAccess:
    return services.open_case(actor=Actor.from_request(request), public_id=public_id, log=log)


class CaseViewSet(viewsets.ViewSet):
    """Cases the caller handles, their unit received, or whose client they care for."""

    lookup_field = "public_id"
    lookup_value_regex = UUID_PATTERN

    @extend_schema(parameters=[InboxQuerySerializer], responses=CaseSerializer(many=True))
    def list(self, request: Request) -> Response:
        query = InboxQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        user = staff_user(request)
        filters = InboxFilter(
            handler=user if query.validated_data["mine"] else None,
            status=query.validated_data.get("status", ""),
        )
        rows = selectors.inbox(user, filters, limit=200)
        accesses = [row.access.client_access for row in rows]
        record_hits(actor=Actor.from_request(request), accesses=accesses)
        return Response(CaseSerializer([row.case for row in rows], many=True).data)

    @extend_schema(request=CaseCreateSerializer, responses={201: CaseSerializer})
    def create(self, request: Request) -> Response:
        serializer = CaseCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        access = services.register_case(
            actor=Actor.from_request(request),
            **_intake(staff_user(request), serializer.validated_data),
        )
        return Response(CaseSerializer(access.case).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=CaseSerializer)
    def retrieve(self, request: Request, public_id: str) -> Response:
        return Response(CaseSerializer(open_case_api(request, public_id).case).data)

    @extend_schema(request=CaseSerializer, responses=CaseSerializer)
    def partial_update(self, request: Request, public_id: str) -> Response:
        access = open_case_api(request, public_id, log=False)
        serializer = CaseSerializer(access.case, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        if "version" not in changes:
            raise serializers.ValidationError({"version": [_("This field is required.")]})
        case = services.update_intake(
            actor=Actor.from_request(request),
            access=access,
            expected_version=changes.pop("version"),
            **changes,
        )
        return Response(CaseSerializer(case).data)

    @extend_schema(request=TransitionSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, public_id: str) -> Response:
        access = open_case_api(request, public_id, log=False)
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = services.change_status(
            actor=Actor.from_request(request),
            access=access,
            expected_version=data.pop("version"),
            **data,
        )
        return Response(CaseSerializer(case).data)

    @extend_schema(request=FirstContactSerializer, responses={201: FirstContactSerializer})
    @action(detail=True, methods=["post"], url_path="first-contact")
    def first_contact(self, request: Request, public_id: str) -> Response:
        access = open_case_api(request, public_id, log=False)
        serializer = FirstContactSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        contact = services.record_first_contact(
            actor=Actor.from_request(request),
            access=access,
            expected_version=data.pop("version"),
            made_by=staff_user(request),
            **data,
        )
        return Response(FirstContactSerializer(contact).data, status=status.HTTP_201_CREATED)


def _intake(user: User, data: dict[str, Any]) -> dict[str, Any]:
    """Resolve the payload's references with the same limits as the intake page."""
    units = selectors.inbox_units(user)
    unit = units.filter(public_id=data.pop("unit")).first()
    case_type = selectors.case_types().filter(code=data.pop("case_type")).first()
    errors = {}
    if unit is None:
        errors["unit"] = [_("You cannot register cases for that unit.")]
    if case_type is None:
        errors["case_type"] = [_("No such case type in this installation.")]
    handler_id = data.pop("handler", None)
    handler = (
        selectors.handlers_in(units).filter(public_id=handler_id).first() if handler_id else None
    )
    if handler_id and handler is None:
        errors["handler"] = [_("Not a case handler in your units.")]
    national_id, person = data.pop("national_id"), data.pop("person", None)
    client = Client.objects.filter(national_id=national_id.number).first()
    if client is None and person is None:
        errors["person"] = [_("Needed for a person not registered before.")]
    if errors:
        raise serializers.ValidationError(errors)
    extra = {"client": client} if client else {"person": (national_id, ClientDetails(**person))}
    return {**data, **extra, "unit": unit, "case_type": case_type, "handler": handler}
