"""Feedback pages: the public page (no login), and the staff's list and handling."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.accounts.requests import staff_user
from kasam.audit.services import Actor
from kasam.core import limits
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused
from kasam.core.forms import refusal, show_stale, status_for
from kasam.core.views import paged
from kasam.quality import feedback
from kasam.quality.forms import (
    AnswerForm,
    AppealForm,
    FeedbackFilterForm,
    PublicFeedbackForm,
    StaffFeedbackForm,
)
from kasam.quality.models import Feedback


@login_not_required
@require_http_methods(["GET", "POST"])
def public_feedback(request: HttpRequest) -> HttpResponse:
    """Anyone may send praise, a suggestion or a complaint, with or without their name."""
    form = PublicFeedbackForm(request.POST or None)
    status = status_for(form)
    if form.is_bound and form.is_valid():
        if form.cleaned_data.pop("website"):
            return render(request, "quality/feedback_thanks.html")  # a robot: store nothing
        if limits.exceeded(request, "feedback"):
            form.add_error(None, _("Too many messages from your address: please try again later."))
            return render(request, "quality/feedback_public.html", {"form": form}, status=429)
        try:
            feedback.receive(channel=Feedback.Channel.WEB, **form.cleaned_data)
        except Refused as error:
            form.add_error("text", error.message)
        else:
            limits.count(request, "feedback")
            return render(request, "quality/feedback_thanks.html")
    return render(request, "quality/feedback_public.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def register_feedback(request: HttpRequest) -> HttpResponse:
    """Staff register what came by phone, letter or in person."""
    form = StaffFeedbackForm(request.POST or None)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("website")
        try:
            item = feedback.receive(registered_by=staff_user(request), **data)
        except Refused as error:
            form.add_error("text", error.message)
        else:
            messages.success(request, _("The feedback is registered."))
            return redirect("quality:feedback", public_id=item.public_id)
    return render(
        request, "quality/feedback_register.html", {"form": form}, status=status_for(form)
    )


ANSWERED_PER_PAGE = 25


@require_GET
def feedback_list(request: HttpRequest) -> HttpResponse:
    """What waits for an answer, the soonest deadline first; then what was answered, newest
    first, a page at a time; both narrowed by kind and words."""
    items = feedback.feedback_visible_to(staff_user(request))
    form = FeedbackFilterForm(request.GET)
    wanted = form.cleaned_data if form.is_valid() else {}
    if wanted.get("kind"):
        items = items.filter(kind=wanted["kind"])
    if wanted.get("q", "").strip():
        items = items.filter(text__icontains=wanted["q"].strip())
    answered = items.exclude(status=Feedback.Status.RECEIVED).order_by("-replied_at", "-pk")
    page, pager_query = paged(request, answered, ANSWERED_PER_PAGE)
    context = {
        "form": form,
        "open": items.filter(status=Feedback.Status.RECEIVED).order_by("reply_due_on")[:100],
        "page": page,
        "pager_query": pager_query,
    }
    return render(request, "quality/feedback_list.html", context)


def _item(request: HttpRequest, public_id: uuid.UUID) -> Feedback:
    found = feedback.feedback_visible_to(staff_user(request)).filter(public_id=public_id).first()
    if found is None:
        raise Http404
    return found


@require_GET
def feedback_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _detail(request, _item(request, public_id))


def _detail(
    request: HttpRequest,
    item: Feedback,
    status: int = 200,
    answer_form: AnswerForm | None = None,
    appeal_form: AppealForm | None = None,
) -> HttpResponse:
    """The item with its forms; a refused form is shown again with its message and input."""
    context = {
        "item": item,
        "answer_form": answer_form or AnswerForm(initial={"version": item.version}),
        "appeal_form": appeal_form or AppealForm(),
    }
    return render(request, "quality/feedback.html", context, status=status)


@require_POST
def answer(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    item = _item(request, public_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, item, 400, answer_form=form)
    try:
        feedback.answer(
            user=staff_user(request),
            item=item,
            expected_version=form.cleaned_data["version"],
            reply=form.cleaned_data["reply"],
        )
    except Refused as error:
        return _detail(request, item, refusal(form, error, "reply"), answer_form=form)
    except StaleEdit as error:
        item.refresh_from_db()
        return _detail(request, item, show_stale(form, item, error), answer_form=form)
    messages.success(request, _("The answer is saved."))
    return redirect("quality:feedback", public_id=public_id)


@require_POST
def to_appeal(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    item = _item(request, public_id)
    form = AppealForm(request.POST)
    if not form.is_valid():
        return _detail(request, item, 400, appeal_form=form)
    try:
        feedback.send_to_appeal(
            actor=Actor.from_request(request),
            item=item,
            case_number=form.cleaned_data["case_number"],
        )
    except Refused as error:
        return _detail(request, item, refusal(form, error, "case_number"), appeal_form=form)
    messages.success(request, _("The complaint is registered as an appeal of the decision."))
    return redirect("quality:feedback", public_id=public_id)
