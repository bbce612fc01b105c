from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kasam.access.services import open_client_for_form, record_client_hits
from kasam.accounts.requests import staff_user
from kasam.audit.services import Actor
from kasam.core.errors import Refused
from kasam.core.forms import status_for
from kasam.core.views import paged
from kasam.screening import selectors, services
from kasam.screening.forms import ScreeningForm


@require_http_methods(["GET", "POST"])
def screening(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_client_for_form(request, public_id)
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
    return render(request, "screening/screening.html", context, status=status_for(form))


DUE_PER_PAGE = 25


@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    page, pager_query = paged(request, selectors.overdue(user), DUE_PER_PAGE)
    record_client_hits(actor=Actor.from_request(request), clients=list(page))
    context = {"page": page, "pager_query": pager_query, "today": timezone.localdate()}
    return render(request, "screening/overdue.html", context)
