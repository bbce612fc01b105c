"""Improvement work pages and the deviation statistics."""

from __future__ import annotations

import datetime
import uuid

from django.contrib import messages
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.access.selectors import managed_units
from kasam.accounts.requests import staff_user
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused
from kasam.core.forms import status_for
from kasam.core.views import refuse
from kasam.indicators import charts
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import keeps_strategy
from kasam.quality import improvement, selectors
from kasam.quality.forms import (
    ImprovementActionForm,
    ImprovementForm,
    MeasurementForm,
    PhaseForm,
)
from kasam.quality.models import Deviation, Improvement

Phase = Improvement.Phase


def _units(request: HttpRequest) -> object:
    user = staff_user(request)
    units = OrganisationUnit.objects.all() if keeps_strategy(user) else managed_units(user)
    return units.filter(archived_at__isnull=True).order_by("name")


@require_http_methods(["GET", "POST"])
def improvement_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    deviations = selectors.deviations_visible_to(user).order_by("-occurred_at")[:100]
    form = ImprovementForm(
        request.POST or None,
        units=_units(request),
        deviations=selectors.deviations_visible_to(user).filter(pk__in=[d.pk for d in deviations]),
    )
    if form.is_bound and form.is_valid():
        try:
            work = improvement.start(user=user, **form.cleaned_data)
        except Refused as error:
            form.add_error(None, error.message)
        else:
            return redirect("quality:improvement", public_id=work.public_id)
    context = {"works": improvement.improvements_visible_to(user), "form": form}
    return render(request, "quality/improvements.html", context, status=status_for(form))


def _work(request: HttpRequest, public_id: uuid.UUID) -> Improvement:
    found = improvement.improvements_visible_to(staff_user(request)).filter(public_id=public_id)
    work = found.first()
    if work is None:
        raise Http404
    return work


def _targets(work: Improvement) -> list[tuple[str, str]]:
    if work.phase == Phase.ACT:
        return [(str(p), str(Phase(p).label)) for p in improvement.AFTER_ACT]
    following = improvement.NEXT.get(Phase(work.phase))
    return [(str(following), str(following.label))] if following else []


@require_GET
def improvement_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    work = _work(request, public_id)
    points = [charts.Point(f"{m.measured_on:%d.%m}", m.value) for m in work.measurements.all()]
    initial = {"version": work.version, "text": getattr(work, work.phase, "")}
    context = {
        "work": work,
        "phase_form": PhaseForm(initial=initial, targets=_targets(work))
        if work.phase != Phase.DONE
        else None,
        "measurement_form": MeasurementForm(initial={"measured_on": timezone.localdate()}),
        "action_form": ImprovementActionForm(),
        "actions": work.actions.select_related("owner"),
        "chart": charts.trend(points, target=None, title=work.title),
        "deviations": work.deviations.select_related("unit"),
    }
    return render(request, "quality/improvement.html", context)


@require_POST
def advance(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    work = _work(request, public_id)
    form = PhaseForm(request.POST, targets=_targets(work))
    if not form.is_valid():
        return refuse(request, form, "quality:improvement", public_id=public_id)
    try:
        improvement.advance(
            user=staff_user(request),
            work=work,
            target=form.cleaned_data["target"],
            expected_version=form.cleaned_data["version"],
            **{work.phase: form.cleaned_data["text"]},
        )
    except (Refused, StaleEdit) as error:
        return refuse(request, error, "quality:improvement", public_id=public_id)
    return redirect("quality:improvement", public_id=public_id)


@require_POST
def add_measurement(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    work = _work(request, public_id)
    form = MeasurementForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "quality:improvement", public_id=public_id)
    try:
        improvement.measure(user=staff_user(request), work=work, **form.cleaned_data)
    except Refused as error:
        return refuse(request, error, "quality:improvement", public_id=public_id)
    messages.success(request, _("The measurement is saved."))
    return redirect("quality:improvement", public_id=public_id)


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    """Deviations the user may see, counted by category, unit, consequence and month."""
    since = timezone.now() - datetime.timedelta(days=365)
    found = selectors.deviations_visible_to(staff_user(request)).filter(occurred_at__gte=since)
    found = found.exclude(status=Deviation.Status.REJECTED)
    context = {
        "by_category": _counted(found, "category", dict(Deviation.Category.choices)),
        "by_severity": _counted(found, "severity", dict(Deviation.Severity.choices)),
        "by_unit": [
            (row["unit__name"], row["n"])
            for row in found.values("unit__name").annotate(n=Count("pk")).order_by("-n")
        ],
        "by_month": [
            (row["month"], row["n"])
            for row in found.annotate(month=TruncMonth("occurred_at"))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        ],
        "total": found.count(),
    }
    return render(request, "quality/statistics.html", context)


def _counted(found: object, field: str, labels: dict) -> list[tuple[str, int]]:
    rows = found.values(field).annotate(n=Count("pk")).order_by("-n")  # type: ignore[attr-defined]
    return [(str(labels.get(row[field], row[field])), row["n"]) for row in rows]


@require_POST
def add_action(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    work = _work(request, public_id)
    form = ImprovementActionForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "quality:improvement", public_id=public_id)
    try:
        improvement.add_action(user=staff_user(request), work=work, **form.cleaned_data)
    except Refused as error:
        return refuse(request, error, "quality:improvement", public_id=public_id)
    messages.success(request, _("The action is added."))
    return redirect("quality:improvement", public_id=public_id)


@require_POST
def finish_action(request: HttpRequest, public_id: uuid.UUID, action_id: uuid.UUID) -> HttpResponse:
    work = _work(request, public_id)
    action = work.actions.filter(public_id=action_id).first()
    if action is None:
        raise Http404
    try:
        improvement.finish_action(
            user=staff_user(request), action=action, done_on=timezone.localdate()
        )
    except Refused as error:
        return refuse(request, error, "quality:improvement", public_id=public_id)
    return redirect("quality:improvement", public_id=public_id)
