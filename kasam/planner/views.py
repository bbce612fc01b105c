"""The planning board: a unit's day as a timeline per staff member (current plan or the
optimiser's), the plans' figures side by side, unplanned visits with their reasons; run the
optimiser, move or lock a visit (a form, not drag-only), publish. For unit managers."""

from __future__ import annotations

import datetime
import uuid
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kasam.access.selectors import managed_units
from kasam.access.services import record_client_hits
from kasam.accounts.requests import staff_user
from kasam.audit.services import Actor
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused
from kasam.core.forms import set_queryset
from kasam.core.views import refuse
from kasam.organisation.models import OrganisationUnit
from kasam.planner import selectors, services, timeline
from kasam.planner.figures import figures
from kasam.planner.models import PlanRun
from kasam.visits.selectors import visit_for


class DayForm(forms.Form):
    unit = forms.ModelChoiceField(
        queryset=OrganisationUnit.objects.none(), to_field_name="public_id"
    )
    day = forms.DateField(required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "unit", units)


class MoveForm(forms.Form):
    staff = forms.UUIDField(required=False)
    start = forms.TimeField(required=False)
    locked = forms.BooleanField(required=False)
    version = forms.IntegerField(min_value=1)


def _day(request: HttpRequest, data: Any) -> tuple[OrganisationUnit, datetime.date] | None:
    """The unit (one the user manages) and day asked for; the first unit today if none."""
    units = managed_units(staff_user(request))
    if not units.exists():
        return None
    form = DayForm(data, units=units)
    if form.is_valid():
        return form.cleaned_data["unit"], form.cleaned_data["day"] or timezone.localdate()
    first = units.order_by("path").first()
    assert first is not None
    return first, timezone.localdate()


def _query(unit: OrganisationUnit, day: datetime.date) -> dict[str, str]:
    return {"unit": str(unit.public_id), "day": day.isoformat()}


def _board_url(unit: OrganisationUnit, day: datetime.date) -> str:
    return f"{reverse('planner:board')}?{urlencode(_query(unit, day))}"


@require_GET
def board(request: HttpRequest) -> HttpResponse:
    found = _day(request, request.GET or None)
    if found is None:
        return render(request, "planner/board.html", {"managed": False})
    unit, day = found
    try:
        today = selectors.build_day(unit, day)
    except Refused as error:
        return render(request, "planner/board.html", _frame(request, unit, day, error.message))
    run = selectors.runs_for(unit, day).first()
    current = selectors.current_plan(today)
    proposed = _proposed(run)
    show = "current" if request.GET.get("show") == "current" or proposed is None else "proposed"
    record_client_hits(
        actor=Actor.from_request(request), clients=[v.client for v in today.visits.values()]
    )
    frame = _frame(request, unit, day)
    context = frame | {
        "run": run,
        "show": show,
        "rows": timeline.rows(today, proposed if show == "proposed" else current),
        "hours": timeline.HOURS,
        "now_figures": figures(today, current),
        "unplanned": timeline.unplanned(today, proposed or current),
        "week": selectors.week(unit, frame["days"]),
        "statuses": dict(PlanRun.Status.choices),
        "visits": sorted(
            today.visits.values(), key=lambda v: (v.window_start is None, v.window_start)
        ),
        "staff": list(today.staff.values()),
    }
    return render(request, "planner/board.html", context)


def _frame(
    request: HttpRequest, unit: OrganisationUnit, day: datetime.date, problem: str = ""
) -> dict[str, Any]:
    units = managed_units(staff_user(request))
    return {
        "managed": True,
        "form": DayForm({"unit": unit.public_id, "day": day}, units=units),
        "unit": unit,
        "day": day,
        "problem": problem,
        "days": [day + datetime.timedelta(days=n) for n in range(-1, 6)],
        "max_seconds": settings.KASAM_PLANNER_MAX_SECONDS,
    }


def _proposed(run: PlanRun | None) -> Any:
    if run is None or run.status not in (PlanRun.Status.DONE, PlanRun.Status.PUBLISHED):
        return None
    return timeline.plan_of(run)


def _managed_run(request: HttpRequest, public_id: uuid.UUID) -> PlanRun:
    run = PlanRun.objects.select_related("unit").filter(public_id=public_id).first()
    if run is None or not managed_units(staff_user(request)).filter(pk=run.unit_id).exists():
        raise Http404
    return run


@require_POST
def start(request: HttpRequest) -> HttpResponse:
    found = _day(request, request.POST)
    if found is None:
        raise Http404
    unit, day = found
    try:
        seconds = int(request.POST.get("seconds", "10"))
    except ValueError:
        seconds = 0
    try:
        services.start_run(user=staff_user(request), unit=unit, day=day, seconds_to_plan=seconds)
    except Refused as error:
        return refuse(request, error, "planner:board", _query(unit, day))
    return redirect(_board_url(unit, day))


@require_GET
def run_status(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The run's progress, polled by htmx while it plans."""
    run = _managed_run(request, public_id)
    response = render(request, "planner/partials/run.html", {"run": run})
    if request.headers.get("HX-Request") and run.status not in services.LIVE:
        response["HX-Refresh"] = "true"  # the plan is ready (or not): show the whole board
    return response


@require_POST
def cancel(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    run = _managed_run(request, public_id)
    try:
        services.cancel_run(user=staff_user(request), run=run)
    except Refused as error:
        return refuse(request, error, "planner:board", _query(run.unit, run.day))
    return redirect(_board_url(run.unit, run.day))


@require_POST
def publish(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    run = _managed_run(request, public_id)
    try:
        changed = services.publish(actor=Actor.from_request(request), run=run)
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The plan is published: %(n)s visits changed.") % {"n": changed}
        )
    return redirect(_board_url(run.unit, run.day))


@require_POST
def move(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Move a visit to a staff member on shift and a start, and lock it there if asked."""
    user = staff_user(request)
    visit, access = visit_for(user, public_id)
    units = managed_units(user)
    if not units.filter(pk=visit.unit_id).exists():
        raise Http404
    form = MoveForm(request.POST)
    unit = units.get(pk=visit.unit_id)
    if not form.is_valid():
        problem = _("Give the start as HH:MM and choose a staff member.")
        return refuse(request, problem, "planner:board", _query(unit, visit.day))
    chosen = form.cleaned_data["staff"]
    on_shift = selectors.staff_on_shift(units, visit.day)
    staff = on_shift.filter(public_id=chosen).first() if chosen else None
    if chosen and staff is None:
        problem = _("The staff member chosen has no shift in the unit that day.")
        return refuse(request, problem, "planner:board", _query(unit, visit.day))
    try:
        services.move_visit(
            actor=Actor.from_request(request),
            access=access,
            visit=visit,
            staff=staff,
            start=form.cleaned_data["start"],
            locked=form.cleaned_data["locked"],
            version=form.cleaned_data["version"],
        )
    except (Refused, StaleEdit) as error:
        return refuse(request, error, "planner:board", _query(unit, visit.day))
    messages.success(request, _("The visit is moved."))
    return redirect(_board_url(unit, visit.day))
