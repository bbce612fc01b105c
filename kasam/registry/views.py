from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.access.selectors import ClientAccess, get_client_for
from kasam.access.services import open_client, open_client_for_form
from kasam.accounts.requests import staff_user
from kasam.audit.selectors import access_log_for
from kasam.audit.services import Actor, record_hits
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused
from kasam.core.forms import refusal, show_stale, status_for, without_version
from kasam.core.views import refuse
from kasam.registry import selectors, services
from kasam.registry.forms import (
    ClientEditForm,
    ClientRegistrationForm,
    HomeAccessForm,
    HomeAgainForm,
    RelativeEditForm,
    RelativeForm,
    SearchForm,
    StayForm,
    WarningForm,
)
from kasam.registry.history import client_changes
from kasam.registry.models import Client
from kasam.registry.sections import sections_for


def _open(request: HttpRequest, public_id: uuid.UUID) -> ClientAccess:
    return open_client(actor=Actor.from_request(request), public_id=public_id)


@require_GET
def client_search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "registry/search.html", {"form": form}, status=400)
    query, hits = form.cleaned_data["q"].strip(), []
    if query:
        hits = selectors.search_clients(
            staff_user(request), query=query, sort=form.cleaned_data["sort"]
        )
        record_hits(actor=Actor.from_request(request), accesses=hits)
    partial = request.headers.get("HX-Request") == "true"
    template = "registry/partials/results.html" if partial else "registry/search.html"
    return render(request, template, {"form": form, "query": query, "hits": hits})


@require_GET
def client_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = _open(request, public_id)
    context = {
        "access": access,
        "client": access.client,
        "relatives": selectors.relatives_of(access.client),
        "links": selectors.serving_links_of(access.client),
        "stays": selectors.stays_of(access.client),
        "warnings": selectors.warnings_of(access.client),
        "home": selectors.home_access_of(access.client),
        "home_form": HomeAgainForm(initial={"home_on": timezone.localdate()}),
        "recent_access": access_log_for(access.client)[:10],
        "facts": sections_for(request, access, "facts"),
        "sections": sections_for(request, access, "main"),
    }
    return render(request, "registry/client_detail.html", context)


