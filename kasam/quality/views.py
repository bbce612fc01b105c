from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.access.selectors import ClientAccess, get_client_for
from kasam.accounts.requests import staff_user
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused
from kasam.core.forms import status_for
from kasam.core.offline import keep_on_phone
from kasam.core.views import confirmed, paged, refuse
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import units_of
from kasam.quality import selectors, services, workflow
from kasam.quality.forms import (
    DeviationFilterForm,
    MeasureDoneForm,
    MeasureForm,
    MoveForm,
    ReportForm,
)
from kasam.quality.models import Deviation
from kasam.visits.selectors import kept_on_phone, visit_for

DEVIATIONS_PER_PAGE = 25


def _context_of(request: HttpRequest) -> tuple[ClientAccess | None, Any]:
    """The client (and visit) the report starts from, if the user may see them. Showing the
    form names the client, so a GET is a logged read (the report itself is logged when
    stored)."""
    user = staff_user(request)
    visit_id, client_id = request.GET.get("visit"), request.GET.get("client")
    access, visit = None, None
    if visit_id:
        visit, access = visit_for(user, visit_id)
    elif client_id:
        access = get_client_for(user, client_id)
    if access is not None and request.method == "GET":
        actor = Actor.from_request(request)
        record_access(actor=actor, access=access, action=AuditEvent.Action.READ, target=visit)
    return access, visit


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """Report a deviation in under a minute, from any page or a client's or visit's page."""
    try:
        access, visit = _context_of(request)
    except (ValueError, ValidationError) as error:
        raise Http404 from error
    units = OrganisationUnit.objects.filter(archived_at__isnull=True).order_by("name")
    initial = {"occurred_at": timezone.localtime(), "unit": _unit_of(request, visit)}
    form = ReportForm(request.POST or None, units=units, initial=initial)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            deviation = services.report_deviation(
                actor=Actor.from_request(request), access=access, visit=visit, **data
            )
        except Refused as error:
            form.add_error("occurred_at", error.message)
        else:
            messages.success(
                request, _("Thank you: the deviation is reported to the unit's manager.")
            )
            return redirect("quality:deviation", public_id=deviation.public_id)
    context = {"form": form, "client": access.client if access else None, "visit": visit}
    response = render(request, "quality/report.html", context, status=status_for(form))
    if request.method == "GET" and visit is not None and kept_on_phone(staff_user(request), visit):
        keep_on_phone(response)  # reported from a visit of today: works without a signal
    return response


def _unit_of(request: HttpRequest, visit: Any) -> uuid.UUID | None:
    """Where it most likely happened: the visit's unit, else the reporter's own unit."""
    if visit is not None:
        return visit.unit.public_id
    mine = units_of(staff_user(request)).first()
    return mine.public_id if mine else None


@require_GET
def deviation_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    units = OrganisationUnit.objects.filter(
        pk__in=selectors.deviations_visible_to(user).values("unit")
    ).order_by("name")
    form = DeviationFilterForm(request.GET, units=units)
    wanted = form.cleaned_data if form.is_valid() else {}
    unit = wanted.get("unit")
    found = selectors.browse(
        user,
        text=wanted.get("q", "").strip(),
        state=wanted.get("state", ""),
        category=wanted.get("category", ""),
        unit=unit.pk if unit else None,
    )
    page, pager_query = paged(request, found, DEVIATIONS_PER_PAGE)
    context = {
        "to_handle": selectors.to_handle(user)[:100],
        "measures": selectors.measures_to_do(user)[:50],
        "form": form,
        "filtered": bool(pager_query),
        "page": page,
        "pager_query": pager_query,
    }
    return render(request, "quality/list.html", context)


def _deviation(request: HttpRequest, public_id: uuid.UUID) -> Deviation:
    found = selectors.deviations_visible_to(staff_user(request)).filter(public_id=public_id).first()
    if found is None:
        raise Http404
    return found


@require_GET
def deviation_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    deviation = _deviation(request, public_id)
    user = staff_user(request)
    show_client = selectors.client_shown_to(user, deviation)
    if show_client:
        assert deviation.client is not None
        access = get_client_for(user, deviation.client.public_id)
        record_access(
            actor=Actor.from_request(request),
            access=access,
            action=AuditEvent.Action.READ,
            target=deviation,
        )
    targets = sorted(workflow.TRANSITIONS[deviation.status])
    may_handle = selectors.may_handle(user, deviation)
    open_ = deviation.status in workflow.OPEN
    measures = list(deviation.measures.select_related("owner"))
    for measure in measures:
        if open_ and measure.done_on is None and (may_handle or measure.owner_id == user.pk):
            measure.done_form = MeasureDoneForm(  # type: ignore[attr-defined]
                initial={"done_on": timezone.localdate()},
                auto_id=f"id_%s_{measure.public_id.hex[:8]}",
            )
    context = {
        "deviation": deviation,
        "show_client": show_client,
        "may_handle": may_handle,
        "move_form": MoveForm(initial={"version": deviation.version}, targets=targets),
        "measure_form": MeasureForm(),
        "measures": measures,
        "events": deviation.events.select_related("by"),
    }
    return render(request, "quality/deviation.html", context)


@require_POST
def move(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    deviation = _deviation(request, public_id)
    targets = sorted(workflow.TRANSITIONS[deviation.status])
    form = MoveForm(request.POST, targets=targets)
    if not form.is_valid():
        return refuse(request, form, "quality:deviation", public_id=public_id)
    if form.cleaned_data["target"] == Deviation.Status.CLOSED:
        asked = confirmed(
            request,
            question=_("Close the deviation?"),
            consequence=_(
                "It leaves the lists of deviations to handle, with what was learnt. Reopening "
                "it later is written to its log."
            ),
            button=_("Close the deviation"),
            back=reverse("quality:deviation", args=[public_id]),
        )
        if asked is not None:
            return asked
    data = {k: v for k, v in form.cleaned_data.items() if v not in ("", None, [])}
    if "causes" in data:
        data["causes"] = ",".join(data["causes"])
    try:
        services.move(
            user=staff_user(request),
            deviation=deviation,
            expected_version=data.pop("version"),
            target=data.pop("target"),
            **data,
        )
    except (Refused, StaleEdit) as error:
        return refuse(request, error, "quality:deviation", public_id=public_id)
    messages.success(request, _("The deviation is moved on."))
    return redirect("quality:deviation", public_id=public_id)


@require_POST
def add_measure(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    deviation = _deviation(request, public_id)
    form = MeasureForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "quality:deviation", public_id=public_id)
    try:
        services.add_measure(user=staff_user(request), deviation=deviation, **form.cleaned_data)
    except Refused as error:
        return refuse(request, error, "quality:deviation", public_id=public_id)
    messages.success(request, _("The measure is added."))
    return redirect("quality:deviation", public_id=public_id)


@require_POST
def complete_measure(
    request: HttpRequest, public_id: uuid.UUID, measure_id: uuid.UUID
) -> HttpResponse:
    deviation = _deviation(request, public_id)
    measure = deviation.measures.filter(public_id=measure_id).first()
    if measure is None:
        raise Http404
    form = MeasureDoneForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "quality:deviation", public_id=public_id)
    try:
        services.complete_measure(user=staff_user(request), measure=measure, **form.cleaned_data)
    except Refused as error:
        return refuse(request, error, "quality:deviation", public_id=public_id)
    messages.success(request, _("The measure is marked done."))
    return redirect("quality:deviation", public_id=public_id)
