from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kasam.accounts.requests import staff_user
from kasam.audit.services import Actor, record_client_hits
from kasam.indicators import charts, selectors
from kasam.indicators.definitions import DEFINITIONS
from kasam.indicators.models import Indicator
from kasam.indicators.periods import BadPeriod, Period
from kasam.organisation.models import OrganisationUnit


class LevelForm(forms.Form):
    unit = forms.ModelChoiceField(
        queryset=OrganisationUnit.objects.none(), to_field_name="public_id", required=False
    )
    period = forms.CharField(max_length=8, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["unit"].queryset = selectors.dashboard_units()  # type: ignore[attr-defined]


def _level(request: HttpRequest) -> tuple[OrganisationUnit, Period]:
    """The unit (the municipality unless chosen) and period (the last ended month)."""
    form = LevelForm(request.GET)
    today = timezone.localdate()
    unit = form.cleaned_data.get("unit") if form.is_valid() else None
    unit = unit or selectors.dashboard_units().filter(parent__isnull=True).first()
    if unit is None:
        raise Http404
    try:
        period = Period.parse(form.cleaned_data.get("period") or "") if form.is_valid() else None
    except BadPeriod:
        period = None
    return unit, period or selectors.last_ended_month(today)


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    unit, period = _level(request)
    rows = selectors.dashboard(unit, period, today=timezone.localdate())
    context = {
        "unit": unit,
        "period": period,
        "rows": rows,
        "units": selectors.dashboard_units(),
        "query": f"unit={unit.public_id}&period={period.code}",
    }
    return render(request, "indicators/dashboard.html", context)


@require_GET
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    found = get_object_or_404(Indicator, code=code, active=True)
    unit, period = _level(request)
    today = timezone.localdate()
    rows = selectors.dashboard(unit, period, today=today)
    row = next(r for r in rows if r.indicator == found)
    compared = selectors.comparison(found, unit, period, today=today)
    bar_points = [charts.Point(u.name, v.value, v.colour) for u, v in compared]
    context = {
        "indicator": found,
        "definition": DEFINITIONS.get(found.code),
        "unit": unit,
        "period": period,
        "row": row,
        "trend": charts.trend(row.points, target=row.value.target, title=found.name),
        "compared": compared,
        "bars": charts.bars(bar_points, target=row.value.target, title=f"{found.name} {period}"),
        "others": selectors.other_municipalities(found, period),
        "units": selectors.dashboard_units(),
        "query": f"unit={unit.public_id}&period={period.code}",
    }
    return render(request, "indicators/indicator.html", context)


@require_GET
def records(request: HttpRequest, code: str) -> HttpResponse:
    """The clients behind a number: only those the user may see, each read logged."""
    found = get_object_or_404(Indicator, code=code, active=True)
    unit, period = _level(request)
    user = staff_user(request)
    behind = selectors.records_behind(user, found, unit, period, today=timezone.localdate())
    record_client_hits(actor=Actor.from_request(request), clients=[r.client for r in behind.shown])
    context = {"indicator": found, "unit": unit, "period": period, "records": behind}
    return render(request, "indicators/records.html", context)
