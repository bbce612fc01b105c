from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kasam.access.selectors import ClientAccess, access_bases, get_client_for
from kasam.accounts.models import User
from kasam.audit.services import Actor, open_client, record_hits
from kasam.core.errors import Refused
from kasam.screening import selectors, services
from kasam.screening.forms import ScreeningForm


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_http_methods(["GET", "POST"])
def screening(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    if request.method == "GET":
        access = open_client(actor=Actor.from_request(request), public_id=public_id)
    else:
        access = get_client_for(_user(request), public_id)
    form = ScreeningForm(
        request.POST or None,
        initial={"submission_key": uuid.uuid4(), "measured_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_screening(
                actor=Actor.from_request(request), access=access, **form.cleaned_data
            )
        except Refused as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The screening is saved."))
            return redirect("screening:screening", public_id=public_id)
    nutrition = list(selectors.history(access.client, "nutrition"))
    context = {
        "client": access.client,
        "form": form,
        "nutrition": nutrition,
        "falls": selectors.history(access.client, "fall"),
        "trend": selectors.weight_trend(nutrition),
        "today": timezone.localdate(),
    }
    return render(
        request, "screening/screening.html", context, status=400 if form.is_bound else 200
    )


@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    clients = list(selectors.overdue(user)[:200])
    bases = access_bases(user, clients)
    record_hits(
        actor=Actor.from_request(request),
        accesses=[ClientAccess(c, bases[c.pk]) for c in clients],
    )
    context = {"clients": clients, "today": timezone.localdate()}
    return render(request, "screening/overdue.html", context)
