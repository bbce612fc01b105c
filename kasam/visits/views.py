from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kasam.access.selectors import ClientAccess, access_bases
from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access, record_hits
from kasam.core.errors import Refused
from kasam.visits import selectors, services
from kasam.visits.models import Visit


class CheckOutForm(forms.Form):
    outcome = forms.ChoiceField(choices=Visit.Outcome.choices)
    reason = forms.ChoiceField(choices=[("", "–"), *Visit.Reason.choices], required=False)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    """Today's visits on a phone: in order, with address, the plan's activity and wishes."""
    user = _user(request)
    today = timezone.localdate()
    visits = selectors.worklist(user, today)
    clients = list({v.client_id: v.client for v in visits}.values())
    bases = access_bases(user, clients)
    record_hits(
        actor=Actor.from_request(request),
        accesses=[ClientAccess(c, bases[c.pk]) for c in clients],
    )
    context = {"visits": visits, "today": today, "form": CheckOutForm()}
    return render(request, "visits/worklist.html", context)


@require_GET
def visit_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    visit, access = selectors.visit_for(_user(request), public_id)
    record_access(
        actor=Actor.from_request(request),
        access=access,
        action=AuditEvent.Action.READ,
        target=visit,
    )
    return render(request, "visits/visit.html", {"visit": visit, "form": CheckOutForm()})


@require_POST
def check_in(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    visit, access = selectors.visit_for(_user(request), public_id)
    services.check_in(actor=Actor.from_request(request), access=access, visit=visit)
    messages.success(request, _("Checked in."))
    return redirect("visits:visit", public_id=public_id)


@require_POST
def check_out(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    visit, access = selectors.visit_for(_user(request), public_id)
    form = CheckOutForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what was done."))
        return redirect("visits:visit", public_id=public_id)
    try:
        services.check_out(
            actor=Actor.from_request(request), access=access, visit=visit, **form.cleaned_data
        )
    except Refused as error:
        messages.error(request, error.message)
        return redirect("visits:visit", public_id=public_id)
    messages.success(request, _("Checked out."))
    return redirect("visits:worklist")
