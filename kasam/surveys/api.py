"""Surveys under /api/v1/: definitions and aggregated results only, never single answers."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.surveys import selectors
from kasam.surveys.models import Question, Survey


class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ["order", "text_nb", "text_sv", "text_en", "type", "choices", "dimension"]


class SurveySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Survey
        fields = ["id", "title", "kind", "year", "status", "questions"]


class CellSerializer(serializers.Serializer):
    name = serializers.CharField(source="label")
    respondents = serializers.IntegerField(allow_null=True)
    satisfied = serializers.FloatField(allow_null=True)
    last_year = serializers.FloatField(allow_null=True)
    hidden = serializers.BooleanField(help_text="too few answers: nothing is shown")
    shares = serializers.DictField(child=serializers.FloatField(allow_null=True))


class ResultsSerializer(serializers.Serializer):
    municipality = CellSerializer()
    units = CellSerializer(many=True)


class SurveyList(APIView):
    @extend_schema(responses=SurveySerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(SurveySerializer(selectors.surveys(), many=True).data)


class SurveyResults(APIView):
    """Aggregated results of a closed survey, with small groups hidden."""

    @extend_schema(responses=ResultsSerializer)
    def get(self, request: Request, public_id: str) -> Response:
        survey = get_object_or_404(Survey, public_id=public_id)
        total, cells, _questions = selectors.results(survey)
        for cell in [total, *cells]:
            if cell.hidden:
                cell.respondents = None  # type: ignore[assignment]
        return Response(ResultsSerializer({"municipality": total, "units": cells}).data)