@require_GET
def client_history(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = _open(request, public_id)
    context = {"client": access.client, "changes": client_changes(access.client)}
    return render(request, "registry/client_history.html", context)


@require_http_methods(["GET", "POST"])
def client_register(request: HttpRequest) -> HttpResponse:
    units = selectors.registration_units_for(staff_user(request))
    form = ClientRegistrationForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        access = services.register_client(
            actor=Actor.from_request(request),
            national_id=data.pop("national_id"),
            unit=data.pop("unit"),
            details=services.ClientDetails(**data),
        )
        messages.success(request, _("The client is registered."))
        return redirect("registry:client-detail", public_id=access.client.public_id)
    context = {"form": form, "units": units}
    return render(request, "registry/client_form.html", context, status=status_for(form))


@require_http_methods(["GET", "POST"])
def client_edit(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_client_for_form(request, public_id)
    client = access.client
    form = ClientEditForm(request.POST or None, instance=client, initial=_version(client))
    status = status_for(form)
    if request.method == "POST" and form.is_valid():
        saved, status = _save_edit(
            request,
            form,
            client,
            lambda: services.update_client(
                actor=Actor.from_request(request),
                access=access,
                expected_version=form.cleaned_data["version"],
                details=services.ClientDetails(**without_version(form.cleaned_data)),
            ),
        )
        if saved is not None:
            return saved
    if form.is_bound:
        client.refresh_from_db()  # the form changed the instance in memory
    context = {"form": form, "client": client}
    return render(request, "registry/client_form.html", context, status=status)


def _version(record: Any) -> dict[str, int]:
    return {"version": record.version}


def _save_edit(
    request: HttpRequest, form: Any, record: Any, save: Callable[[], object]
) -> tuple[HttpResponse | None, int]:
    """Save an edit of the client's record: back to the client's page, or, when someone saved
    in between, the form again with what they saved (409)."""
    try:
        save()
    except StaleEdit as error:
        record.refresh_from_db()
        return None, show_stale(form, record, error)
    messages.success(request, _("The changes are saved."))
    client = record if isinstance(record, Client) else record.client
    return redirect("registry:client-detail", public_id=client.public_id), 302


@require_http_methods(["GET", "POST"])
def relative_add(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_client_for_form(request, public_id)
    form = RelativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        details = services.RelativeDetails(**form.cleaned_data)
        services.add_relative(actor=Actor.from_request(request), access=access, details=details)
        messages.success(request, _("The relative is added."))
        return redirect("registry:client-detail", public_id=public_id)
    context = {"form": form, "client": access.client}
    return render(request, "registry/relative_form.html", context, status=status_for(form))


@require_http_methods(["GET", "POST"])
def relative_edit(
    request: HttpRequest, public_id: uuid.UUID, relative_id: uuid.UUID
) -> HttpResponse:
    access = open_client_for_form(request, public_id)
    relative = get_object_or_404(selectors.relatives_of(access.client), public_id=relative_id)
    form = RelativeEditForm(request.POST or None, instance=relative, initial=_version(relative))
    status = status_for(form)
    if request.method == "POST" and form.is_valid():
        saved, status = _save_edit(
            request,
            form,
            relative,
            lambda: services.update_relative(
                actor=Actor.from_request(request),
                access=access,
                relative=relative,
                expected_version=form.cleaned_data["version"],
                details=services.RelativeDetails(**without_version(form.cleaned_data)),
            ),
        )
        if saved is not None:
            return saved
    context = {"form": form, "client": access.client, "relative": relative}
    return render(request, "registry/relative_form.html", context, status=status)


@require_POST
def relative_archive(
    request: HttpRequest, public_id: uuid.UUID, relative_id: uuid.UUID
) -> HttpResponse:
    access = get_client_for(staff_user(request), public_id)
    relative = get_object_or_404(selectors.relatives_of(access.client), public_id=relative_id)
    services.archive_relative(actor=Actor.from_request(request), access=access, relative=relative)
    messages.success(request, _("The relative is archived. The history is kept."))
    return redirect("registry:client-detail", public_id=public_id)


@require_http_methods(["GET", "POST"])
def stay_add(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_client_for_form(request, public_id)
    form = StayForm(request.POST or None)
    status = status_for(form)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_stay(
                actor=Actor.from_request(request), access=access, **_stay_details(form)
            )
        except Refused as error:
            status = refusal(form, error, "starts_on")
        else:
            messages.success(
                request, _("The stay is recorded; the visits of those days are cancelled.")
            )
            return redirect("registry:client-detail", public_id=public_id)
    context = {"form": form, "client": access.client}
    return render(request, "registry/stay_form.html", context, status=status)


def _stay_details(form: StayForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {"kind": data["kind"], "starts_on": data["starts_on"], "home_on": data["home_on"]}


@require_POST
def stay_end(request: HttpRequest, public_id: uuid.UUID, stay_id: uuid.UUID) -> HttpResponse:
    access = get_client_for(staff_user(request), public_id)
    stay = get_object_or_404(selectors.stays_of(access.client), public_id=stay_id)
    form = HomeAgainForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "registry:client-detail", public_id=public_id)
    try:
        services.end_stay(
            actor=Actor.from_request(request),
            access=access,
            stay=stay,
            home_on=form.cleaned_data["home_on"],
        )
    except Refused as error:
        return refuse(request, error, "registry:client-detail", public_id=public_id)
    messages.success(request, _("The client is home again; their visits from that day are back."))
    return redirect("registry:client-detail", public_id=public_id)


@require_http_methods(["GET", "POST"])
def client_door(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """At the door: the entrance and key box code, and the warnings staff must see first."""
    access = open_client_for_form(request, public_id)
    home = selectors.home_access_of(access.client)
    form = HomeAccessForm(request.POST or None, instance=home)
    if request.method == "POST" and form.is_valid():
        services.save_home_access(
            actor=Actor.from_request(request),
            access=access,
            entrance=form.cleaned_data["entrance"],
            key_box_code=form.cleaned_data["key_box_code"],
        )
        messages.success(request, _("The changes are saved."))
        return redirect("registry:client-door", public_id=public_id)
    return _door_page(request, access, form, WarningForm(), status=status_for(form))


def _door_page(
    request: HttpRequest,
    access: ClientAccess,
    form: HomeAccessForm,
    warning_form: WarningForm,
    *,
    status: int,
) -> HttpResponse:
    context = {
        "client": access.client,
        "form": form,
        "warning_form": warning_form,
        "warnings": selectors.warnings_of(access.client),
    }
    return render(request, "registry/client_door.html", context, status=status)


@require_POST
def warning_add(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_client_for_form(request, public_id)
    warning_form = WarningForm(request.POST)
    if not warning_form.is_valid():
        form = HomeAccessForm(instance=selectors.home_access_of(access.client))
        return _door_page(request, access, form, warning_form, status=400)
    services.add_warning(
        actor=Actor.from_request(request),
        access=access,
        kind=warning_form.cleaned_data["kind"],
        text=warning_form.cleaned_data["text"],
    )
    messages.success(request, _("The warning is added: staff see it first at the door."))
    return redirect("registry:client-door", public_id=public_id)


@require_POST
def warning_archive(
    request: HttpRequest, public_id: uuid.UUID, warning_id: uuid.UUID
) -> HttpResponse:
    access = get_client_for(staff_user(request), public_id)
    warning = get_object_or_404(selectors.warnings_of(access.client), public_id=warning_id)
    services.archive_warning(actor=Actor.from_request(request), access=access, warning=warning)
    messages.success(request, _("The warning is archived. The history is kept."))
    return redirect("registry:client-door", public_id=public_id)
