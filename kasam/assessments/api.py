"""Assessments of a case under /api/v1/cases/{id}/assessments/."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.assessments import selectors, services
from kasam.assessments.models import Assessment, ItemScore
from kasam.audit.services import Actor
from kasam.cases.api import open_case_api


class ScoreSerializer(serializers.ModelSerializer):
    item = serializers.SlugField(source="item.code")
    level = serializers.IntegerField(source="level.value", allow_null=True, required=False)

    class Meta:
        model = ItemScore
        fields = ["item", "level", "needs", "resources", "goals"]


class AssessmentSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    made_by = serializers.UUIDField(source="made_by.public_id", read_only=True)
    scores = ScoreSerializer(many=True, required=False)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "version",
            "created_at",
            "made_by",
            "what_matters",
            "own_goals",
            "strengths",
            "manages_self",
            "relatives_view",
            "handler_assessment",
            "reablement_potential",
            "weight_kg",
            "nutrition_tool",
            "nutrition_score",
            "fall_risk_tool",
            "fall_risk_score",
            "scores",
        ]
        read_only_fields = ["version", "created_at"]


def _scores(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Item codes and level values of the installation's scale, checked."""
    scale = selectors.installation_scale()
    items = {i.code: i for i in scale.items.all()} if scale else {}
    levels = {lv.value: lv for lv in scale.levels.all()} if scale else {}
    scores = []
    for entry in raw:
        code, value = entry["item"]["code"], (entry.get("level") or {}).get("value")
        if code not in items or (value is not None and value not in levels):
            raise serializers.ValidationError(
                {
                    "scores": [
                        _("Unknown item or score: %(item)s %(value)s")
                        % {"item": code, "value": value if value is not None else ""}
                    ]
                }
            )
        texts = {k: entry.get(k, "") for k in ("needs", "resources", "goals")}
        scores.append({"item": items[code], "level": levels.get(value), **texts})  # type: ignore[arg-type]
    return scores


class CaseAssessments(APIView):
    """Every version of the case's assessment; POST adds a new version."""

    @extend_schema(responses=AssessmentSerializer(many=True))
    def get(self, request: Request, public_id: str) -> Response:
        access = open_case_api(request, public_id)
        assessments = selectors.assessments_of(access.case).prefetch_related(
            "scores__item", "scores__level"
        )
        return Response(AssessmentSerializer(assessments, many=True).data)

    @extend_schema(request=AssessmentSerializer, responses={201: AssessmentSerializer})
    def post(self, request: Request, public_id: str) -> Response:
        access = open_case_api(request, public_id, log=False)
        serializer = AssessmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        scores = _scores(data.pop("scores", []))
        assessment = services.create_assessment(
            actor=Actor.from_request(request),
            access=access,
            scores=scores,
            content=services.AssessmentContent(**data),
        )
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)
