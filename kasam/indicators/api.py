"""Indicators under /api/v1/: definitions, values per unit and period, and imports."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.accounts.requests import staff_user
from kasam.indicators import imports, selectors
from kasam.indicators.compute import Computation
from kasam.indicators.models import Indicator
from kasam.indicators.periods import BadPeriod, Period
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import keeps_strategy


class IndicatorSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "source",
            "measure",
            "factor",
            "direction",
            "rollup",
            "ratio",
            "period_kind",
            "target",
            "green_from",
            "yellow_from",
            "external_code",
        ]


class ValueSerializer(serializers.Serializer):
    unit = serializers.UUIDField()
    unit_name = serializers.CharField()
    period = serializers.CharField()
    value = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    status = serializers.CharField(help_text="'..' missing, '*' preliminary, '' final")
    colour = serializers.CharField()
    target = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    reason = serializers.CharField()
    stored = serializers.BooleanField()


class IndicatorList(APIView):
    @extend_schema(responses=IndicatorSerializer(many=True))
    def get(self, request: Request) -> Response:
        found = Indicator.objects.filter(active=True)
        return Response(IndicatorSerializer(found, many=True).data)


class PeriodField(serializers.CharField):
    def to_internal_value(self, data: Any) -> Period:  # type: ignore[override]
        try:
            return Period.parse(super().to_internal_value(data)[:10])
        except BadPeriod as error:
            raise serializers.ValidationError(
                _("Unknown period: write a year, tertial, quarter or month, e.g. 2026M05.")
            ) from error


class ValuesQuery(serializers.Serializer):
    unit = serializers.UUIDField(required=False, help_text="a unit's id")
    period = PeriodField(required=False, help_text="e.g. 2026, 2026T1, 2026M05")
    count = serializers.IntegerField(
        required=False, default=12, min_value=1, max_value=48, help_text="how many periods"
    )


class IndicatorValues(APIView):
    """Values for a unit (the municipality unless given) and the units right under it, for
    `count` periods (default 12) ending with `period` (default: the last ended month)."""

    @extend_schema(parameters=[ValuesQuery], responses=ValueSerializer(many=True))
    def get(self, request: Request, code: str) -> Response:
        indicator = get_object_or_404(Indicator, code=code, active=True)
        unit, periods = self._level(request)
        units = [unit, *selectors.dashboard_units().filter(parent=unit).order_by("name")]
        values = Computation([indicator], units, periods).run()
        rows = [_row(u, p, values[(code, u.pk, p.code)]) for u in units for p in periods]
        return Response(ValueSerializer(rows, many=True).data)

    def _level(self, request: Request) -> tuple[OrganisationUnit, list[Period]]:
        query = ValuesQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        units = selectors.dashboard_units()
        chosen = query.validated_data.get("unit")
        unit = units.filter(public_id=chosen).first() if chosen else units.first()
        if unit is None:
            raise Http404
        period = query.validated_data.get("period") or selectors.last_ended_month(
            timezone.localdate()
        )
        return unit, period.last(query.validated_data["count"])


def _row(unit: OrganisationUnit, period: Period, found: Any) -> dict[str, Any]:
    return {
        "unit": unit.public_id,
        "unit_name": unit.name,
        "period": period.code,
        "value": found.value,
        "numerator": found.numerator,
        "denominator": found.denominator,
        "status": found.status,
        "colour": found.colour,
        "target": found.target,
        "reason": str(found.reason),
        "stored": found.stored,
    }


class ImportSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=imports.MAX_BYTES, trim_whitespace=False)
    filename = serializers.CharField(max_length=200, default="api.csv")
    only_valid = serializers.BooleanField(default=False)
    preview_only = serializers.BooleanField(default=False)


class ImportLineSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    problems = serializers.ListField(child=serializers.CharField())


class ImportResultSerializer(serializers.Serializer):
    problems = serializers.ListField(child=serializers.CharField())
    lines = ImportLineSerializer(many=True)
    imported = serializers.IntegerField(allow_null=True)
    skipped = serializers.IntegerField(allow_null=True)


class ImportValues(APIView):
    """Preview (every problem by line) and import a CSV file of values; the quality lead's."""

    @extend_schema(request=ImportSerializer, responses=ImportResultSerializer)
    def post(self, request: Request) -> Response:
        user = staff_user(request)
        if not keeps_strategy(user):
            raise Http404
        serializer = ImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        checked = imports.preview(data["text"])
        body: dict[str, Any] = {
            "problems": checked.problems,
            "lines": [
                {"number": line.number, "problems": line.problems}
                for line in checked.lines
                if line.problems
            ],
            "imported": None,
            "skipped": None,
        }
        if not data.pop("preview_only"):
            run = imports.import_values(user=user, **data)
            body |= {"imported": run.imported, "skipped": run.skipped}
        return Response(ImportResultSerializer(body).data)
