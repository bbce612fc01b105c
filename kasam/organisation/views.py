from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kasam.access.selectors import managed_units
from kasam.accounts.models import User
from kasam.accounts.requests import staff_user
from kasam.audit.services import Actor, record_hits
from kasam.organisation.menu import start_page
from kasam.organisation.selectors import active_units, staff_of, units_of
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
