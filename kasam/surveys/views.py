from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.accounts.requests import staff_user
from kasam.core import limits
from kasam.core.errors import Refused
from kasam.core.forms import status_for
from kasam.core.views import confirmed, paged, refuse
from kasam.organisation.selectors import keeps_strategy
from kasam.surveys import selectors, services
from kasam.surveys.forms import AnswerForm, InviteForm, NewSurveyForm, PaperForm, QuestionForm
from kasam.surveys.models import Invitation, Survey


@require_http_methods(["GET", "POST"])
def survey_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = NewSurveyForm(request.POST or None)
    if form.is_bound and form.is_valid():
        try:
            survey = services.from_template(user=user, **form.cleaned_data)
        except Refused as error:
            form.add_error(None, error.message)
        else:
            return redirect("surveys:survey", public_id=survey.public_id)
    page, pager_query = paged(request, selectors.surveys().order_by("-year", "-pk"), 25)
    context = {
        "page": page,
        "pager_query": pager_query,
        "form": form,
        "may_prepare": keeps_strategy(user),
    }
    return render(request, "surveys/list.html", context, status=status_for(form))


@require_GET
def survey_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    survey = get_object_or_404(Survey, public_id=public_id)
    total, cells, questions = selectors.results(survey)
    context = {
        "survey": survey,
        "total": total,
        "cells": cells,
        "questions": questions,
        "may_prepare": keeps_strategy(staff_user(request)),
        "invite_form": InviteForm(),
        "question_form": QuestionForm(),
        "codes": request.session.pop("survey_codes", None),
        "minimum": settings.KASAM_SURVEY_MIN_GROUP,
    }
    return render(request, "surveys/survey.html", context)


@require_POST
def set_status(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    survey = get_object_or_404(Survey, public_id=public_id)
    status = request.POST.get("status", "")
    if status not in Survey.Status.values:
        raise Http404
    asked = _confirm_status(request, survey, status)
    if asked is not None:
        return asked
    try:
        services.set_status(user=staff_user(request), survey=survey, status=status)
    except Refused as error:
        return refuse(request, error, "surveys:survey", public_id=public_id)
    return redirect("surveys:survey", public_id=public_id)


def _confirm_status(request: HttpRequest, survey: Survey, status: str) -> HttpResponse | None:
    """Closing shows the results and ends answering; opening a closed survey hides them."""
    back = reverse("surveys:survey", args=[survey.public_id])
    if status == Survey.Status.CLOSED:
        return confirmed(
            request,
            question=_("Close the survey?"),
            consequence=_("No more answers can be sent, and the results are shown."),
            button=_("Close the survey"),
            back=back,
        )
    if status == Survey.Status.OPEN and survey.status == Survey.Status.CLOSED:
        return confirmed(
            request,
            question=_("Open the survey again?"),
            consequence=_(
                "Answers can be sent again, and the results are hidden until it is closed."
            ),
            button=_("Open the survey again"),
            back=back,
        )
    return None


@require_POST
def invite(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Make one-time codes; they are shown once, to print and hand out."""
    survey = get_object_or_404(Survey, public_id=public_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "surveys:survey", public_id=public_id)
    try:
        codes = services.invite(user=staff_user(request), survey=survey, **form.cleaned_data)
    except Refused as error:
        return refuse(request, error, "surveys:survey", public_id=public_id)
    request.session["survey_codes"] = codes
    return redirect("surveys:survey", public_id=public_id)


@require_http_methods(["GET", "POST"])
def paper(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    survey = get_object_or_404(Survey, public_id=public_id)
    questions = list(survey.questions.all())
    form = PaperForm(request.POST or None, questions=questions)
    if form.is_bound and form.is_valid():
        try:
            services.enter_paper(
                user=staff_user(request),
                survey=survey,
                unit=form.cleaned_data["unit"],
                answers=form.answers(),
            )
        except Refused as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The paper answers are entered."))
            return redirect("surveys:paper", public_id=public_id)
    context = {"survey": survey, "form": form}
    return render(request, "surveys/paper.html", context, status=status_for(form))


CODE = re.compile(r"[A-Z0-9]{4,16}")  # what services.invite makes; anything else is unknown


@login_not_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest) -> HttpResponse:
    """The respondent's page: a one-time code, then the questions. No login, no name."""
    typed = (request.POST.get("code") or request.GET.get("code") or "").strip().upper()
    code = typed if CODE.fullmatch(typed) else ("?" if typed else "")
    if code and (limits.exceeded(request, "survey-code") or limits.exceeded(request, "survey")):
        return limits.too_many(request)
    if code:
        limits.count(request, "survey")
    invitation = (
        Invitation.objects.filter(code=code, used=False, survey__status=Survey.Status.OPEN)
        .select_related("survey")
        .first()
        if code
        else None
    )
    if invitation is None:
        if code:
            limits.count(request, "survey-code")
        shown = {"code": typed[:16], "unknown": bool(code)}
        return render(request, "surveys/code.html", shown, status=400 if code else 200)
    questions = list(invitation.survey.questions.all())
    form = AnswerForm(request.POST if "q1" in request.POST else None, questions=questions)
    if form.is_bound and form.is_valid():
        try:
            services.answer_with_code(code=code, answers=form.answers())
        except Refused as error:
            form.add_error(None, error.message)
        else:
            return render(request, "surveys/thanks.html")
    context = {"survey": invitation.survey, "form": form, "code": code}
    return render(request, "surveys/answer.html", context, status=status_for(form))


@require_POST
def add_question(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    survey = get_object_or_404(Survey, public_id=public_id)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "surveys:survey", public_id=public_id)
    try:
        services.add_question(user=staff_user(request), survey=survey, **form.cleaned_data)
    except Refused as error:
        return refuse(request, error, "surveys:survey", public_id=public_id)
    messages.success(request, _("The question is added."))
    return redirect("surveys:survey", public_id=public_id)
