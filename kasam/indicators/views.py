from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.access.selectors import manages_municipality
from kasam.access.services import record_client_hits
from kasam.accounts.requests import staff_user
from kasam.audit.services import Actor
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused
from kasam.core.forms import status_for
from kasam.core.views import confirmed, paged, refuse
from kasam.indicators import charts, exports, imports, selectors, services
from kasam.indicators.definitions import DEFINITIONS
from kasam.indicators.models import ImportRun, Indicator
from kasam.indicators.periods import BadPeriod, Period, picker
from kasam.jobs.views import file_or_job
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import keeps_strategy


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
        "period_choices": picker(period, timezone.localdate()),
        "query": f"unit={unit.public_id}&period={period.code}",
        "can_import": keeps_strategy(staff_user(request)),
        "can_report": manages_municipality(staff_user(request)),
        "closable": keeps_strategy(staff_user(request)) and selectors.closable(period),
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
    by_gender, by_age = selectors.breakdown(found, unit, period, today=today)
    context = {
        "indicator": found,
        "definition": DEFINITIONS.get(found.code),
        "unit": unit,
        "period": period,
        "row": row,
        "trend": charts.trend(row.points, target=row.value.target, title=found.name),
        "compared": compared,
        "bars": charts.bars(
            bar_points, target=row.value.target, title=f"{found.name}, {period.label}"
        ),
        "others": selectors.other_municipalities(found, period),
        "by_gender": by_gender,
        "by_age": by_age,
        "units": selectors.dashboard_units(),
        "period_choices": picker(period, today),
        "query": f"unit={unit.public_id}&period={period.code}",
        "value_form": ValueForm(initial={"unit": unit.public_id, "period": period.code})
        if found.source == Indicator.Source.MANUAL
        else None,
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


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"))


class ConfirmForm(forms.Form):
    text = forms.CharField(widget=forms.HiddenInput, max_length=imports.MAX_BYTES)
    filename = forms.CharField(widget=forms.HiddenInput, max_length=200)
    only_valid = forms.BooleanField(required=False, widget=forms.HiddenInput)


@require_http_methods(["GET", "POST"])
def import_values(request: HttpRequest) -> HttpResponse:
    """Upload → preview with every problem by line → import (all, or only valid lines)."""
    if not keeps_strategy(staff_user(request)):
        raise Http404
    if "text" in request.POST:
        return _confirm(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    found = ImportRun.objects.select_related("imported_by").order_by("-created_at", "-pk")
    runs, pager_query = paged(request, found, 10)
    context: dict[str, object] = {"form": form, "page": runs, "pager_query": pager_query}
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read(imports.MAX_BYTES + 1).decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text."))
        else:
            context["preview"] = imports.preview(text)
            context["confirm"] = ConfirmForm(initial={"text": text, "filename": upload.name})
    return render(request, "indicators/import.html", context, status=status_for(form))


def _confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "indicators:import")
    try:
        run = imports.import_values(user=staff_user(request), **form.cleaned_data)
    except Refused as error:
        return refuse(request, error, "indicators:import")
    messages.success(
        request,
        _("%(n)s values imported, %(skipped)s lines left out.")
        % {"n": run.imported, "skipped": run.skipped},
    )
    return redirect("indicators:import")


@require_GET
def export(request: HttpRequest, kind: str) -> HttpResponse:
    """Values of every indicator for the level and the units under it, 12 periods, in the
    import format (so municipalities can compare): CSV (open data) or Excel. What it does
    not understand (a format, a unit, a period) is refused with the reason, never guessed."""
    if kind not in ("csv", "xlsx"):
        return _unclear(request, _("Choose csv or xlsx."))
    form = LevelForm(request.GET)
    if not form.is_valid():
        return _unclear(request, _("Choose a unit on the dashboard (a team has no figures)."))
    try:
        period = Period.parse(form.cleaned_data["period"] or "")
    except BadPeriod:
        if form.cleaned_data["period"]:
            return _unclear(request, _("Write the period as 2026, 2026T1, 2026Q2 or 2026M05."))
        period = selectors.last_ended_month(timezone.localdate())
    unit = form.cleaned_data["unit"] or selectors.dashboard_units().filter(parent=None).first()
    if unit is None:
        raise Http404
    title = _("Indicators for %(unit)s, %(period)s") % {"unit": unit, "period": period.code}
    params = exports.params_of(unit, period, kind, timezone.localdate())
    return file_or_job(request, kind=exports.KIND, title=title, params=params)


def _unclear(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"message": message}, status=400)


@require_POST
def close_period(request: HttpRequest) -> HttpResponse:
    """Store every indicator's values for an ended period: they will not change again."""
    code = request.POST.get("period", "")
    try:
        label = Period.parse(code).label
    except BadPeriod:
        label = code
    asked = confirmed(
        request,
        question=_("Close %(period)s?") % {"period": label},
        consequence=_(
            "Every indicator's values for the period are stored for good: later changes in "
            "the records no longer change them. This cannot be undone."
        ),
        button=_("Close the period"),
        back=f"{reverse('indicators:dashboard')}?period={code}",
    )
    if asked is not None:
        return asked
    try:
        stored = services.close_period(user=staff_user(request), code=code)
    except Refused as error:
        return refuse(request, error, "indicators:dashboard")
    messages.success(request, _("The period is closed: %(n)s values stored.") % {"n": stored})
    return redirect(f"{reverse('indicators:dashboard')}?period={code}")


class ValueForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=OrganisationUnit.objects.none(),
        to_field_name="public_id",
    )
    period = forms.CharField(label=gettext_lazy("Period"), max_length=8, widget=forms.Select)
    value = forms.DecimalField(label=gettext_lazy("Value"), max_digits=16, decimal_places=4)
    comment = forms.CharField(label=gettext_lazy("Where the value comes from"), max_length=2000)
    replace = forms.BooleanField(
        label=gettext_lazy("Replace the value entered earlier for this unit and period"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.dashboard_units()  # type: ignore[attr-defined]
        today = timezone.localdate()
        try:
            chosen = Period.parse(str(self.initial.get("period") or self.data.get("period")))
        except BadPeriod:
            chosen = selectors.last_ended_month(today)
        widget = self.fields["period"].widget
        assert isinstance(widget, forms.Select)
        widget.choices = [
            (kind.capitalize(), [(p.code, p.label[:1].upper() + p.label[1:]) for p in periods])
            for kind, periods in picker(chosen, today)
        ]


@require_POST
def enter_value(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code, active=True)
    form = ValueForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "indicators:indicator", code=code)
    data = dict(form.cleaned_data)
    try:
        services.enter_value(
            user=staff_user(request), indicator=indicator, code=data.pop("period"), **data
        )
    except (Refused, StaleEdit) as error:
        return refuse(request, error, "indicators:indicator", code=code)
    messages.success(request, _("The value is saved."))
    return redirect("indicators:indicator", code=code)
