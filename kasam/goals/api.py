"""The goal tree under /api/v1/goals/: the plan period with its statements and goals."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.goals import selectors
from kasam.goals.models import Action, Goal, PlanPeriod, Statement
from kasam.goals.selectors import Node


class ActionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = Action
        fields = ["id", "title", "due_on", "status"]


class GoalSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    unit = serializers.CharField(source="unit.name", read_only=True)
    perspective = serializers.CharField(source="perspective.code", read_only=True)
    indicators: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    actions = ActionSerializer(many=True, read_only=True)
    children = serializers.SerializerMethodField()

    class Meta:
        model = Goal
        fields = [
            "id",
            "level",
            "perspective",
            "unit",
            "title",
            "description",
            "target_text",
            "indicators",
            "actions",
            "children",
        ]

    def get_children(self, goal: Goal) -> list[dict[str, Any]]:
        nodes: dict[int, Node] = self.context["nodes"]
        return [
            GoalSerializer(child.goal, context=self.context).data
            for child in nodes[goal.pk].children
        ]


class StatementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Statement
        fields = ["kind", "title", "text"]


class PeriodSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = PlanPeriod
        fields = ["id", "name", "starts_year", "ends_year", "closed_at"]


class TreeSerializer(serializers.Serializer):
    period = PeriodSerializer()
    statements = StatementSerializer(many=True)
    goals = serializers.ListField(child=serializers.DictField())


class TreeQuery(serializers.Serializer):
    period = serializers.UUIDField(required=False, help_text="a plan period's id")


class GoalTree(APIView):
    """The current plan period's tree (or `?period=<id>`): goals nested under their parents."""

    @extend_schema(parameters=[TreeQuery], responses=TreeSerializer)
    def get(self, request: Request) -> Response:
        query = TreeQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        chosen = query.validated_data.get("period")
        period = (
            PlanPeriod.objects.filter(public_id=chosen).first() if chosen else None
        ) or selectors.current_period()
        if period is None:
            raise Http404
        branches = selectors.tree(period)
        nodes = {node.goal.pk: node for branch in branches for node in _walk(branch.goals)}
        context = {"nodes": nodes}
        goals = [
            GoalSerializer(node.goal, context=context).data
            for branch in branches
            for node in branch.goals
        ]
        body = {"period": period, "statements": period.statements.all(), "goals": goals}
        return Response(TreeSerializer(body).data)


def _walk(nodes: list[Node]) -> list[Node]:
    found = []
    for node in nodes:
        found.append(node)
        found.extend(_walk(node.children))
    return found
