"""Decisions with their services, and appeals, under /api/v1/."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.cases.api import open_case_api
from kasam.cases.selectors import CaseAccess, cases_visible_to, get_case_for
from kasam.decisions import selectors, services
from kasam.decisions.models import Appeal, Decision, DecisionLine
from kasam.decisions.services import Line
from kasam.organisation.models import OrganisationUnit


class LineSerializer(serializers.ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", queryset=selectors.catalogue())
    provider = serializers.SlugRelatedField(
        slug_field="public_id",
        queryset=OrganisationUnit.objects.all(),
        allow_null=True,
        required=False,
    )

    class Meta:
        model = DecisionLine
        fields = [
            "service",
            "outcome",
            "scope",
            "starts_on",
            "ends_on",
            "review_on",
            "provider",
            "justification",
        ]


class DecisionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    case = serializers.UUIDField(source="case.public_id", read_only=True)
    decided_by = serializers.UUIDField(source="decided_by.public_id", read_only=True, default=None)
    supersedes = serializers.UUIDField(source="supersedes.public_id", read_only=True, default=None)
    lines = LineSerializer(many=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "case",
            "status",
            "valid_from",
            "justification",
            "lines",
            "decided_by",
            "decided_at",
            "appeal_deadline",
            "supersedes",
            "superseded_on",
            "version",
        ]
        read_only_fields = [
            "status",
            "decided_at",
            "appeal_deadline",
            "superseded_on",
            "version",
        ]


class MakeSerializer(serializers.Serializer):
    version = serializers.IntegerField()


class AppealSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = Appeal
        fields = [
            "id",
            "received_on",
            "grounds",
            "in_time",
            "handle_by",
            "outcome",
            "outcome_on",
            "outcome_note",
        ]
        read_only_fields = ["in_time", "handle_by", "outcome", "outcome_on", "outcome_note"]


def _lines(data: list[dict[str, Any]]) -> list[Line]:
    return [Line(**line) for line in data]


def _decision_for(request: Request, decision_id: str) -> tuple[Decision, CaseAccess]:
    """A decision on a case the caller may see; 404 otherwise."""
    user = request.user
    assert isinstance(user, User)
    decision = (
        Decision.objects.filter(case__in=cases_visible_to(user), public_id=decision_id)
        .select_related("case")
        .first()
    )
    if decision is None:
        raise Http404
    return decision, get_case_for(user, decision.case.public_id)


class CaseDecisions(APIView):
    @extend_schema(responses=DecisionSerializer(many=True))
    def get(self, request: Request, public_id: str) -> Response:
        access = open_case_api(request, public_id)
        return Response(DecisionSerializer(selectors.decisions_of(access.case), many=True).data)

    @extend_schema(request=DecisionSerializer, responses={201: DecisionSerializer})
    def post(self, request: Request, public_id: str) -> Response:
        access = open_case_api(request, public_id, log=False)
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        decision = services.draft_decision(
            actor=Actor.from_request(request),
            access=access,
            justification=data["justification"],
            valid_from=data["valid_from"],
            lines=_lines(data["lines"]),
        )
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


class DecisionDetail(APIView):
    @extend_schema(responses=DecisionSerializer)
    def get(self, request: Request, decision_id: str) -> Response:
        decision, access = _decision_for(request, decision_id)
        record_access(
            actor=Actor.from_request(request),
            access=access.client_access,
            action=AuditEvent.Action.READ,
            target=decision,
        )
        return Response(DecisionSerializer(decision).data)


class DecisionMake(APIView):
    @extend_schema(request=MakeSerializer, responses=DecisionSerializer)
    def post(self, request: Request, decision_id: str) -> Response:
        decision, access = _decision_for(request, decision_id)
        serializer = MakeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.make_decision(
            actor=Actor.from_request(request),
            access=access,
            decision=decision,
            expected_version=serializer.validated_data["version"],
        )
        decision.refresh_from_db()
        return Response(DecisionSerializer(decision).data)


class DecisionAppeals(APIView):
    @extend_schema(responses=AppealSerializer(many=True))
    def get(self, request: Request, decision_id: str) -> Response:
        decision, access = _decision_for(request, decision_id)
        record_access(
            actor=Actor.from_request(request),
            access=access.client_access,
            action=AuditEvent.Action.READ,
            target=decision,
        )
        return Response(AppealSerializer(decision.appeals.all(), many=True).data)

    @extend_schema(request=AppealSerializer, responses={201: AppealSerializer})
    def post(self, request: Request, decision_id: str) -> Response:
        decision, access = _decision_for(request, decision_id)
        serializer = AppealSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        appeal = services.register_appeal(
            actor=Actor.from_request(request),
            access=access,
            decision=decision,
            **serializer.validated_data,
        )
        return Response(AppealSerializer(appeal).data, status=status.HTTP_201_CREATED)
