from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kasam.access.forms import EmergencyAccessForm, ReviewForm
from kasam.access.models import EmergencyAccess
from kasam.access.selectors import AccessBasis, Basis, ClientAccess, emergency_accesses_to_review
from kasam.access.services import AccessError, grant_emergency_access, review_emergency_access
from kasam.accounts.models import User
from kasam.audit.services import Actor, record_hits
from kasam.organisation.models import Membership
from kasam.registry.models import Client


@require_http_methods(["GET", "POST"])
def emergency_access(request: HttpRequest) -> HttpResponse:
    form = EmergencyAccessForm(request.POST or None, initial={"national_id": request.GET.get("id")})
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["national_id"].number
        client = Client.objects.filter(national_id=number, archived_at__isnull=True).first()
        if client is None:
            form.add_error("national_id", _("No client with this number is registered."))
        else:
            grant_emergency_access(
                actor=Actor.from_request(request), client=client, reason=form.cleaned_data["reason"]
            )
            messages.warning(
                request, _("Emergency access is open and logged. It will be reviewed.")
            )
            return redirect("registry:client-detail", public_id=client.public_id)
    status = 400 if form.is_bound else 200
    return render(request, "access/emergency_access.html", {"form": form}, status=status)


@require_http_methods(["GET"])
def review_list(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    grants = list(emergency_accesses_to_review(request.user))
    _log_shown(request, grants)
    return render(request, "access/review_list.html", {"grants": grants, "form": ReviewForm()})


def _log_shown(request: HttpRequest, grants: list[EmergencyAccess]) -> None:
    """The review list names clients: each one shown is logged as a manager's review."""
    basis = AccessBasis(Basis.OVERSIGHT, role=Membership.Role.UNIT_MANAGER)
    record_hits(
        actor=Actor.from_request(request),
        accesses=[ClientAccess(grant.client, basis) for grant in grants],
    )


@require_POST
def review(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    assert isinstance(request.user, User)
    grant = get_object_or_404(emergency_accesses_to_review(request.user), public_id=public_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            review_emergency_access(
                actor=Actor.from_request(request), grant=grant, comment=form.cleaned_data["comment"]
            )
        except AccessError as error:
            form.add_error("comment", str(error))
        else:
            messages.success(request, _("The emergency access is marked as reviewed."))
            return redirect("access:review-list")
    grants = list(emergency_accesses_to_review(request.user))
    _log_shown(request, grants)
    context = {"grants": grants, "form": form, "failed": grant}
    return render(request, "access/review_list.html", context, status=400)
