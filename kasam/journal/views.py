from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kasam.access.selectors import ClientAccess
from kasam.access.services import open_client_for_form
from kasam.audit.services import Actor
from kasam.careplans.models import PlanActivity, PlanGoal
from kasam.careplans.services import current_version
from kasam.core.errors import Refused
from kasam.core.forms import status_for
from kasam.journal import services
from kasam.journal.forms import NoteForm
from kasam.journal.models import JournalNote


def _form(request: HttpRequest, access: ClientAccess, initial: dict[str, Any]) -> NoteForm:
    plan = current_version(access.client)
    goals = plan.goals.all() if plan else PlanGoal.objects.none()
    activities = plan.activities.all() if plan else PlanActivity.objects.none()
    return NoteForm(
        request.POST or None,
        goals=goals,
        activities=activities,
        initial={"submission_key": uuid.uuid4(), **initial},
    )


NOTES_PER_PAGE = 25  # newest first; a phone shows a morning's notes, not a year's


def _notes(access: ClientAccess) -> Any:
    return access.client.journal_notes.select_related("author", "corrects", "corrected_by")


@require_http_methods(["GET", "POST"])
def journal(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_client_for_form(request, public_id)
    form = _form(request, access, {"category": "daily_care"})
    if request.method == "POST" and form.is_valid():
        return _write(request, access, form, None)
    return _journal_page(request, access, form, status=status_for(form))


def _journal_page(
    request: HttpRequest, access: ClientAccess, form: NoteForm, *, status: int
) -> HttpResponse:
    page = Paginator(_notes(access), NOTES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"client": access.client, "form": form, "page": page}
    return render(request, "journal/journal.html", context, status=status)


@require_http_methods(["GET", "POST"])
def correct(request: HttpRequest, public_id: uuid.UUID, note_id: uuid.UUID) -> HttpResponse:
    access = open_client_for_form(request, public_id)
    wrong = get_object_or_404(_notes(access), public_id=note_id)
    form = _form(request, access, {"category": wrong.category, "text": wrong.text})
    if request.method == "POST" and form.is_valid():
        return _write(request, access, form, wrong)
    context = {"client": access.client, "form": form, "wrong": wrong}
    return render(request, "journal/correct.html", context, status=status_for(form))


def _write(
    request: HttpRequest, access: ClientAccess, form: NoteForm, wrong: JournalNote | None
) -> HttpResponse:
    try:
        services.write_note(
            actor=Actor.from_request(request), access=access, corrects=wrong, **form.cleaned_data
        )
    except Refused as error:
        form.add_error(None, error.message)
        if wrong is not None:
            context = {"client": access.client, "form": form, "wrong": wrong}
            return render(request, "journal/correct.html", context, status=400)
        return _journal_page(request, access, form, status=400)
    messages.success(request, _("The note is saved."))
    back = request.POST.get("next", "")
    if back.startswith("/visits/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return redirect(back)  # written at the door: back to the visit
    return redirect("journal:journal", public_id=access.client.public_id)
