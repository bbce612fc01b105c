"""The planner through the API, for unit managers and the rota system: a unit's shifts for a
day (read, and replaced as a whole by an import), staff competences (read, and replaced per
person), coordinates of its clients, offices and staff homes (from geocoding), planning runs
(start, read, publish)."""

from __future__ import annotations

import datetime
import uuid

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.access.selectors import managed_units
from kasam.accounts.requests import staff_user
from kasam.audit.services import Actor
from kasam.core.serializer_fields import ClockTime, Day
from kasam.organisation.models import OrganisationUnit
from kasam.planner import services
from kasam.planner.models import PlanRun, Shift, Skill


class DayQuery(serializers.Serializer):
    unit = serializers.UUIDField()
    day = Day()


class ShiftSerializer(serializers.Serializer):
    staff = serializers.UUIDField()
    starts = ClockTime()
    ends = ClockTime()
    start_place = serializers.ChoiceField(choices=Shift.Place.choices, default=Shift.Place.OFFICE)
    end_place = serializers.ChoiceField(choices=Shift.Place.choices, default=Shift.Place.OFFICE)
    mode = serializers.ChoiceField(choices=Shift.Mode.choices, default=Shift.Mode.CAR)
    break_from = ClockTime(required=False, allow_null=True, default=None)
    break_until = ClockTime(required=False, allow_null=True, default=None)
    break_minutes = serializers.IntegerField(min_value=0, max_value=120, default=0)


class ShiftsSerializer(DayQuery):
    shifts = serializers.ListField(child=ShiftSerializer(), max_length=500)


class UnitQuery(serializers.Serializer):
    unit = serializers.UUIDField()


class StaffSkills(serializers.Serializer):
    staff = serializers.UUIDField()
    name = serializers.CharField(read_only=True)
    skills = serializers.ListField(child=serializers.CharField(max_length=10), max_length=10)


class SkillsSerializer(UnitQuery):
    staff = serializers.ListField(child=StaffSkills(), max_length=500)


class PlaceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=list(services.PLACE_KINDS))
    id = serializers.UUIDField()
    latitude = serializers.FloatField(min_value=-90, max_value=90)
    longitude = serializers.FloatField(min_value=-180, max_value=180)


class PlacesSerializer(UnitQuery):
    places = serializers.ListField(child=PlaceSerializer(), max_length=5000)


class RunStart(DayQuery):
    seconds = serializers.IntegerField(min_value=1, max_value=600, default=30)


class RunSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    unit = serializers.UUIDField(source="unit.public_id", read_only=True)
    figures = serializers.SerializerMethodField()
    unplanned = serializers.SerializerMethodField()
    routes = serializers.SerializerMethodField()

    class Meta:
        model = PlanRun
        fields = ["id", "unit", "day", "status", "progress", "seconds", "seed", "message"]
        fields += ["figures", "unplanned", "routes", "published_at"]

    def get_figures(self, run: PlanRun) -> dict:
        return run.result.get("figures", {})

    def get_unplanned(self, run: PlanRun) -> dict[str, str]:
        """Visit id → reason code."""
        return run.result.get("unplanned", {})

    def get_routes(self, run: PlanRun) -> dict[str, list]:
        """Staff id → the day's stops in order (visit id, part, start and end in seconds)."""
        return run.result.get("routes", {})


def _unit(request: Request, public_id: uuid.UUID) -> OrganisationUnit:
    unit = managed_units(staff_user(request)).filter(public_id=public_id).first()
    if unit is None:
        raise Http404
    return unit


def _run(request: Request, run_id: str) -> PlanRun:
    units = managed_units(staff_user(request))
    run = PlanRun.objects.filter(public_id=run_id, unit__in=units).select_related("unit").first()
    if run is None:
        raise Http404
    return run


