"""FHIR views of what is not a person's record: staff (Practitioner, PractitionerRole) and
indicator values (MeasureReport)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.response import Response

from kasam.accounts.models import User
from kasam.indicators.compute import Computation
from kasam.indicators.models import Indicator
from kasam.indicators.selectors import dashboard_units, last_ended_month
from kasam.interop import records, resources, search, staff
from kasam.interop.views import FhirView, search_links
from kasam.organisation.models import Membership


class MeasureReportSearch(FhirView):
    """Indicator values per unit and period, as on the dashboard (suppressed where it
    suppresses)."""

    def get(self, request: Request) -> Response:
        query = search.MeasureQuery.parse(request.query_params)
        units = dashboard_units()
        unit = get_object_or_404(units, public_id=query.subject) if query.subject else None
        unit = unit or get_object_or_404(units.filter(parent=None)[:1])
        period = query.period or last_ended_month(timezone.localdate())
        indicators = Indicator.objects.filter(active=True).order_by("code")
        if query.measure:
            indicators = indicators.filter(code=query.measure)
        total = indicators.count()
        chosen = list(indicators[query.offset : query.offset + query.count])
        values = Computation(chosen, [unit], [period]).run()
        entries = [
            records.measure_report(i, unit, period, values[(i.code, unit.pk, period.code)])
            for i in chosen
        ]
        base = resources.base_url(request)
        more = query.offset + len(chosen) < total
        links = search_links(
            base, "MeasureReport", query.params(period), more, query.params(period, next_page=True)
        )
        return Response(resources.searchset(base, entries, total, links))


class MeasureReportOpenData(FhirView):
    """The open-data export (what the CSV holds: every indicator for the unit and the units
    right under it, 12 periods) as a collection Bundle of MeasureReports."""

    def get(self, request: Request) -> Response:
        query = search.MeasureQuery.parse(request.query_params)
        units = dashboard_units()
        unit = get_object_or_404(units, public_id=query.subject) if query.subject else None
        unit = unit or get_object_or_404(units.filter(parent=None)[:1])
        period = query.period or last_ended_month(timezone.localdate())
        indicators = list(Indicator.objects.filter(active=True).order_by("code"))
        every = [unit, *units.filter(parent=unit).order_by("name")]
        periods = period.last(12)
        values = Computation(indicators, every, periods).run()
        reports = [
            records.measure_report(i, u, p, values[(i.code, u.pk, p.code)])
            for i in indicators
            for u in every
            for p in periods
        ]
        answer = Response(resources.collection(reports))
        filename = f"indicators-{period.code}.fhir.json"
        answer["Content-Disposition"] = f'attachment; filename="{filename}"'
        return answer


def _staff() -> QuerySet[User]:
    return User.objects.filter(memberships__isnull=False).distinct().prefetch_related("skills")


def _practitioner(user: User) -> dict[str, Any]:
    return staff.practitioner(user, [skill.get_code_display() for skill in user.skills.all()])


class PractitionerRead(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        user = get_object_or_404(_staff(), public_id=search.uuid_or_404(public_id))
        return Response(_practitioner(user))


class PractitionerSearch(FhirView):
    def get(self, request: Request) -> Response:
        query = search.StaffQuery.parse(request.query_params, {"name"})
        found = _staff().order_by("last_name", "first_name", "pk")
        for word in query.name.split():
            found = found.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        people, total = query.page(found)
        base = resources.base_url(request)
        more = query.offset + len(people) < total
        links = search_links(
            base, "Practitioner", query.params(), more, query.params(next_page=True)
        )
        entries = [_practitioner(person) for person in people]
        return Response(resources.searchset(base, entries, total, links))


def _roles() -> QuerySet[Membership]:
    return Membership.objects.select_related("user", "unit")


class PractitionerRoleRead(FhirView):
    def get(self, request: Request, public_id: str) -> Response:
        membership = get_object_or_404(_roles(), public_id=search.uuid_or_404(public_id))
        return Response(staff.practitioner_role(membership))


class PractitionerRoleSearch(FhirView):
    def get(self, request: Request) -> Response:
        query = search.StaffQuery.parse(request.query_params, {"practitioner", "organization"})
        found = _roles().order_by("unit__name", "user__last_name", "pk")
        if query.practitioner:
            found = found.filter(user__public_id=query.practitioner)
        if query.organization:
            found = found.filter(unit__public_id=query.organization)
        roles, total = query.page(found)
        base = resources.base_url(request)
        more = query.offset + len(roles) < total
        links = search_links(
            base, "PractitionerRole", query.params(), more, query.params(next_page=True)
        )
        entries = [staff.practitioner_role(role) for role in roles]
        return Response(resources.searchset(base, entries, total, links))
