from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.access.selectors import managed_units
from kasam.accounts.models import User
from kasam.accounts.requests import staff_user
from kasam.audit.services import Actor, record_hits
from kasam.core.errors import Refused
from kasam.core.forms import status_for
from kasam.core.views import refuse
from kasam.organisation import services
from kasam.organisation.forms import AbsenceForm, BackForm
from kasam.organisation.menu import start_page
from kasam.organisation.models import Absence
from kasam.organisation.selectors import (
    absences_managed_by,
    active_units,
    staff_managed_by,
    staff_of,
    units_of,
)
from kasam.organisation.today import Today, figures_for
from kasam.registry.forms import SortForm
from kasam.registry.selectors import clients_of_unit

PAGE_SIZE = 50


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The start page: where the user's role begins the day."""
    return redirect(start_page(staff_user(request)))


@require_GET
def today(request: HttpRequest) -> HttpResponse:
    """Today in my unit: what the unit manager's day needs first."""
    user = staff_user(request)
    units = managed_units(user)
    day = timezone.localdate()
    figures = figures_for(Today(user, units, day)) if units.exists() else []
    context = {"figures": figures, "day": day, "units": units.exclude(parent__in=units)}
    return render(request, "organisation/today.html", context)


@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    context = {"units": active_units(), "my_units": set(units_of(request.user))}
    return render(request, "organisation/unit_list.html", context)


@require_GET
def unit_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    assert isinstance(request.user, User)
    unit = get_object_or_404(active_units(), public_id=public_id)
    form = SortForm(request.GET)
    if not form.is_valid():
        return render(
            request, "organisation/unit_detail.html", {"unit": unit, "form": form}, status=400
        )
    page_number = form.cleaned_data["page"] or 1
    hits, total = clients_of_unit(
        request.user,
        unit=unit,
        sort=form.cleaned_data["sort"],
        offset=(page_number - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    record_hits(actor=Actor.from_request(request), accesses=hits)
    page = Paginator(range(total), PAGE_SIZE).get_page(page_number)
    context = {
        "unit": unit,
        "form": form,
        "hits": hits,
        "page": page,
        "sort": form.cleaned_data["sort"],
        "teams": unit.children.filter(archived_at__isnull=True),
        "staff": staff_of(unit),
    }
    return render(request, "organisation/unit_detail.html", context)


@require_http_methods(["GET", "POST"])
def away(request: HttpRequest) -> HttpResponse:
    """Staff away: the manager records who is away, and sees who is and will be."""
    user = staff_user(request)
    today = timezone.localdate()
    form = AbsenceForm(
        request.POST or None, staff=staff_managed_by(user), initial={"starts_on": today}
    )
    if form.is_bound and form.is_valid():
        try:
            absence = services.record_absence(
                actor=user,
                staff=form.cleaned_data["user"],
                kind=form.cleaned_data["kind"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
            )
        except Refused as error:
            return refuse(request, error, "organisation:away")
        messages.success(request, _("%(name)s is recorded as away.") % {"name": absence.user})
        return redirect("organisation:away")
    context = {
        "form": form,
        "absences": absences_managed_by(user, today),
        "today": today,
        "manages": staff_managed_by(user).exists(),
    }
    return render(request, "organisation/away.html", context, status=status_for(form))


@require_POST
def back(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = staff_user(request)
    absence = get_object_or_404(
        Absence.objects.filter(user__in=staff_managed_by(user)), public_id=public_id
    )
    form = BackForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "organisation:away")
    try:
        services.end_absence(actor=user, absence=absence, back_on=form.cleaned_data["back_on"])
    except Refused as error:
        return refuse(request, error, "organisation:away")
    messages.success(request, _("%(name)s is back at work.") % {"name": absence.user})
    return redirect("organisation:away")
