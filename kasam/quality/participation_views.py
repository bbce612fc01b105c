"""Participation sessions: list and start, each step, and the list on a unit's page."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.access.selectors import managed_units
from kasam.accounts.models import User
from kasam.accounts.requests import staff_user
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused
from kasam.core.forms import refusal, show_stale, status_for
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import active_staff, keeps_strategy
from kasam.quality import participation
from kasam.quality.forms import SessionForm, SessionStepForm
from kasam.quality.models import ParticipationSession


def _units(user: User) -> object:
    units = OrganisationUnit.objects.all() if keeps_strategy(user) else managed_units(user)
    return units.filter(archived_at__isnull=True).order_by("name")


@require_http_methods(["GET", "POST"])
def session_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    guides = active_staff()
    form = SessionForm(request.POST or None, units=_units(user), guides=guides)
    if form.is_bound and form.is_valid():
        try:
            session = participation.start_session(user=user, **form.cleaned_data)
        except Refused as error:
            form.add_error(None, error.message)
        else:
            return redirect("quality:session", public_id=session.public_id)
    sessions = ParticipationSession.objects.filter(unit__in=_units(user)).select_related("unit")  # type: ignore[misc]
    context = {"sessions": sessions, "form": form}
    return render(request, "quality/sessions.html", context, status=status_for(form))


@require_GET
def session_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    session = get_object_or_404(ParticipationSession, public_id=public_id)
    initial = {"staff_response": session.staff_response, "version": session.version}
    return _detail(request, session, SessionStepForm(initial=initial))


def _detail(
    request: HttpRequest, session: ParticipationSession, form: SessionStepForm, status: int = 200
) -> HttpResponse:
    context = {"session": session, "form": form}
    return render(request, "quality/session.html", context, status=status)


@require_POST
def session_step(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    session = get_object_or_404(ParticipationSession, public_id=public_id)
    form = SessionStepForm(request.POST)
    if not form.is_valid():
        return _detail(request, session, form, 400)
    data = form.cleaned_data
    try:
        participation.record(
            user=staff_user(request),
            session=session,
            expected_version=data["version"],
            views=data["views"],
            staff_response=data["staff_response"],
            closing_meeting_on=data["closing_meeting_on"],
            agreed_actions=data["agreed_actions"],
        )
    except Refused as error:
        return _detail(request, session, form, refusal(form, error))
    except StaleEdit as error:
        session.refresh_from_db()
        return _detail(request, session, form, show_stale(form, session, error))
    messages.success(request, _("The session is updated."))
    return redirect("quality:session", public_id=public_id)


@require_GET
def unit_sessions(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The unit's sessions, loaded into the unit's page."""
    unit = get_object_or_404(OrganisationUnit, public_id=public_id)
    sessions = participation.sessions_of(unit)[:20]
    return render(request, "quality/partials/unit_sessions.html", {"sessions": sessions})