class Shifts(APIView):
    """A unit's shifts of a day: read them, or replace them all (a rota import)."""

    @extend_schema(parameters=[DayQuery], responses=ShiftSerializer(many=True))
    def get(self, request: Request) -> Response:
        query = DayQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        unit = _unit(request, query.validated_data["unit"])
        shifts = Shift.objects.filter(unit=unit, day=query.validated_data["day"])
        rows = [_row(shift) for shift in shifts.select_related("user")]
        return Response(ShiftSerializer(rows, many=True).data)

    @extend_schema(request=ShiftsSerializer, responses=ShiftSerializer(many=True))
    def put(self, request: Request) -> Response:
        body = ShiftsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        unit = _unit(request, body.validated_data["unit"])
        day: datetime.date = body.validated_data["day"]
        saved = services.replace_shifts(
            actor=Actor.from_request(request),
            unit=unit,
            day=day,
            rows=body.validated_data["shifts"],
        )
        return Response(ShiftSerializer([_row(s) for s in saved], many=True).data)


def _row(shift: Shift) -> dict:
    fields = ["starts", "ends", "start_place", "end_place", "mode", "break_from", "break_until"]
    return {"staff": shift.user.public_id, "break_minutes": shift.break_minutes} | {
        name: getattr(shift, name) for name in fields
    }


class Skills(APIView):
    """The competences of a unit's staff (nurse, delegated to give medicines, hoist): read
    them, or replace those of the staff listed (from a competence register)."""

    @extend_schema(parameters=[UnitQuery], responses=StaffSkills(many=True))
    def get(self, request: Request) -> Response:
        query = UnitQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        staff = services.unit_staff(_unit(request, query.validated_data["unit"]))
        return Response(StaffSkills(_skill_rows(list(staff.values())), many=True).data)

    @extend_schema(request=SkillsSerializer, responses=StaffSkills(many=True))
    def put(self, request: Request) -> Response:
        body = SkillsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        unit = _unit(request, body.validated_data["unit"])
        services.replace_skills(unit=unit, rows=body.validated_data["staff"])
        staff = services.unit_staff(unit)
        listed = [staff[str(row["staff"])] for row in body.validated_data["staff"]]
        return Response(StaffSkills(_skill_rows(listed), many=True).data)


def _skill_rows(staff: list) -> list[dict]:
    codes: dict[int, list[str]] = {person.pk: [] for person in staff}
    for user_id, code in Skill.objects.filter(user__in=staff).values_list("user_id", "code"):
        codes[user_id].append(code)
    return [
        {"staff": p.public_id, "name": p.display_name, "skills": sorted(codes[p.pk])} for p in staff
    ]


class Places(APIView):
    """Coordinates from the installation's geocoding, for a unit a manager runs: its clients
    (by the address they were found for), its offices and its staff's homes."""

    @extend_schema(request=PlacesSerializer, responses=PlacesSerializer)
    def put(self, request: Request) -> Response:
        body = PlacesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        unit = _unit(request, body.validated_data["unit"])
        rows = body.validated_data["places"]
        services.place_for_unit(actor=Actor.from_request(request), unit=unit, rows=rows)
        return Response(PlacesSerializer({"unit": unit.public_id, "places": rows}).data)


class Runs(APIView):
    @extend_schema(request=RunStart, responses={202: RunSerializer})
    def post(self, request: Request) -> Response:
        body = RunStart(data=request.data)
        body.is_valid(raise_exception=True)
        unit = _unit(request, body.validated_data["unit"])
        run = services.start_run(
            user=staff_user(request),
            unit=unit,
            day=body.validated_data["day"],
            seconds_to_plan=body.validated_data["seconds"],
        )
        return Response(RunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class RunDetail(APIView):
    @extend_schema(responses=RunSerializer)
    def get(self, request: Request, run_id: str) -> Response:
        return Response(RunSerializer(_run(request, run_id)).data)


class RunPublish(APIView):
    @extend_schema(request=None, responses=RunSerializer)
    def post(self, request: Request, run_id: str) -> Response:
        run = _run(request, run_id)
        services.publish(actor=Actor.from_request(request), run=run)
        run.refresh_from_db()
        return Response(RunSerializer(run).data)
