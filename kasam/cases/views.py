from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kasam.accounts.models import User
from kasam.accounts.requests import staff_user
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_hits
from kasam.cases import selectors, services
from kasam.cases.forms import (
    FirstContactForm,
    InboxFilterForm,
    IntakeEditForm,
    IntakeForm,
    StatusForm,
    manual_status_choices,
)
from kasam.cases.sections import sections_for
from kasam.cases.selectors import CaseAccess, InboxFilter
from kasam.cases.workflow import TransitionRefused
from kasam.core.concurrency import StaleEdit
from kasam.core.forms import status_for
from kasam.core.views import refuse
from kasam.registry.services import ClientDetails

Action = AuditEvent.Action
PERSON_FIELDS = ("first_name", "last_name", "preferred_language", "phone")


def open_case(request: HttpRequest, public_id: uuid.UUID) -> CaseAccess:
    """A GET shows the case (a logged read); a POST is logged by the service that writes."""
    actor = Actor.from_request(request)
    return services.open_case(actor=actor, public_id=public_id, log=request.method == "GET")


def inbox_filters(request: HttpRequest) -> tuple[InboxFilterForm, InboxFilter | None]:
    """The inbox's filter form from the query string (default: my cases), and its filter."""
    user = staff_user(request)
    units = selectors.inbox_units(user)
    chosen = any(name in request.GET for name in INBOX_FILTERS)
    form = InboxFilterForm(
        request.GET if chosen else {"handler": "me"},
        units=units,
        handlers=selectors.handlers_in(units),
        types=selectors.case_types(),
    )
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    filters = InboxFilter(
        unit=data["unit"],
        handler=_handler(user, data["handler"]),
        case_type=data["case_type"],
        status=data["status"],
    )
    return form, filters


INBOX_FILTERS = ("unit", "handler", "case_type", "status")
INBOX_PAGE = 25


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    form, filters = inbox_filters(request)
    if filters is None:
        context = {"form": form, "rows": [], "total": 0}
        return render(request, "cases/inbox.html", context, status=400)
    user = staff_user(request)
    total = selectors.inbox_total(user, filters)
    page = Paginator(range(total), INBOX_PAGE).get_page(request.GET.get("page"))
    offset = (page.number - 1) * INBOX_PAGE
    rows = selectors.inbox(user, filters, limit=INBOX_PAGE, offset=offset)
    accesses = [row.access.client_access for row in rows]
    record_hits(actor=Actor.from_request(request), accesses=accesses)
    kept = {name: form.data.get(name, "") for name in INBOX_FILTERS}
    context = {
        "form": form,
        "rows": rows,
        "total": total,
        "page": page,
        "pager_query": urlencode(kept) + "&",
        "sections": sections_for(request, filters, page="inbox"),
    }
    return render(request, "cases/inbox.html", context)


def _handler(user: User, choice: str) -> User | None:
    """ "me", a handler's public id (already checked by the form), or everyone."""
    if not choice:
        return None
    return user if choice == "me" else User.objects.get(public_id=choice)


@require_http_methods(["GET", "POST"])
def case_register(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    units = selectors.inbox_units(user)
    form = IntakeForm(
        request.POST or None,
        types=selectors.case_types(),
        units=units,
        handlers=selectors.handlers_in(units),
        initial={"handler": user, "urgency": "normal"},
    )
    if request.method == "POST" and form.is_valid():
        access = services.register_case(actor=Actor.from_request(request), **_intake(form))
        messages.success(request, _("The case is registered."))
        return redirect("cases:case-detail", public_id=access.case.public_id)
    return render(request, "cases/register.html", {"form": form}, status=status_for(form))


def _intake(form: IntakeForm) -> dict:
    data = dict(form.cleaned_data)
    national_id, client = data.pop("national_id"), data.pop("client")
    person = {name: data.pop(name) for name in PERSON_FIELDS}
    if client is None:
        data["person"] = (national_id, ClientDetails(**person))
    return {**data, "client": client}


@require_GET
def case_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_case(request, public_id)
    case = access.case
    status_form = StatusForm(initial={"version": case.version})
    status_form.fields["target"].choices = manual_status_choices(case)  # type: ignore[attr-defined]
    context = {
        "access": access,
        "case": case,
        "client": case.client,
        "deadlines": selectors.deadline_rows(case),
        "transitions": case.transitions.select_related("by"),
        "status_form": status_form,
        "first_contact": getattr(case, "first_contact", None),
        "sections": sections_for(request, access),
    }
    return render(request, "cases/case_detail.html", context)


@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_case(request, public_id)
    case = access.case
    handlers = selectors.handlers_for(case)
    form = IntakeEditForm(
        request.POST or None, instance=case, handlers=handlers, initial={"version": case.version}
    )
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.update_intake(
                actor=Actor.from_request(request),
                access=access,
                expected_version=form.cleaned_data["version"],
                **changes,
            )
        except StaleEdit as error:
            return _stale(request, "cases/case_edit.html", form, access, error)
        messages.success(request, _("The changes are saved."))
        return redirect("cases:case-detail", public_id=public_id)
    if form.is_bound:
        case.refresh_from_db()
    context = {"form": form, "case": case, "client": case.client}
    return render(request, "cases/case_edit.html", context, status=status_for(form))


def _stale(
    request: HttpRequest, template: str, form: BaseForm, access: CaseAccess, error: StaleEdit
) -> HttpResponse:
    """Refuse the second save: keep the user's input, show the fresh record."""
    access.case.refresh_from_db()
    form.add_error(None, error.message)
    context = {"form": form, "case": access.case, "client": access.case.client, "stale": True}
    return render(request, template, context, status=409)


@require_http_methods(["GET", "POST"])
def first_contact(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_case(request, public_id)
    case = access.case
    form = FirstContactForm(request.POST or None, case=case, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.record_first_contact(
                actor=Actor.from_request(request),
                access=access,
                expected_version=form.cleaned_data["version"],
                made_by=staff_user(request),
                **fields,
            )
        except StaleEdit as error:
            return _stale(request, "cases/first_contact.html", form, access, error)
        except TransitionRefused as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("First contact is recorded."))
            return redirect("cases:case-detail", public_id=public_id)
    context = {"form": form, "case": case, "client": case.client}
    return render(request, "cases/first_contact.html", context, status=status_for(form))


@require_http_methods(["POST"])
def case_status(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_case(request, public_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_status(
                actor=Actor.from_request(request),
                access=access,
                target=form.cleaned_data["target"],
                expected_version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
                forwarded_to=form.cleaned_data["forwarded_to"],
            )
        except (StaleEdit, TransitionRefused) as error:
            return refuse(request, error, "cases:case-detail", public_id=public_id)
        messages.success(request, _("The status is changed."))
        return redirect("cases:case-detail", public_id=public_id)
    return refuse(request, form, "cases:case-detail", public_id=public_id)
