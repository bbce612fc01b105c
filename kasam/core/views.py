from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import resolve, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused


@login_not_required
@require_GET
@never_cache
@transaction.non_atomic_requests
def healthz(request: HttpRequest) -> JsonResponse:
    """200 once the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def refuse(
    request: HttpRequest,
    problem: Refused | StaleEdit | forms.BaseForm | str,
    page: str,
    query: dict[str, str] | None = None,
    **kwargs: Any,
) -> HttpResponse:
    """The one place a refused action becomes an answer: the page the action was sent from,
    shown again with the reasons on it, answered 400 (409 when someone saved in between),
    never a redirect that hides that nothing was saved. `query`: the page's own GET
    parameters (which unit, which day), when the page needs them."""
    for reason in _reasons(problem):
        messages.error(request, reason)
    match = resolve(reverse(page, kwargs=kwargs))
    request.method = "GET"  # the page as it is now, with nothing of the refused action bound
    request.POST = QueryDict()
    if query is not None:
        request.GET = QueryDict(urlencode(query))
    response = match.func(request, *match.args, **match.kwargs)
    response.status_code = 409 if isinstance(problem, StaleEdit) else 400
    return response


def _reasons(problem: Refused | StaleEdit | forms.BaseForm | str) -> list[str]:
    if isinstance(problem, str):
        return [problem]
    if isinstance(problem, Refused | StaleEdit):
        return [problem.message]
    reasons = []
    for name, errors in problem.errors.items():
        field = problem.fields.get(name)
        label = f"{field.label}: " if field is not None and field.label else ""
        reasons += [f"{label}{error}" for error in errors]
    return reasons


def confirmed(
    request: HttpRequest, *, question: str, consequence: str, button: str, back: str
) -> HttpResponse | None:
    """None when the POST carries the user's confirmation; otherwise the page that asks for
    it, saying what will happen, and sends the same fields again (with a new one-time key)."""
    if request.POST.get("confirmed") == "yes":
        return None
    skip = {"csrfmiddlewaretoken", "_submission", "confirmed"}
    fields = [(k, v) for k in request.POST if k not in skip for v in request.POST.getlist(k)]
    context = {
        "question": question,
        "consequence": consequence,
        "button": button,
        "back": back,
        "action": request.path,
        "fields": fields,
    }
    return render(request, "confirm.html", context)
