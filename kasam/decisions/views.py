from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.access.services import record_client_hits
from kasam.accounts.requests import staff_user
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.cases.selectors import CaseAccess, InboxFilter, get_case_for
from kasam.cases.views import inbox_filters, open_case
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused
from kasam.core.exports import pdf_response
from kasam.core.forms import status_for
from kasam.core.views import refuse
from kasam.decisions import selectors, services
from kasam.decisions.forms import AppealForm, DecisionForm, ReviseForm, SettleForm, line_formset
from kasam.decisions.letters import LETTER_LANGUAGES, letter_language, render_letter
from kasam.decisions.models import Decision, DecisionLetter
from kasam.organisation.models import OrganisationUnit

Action = AuditEvent.Action


def case_section(request: HttpRequest, access: CaseAccess) -> dict[str, Any]:
    return {
        "decisions": selectors.decisions_of(access.case),
        "appeals": selectors.appeals_of(access.case),
        "settle_form": SettleForm(),
    }


def inbox_section(request: HttpRequest, filters: InboxFilter) -> dict[str, Any]:
    """The inbox loads its review list from `reviews` once the cases are shown."""
    query = request.GET.urlencode()
    return {"url": reverse("decisions:reviews") + (f"?{query}" if query else "")}


@require_GET
def reviews(request: HttpRequest) -> HttpResponse:
    """Decisions in the inbox's scope whose review or end date is near, logged as list hits."""
    form, filters = inbox_filters(request)
    if filters is None:
        return render(request, "decisions/reviews.html", {"form": form, "due": []}, status=400)
    user = staff_user(request)
    due = selectors.decisions_due_for_review(user, filters, limit=25)
    record_client_hits(actor=Actor.from_request(request), clients=[d.case.client for d in due])
    partial = request.headers.get("HX-Request") == "true"
    context = {
        "form": form,
        "due": [(d, selectors.next_date(d)) for d in due],
        "today": timezone.localdate(),
    }
    template = "decisions/partials/reviews_list.html" if partial else "decisions/reviews.html"
    return render(request, template, context)


def _providers() -> Any:
    """Units that provide services (not the municipality, areas or the case office)."""
    kind = OrganisationUnit.Kind
    not_providers = [kind.MUNICIPALITY, kind.AREA, kind.CASE_OFFICE]
    return OrganisationUnit.objects.filter(archived_at__isnull=True).exclude(kind__in=not_providers)


def _decision(access: CaseAccess, decision_id: uuid.UUID) -> Decision:
    return get_object_or_404(selectors.decisions_of(access.case), public_id=decision_id)


def _render_form(
    request: HttpRequest,
    access: CaseAccess,
    form: DecisionForm,
    lines: Any,
    decision: Decision | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "lines": lines,
        "case": access.case,
        "client": access.case.client,
        "decision": decision,
    }
    return render(request, "decisions/decision_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def decision_new(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_case(request, public_id)
    data = request.POST or None
    form = DecisionForm(data, initial={"valid_from": timezone.localdate()})
    lines = line_formset(data, services=selectors.catalogue(), providers=_providers())
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        try:
            decision = services.draft_decision(
                actor=Actor.from_request(request),
                access=access,
                justification=form.cleaned_data["justification"],
                valid_from=form.cleaned_data["valid_from"],
                lines=lines.lines(),
            )
        except Refused as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The draft is saved. Check it, then make the decision."))
            return redirect("decisions:decision-detail", public_id, decision.public_id)
    return _render_form(request, access, form, lines, status=status_for(form))


@require_GET
def decision_detail(
    request: HttpRequest, public_id: uuid.UUID, decision_id: uuid.UUID
) -> HttpResponse:
    access = open_case(request, public_id)
    decision = _decision(access, decision_id)
    context = {
        "case": access.case,
        "client": access.case.client,
        "decision": decision,
        "letters": decision.letters.defer("pdf"),
        "appeal_form": AppealForm(),
        "revise_form": ReviseForm(initial={"valid_from": timezone.localdate()}),
    }
    return render(request, "decisions/decision_detail.html", context)


def _line_initial(decision: Decision) -> list[dict[str, Any]]:
    return [
        {
            "service": line.service,
            "outcome": line.outcome,
            "scope": line.scope,
            "starts_on": line.starts_on,
            "ends_on": line.ends_on,
            "review_on": line.review_on,
            "provider": line.provider,
            "justification": line.justification,
        }
        for line in decision.lines.all()
    ]


@require_http_methods(["GET", "POST"])
def decision_edit(
    request: HttpRequest, public_id: uuid.UUID, decision_id: uuid.UUID
) -> HttpResponse:
    access = open_case(request, public_id)
    decision = _decision(access, decision_id)
    data = request.POST or None
    form = DecisionForm(
        data,
        initial={
            "valid_from": decision.valid_from,
            "justification": decision.justification,
            "version": decision.version,
        },
    )
    lines = line_formset(
        data,
        services=selectors.catalogue(),
        providers=_providers(),
        initial=_line_initial(decision),
    )
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        try:
            services.update_draft(
                actor=Actor.from_request(request),
                access=access,
                decision=decision,
                expected_version=form.cleaned_data["version"] or 0,
                justification=form.cleaned_data["justification"],
                valid_from=form.cleaned_data["valid_from"],
                lines=lines.lines(),
            )
        except StaleEdit as error:
            decision.refresh_from_db()
            form.add_error(None, error.message)
            return _render_form(request, access, form, lines, decision, status=409)
        except Refused as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("decisions:decision-detail", public_id, decision.public_id)
    return _render_form(request, access, form, lines, decision, status=status_for(form))


@require_POST
def decision_make(
    request: HttpRequest, public_id: uuid.UUID, decision_id: uuid.UUID
) -> HttpResponse:
    access = get_case_for(staff_user(request), public_id)
    decision = _decision(access, decision_id)
    if request.POST.get("confirmed") != "yes":
        return _confirm_making(request, access, decision)
    try:
        version = int(request.POST.get("version", "0"))
        services.make_decision(
            actor=Actor.from_request(request),
            access=access,
            decision=decision,
            expected_version=version,
            language=request.POST.get("language") or None,
        )
    except ValueError:
        return refuse(request, _("The form was incomplete; please try again."), **_at(decision))
    except (StaleEdit, Refused) as error:
        return refuse(request, error, **_at(decision))
    messages.success(request, _("The decision is made and the letter is ready."))
    return redirect("decisions:decision-detail", public_id, decision.public_id)


def _confirm_making(request: HttpRequest, access: CaseAccess, decision: Decision) -> HttpResponse:
    """Before a decision is made: the letter to read first, in the language chosen."""
    language = request.POST.get("language") or letter_language(access.case.client)
    context = {
        "case": access.case,
        "client": access.case.client,
        "decision": decision,
        "language": language,
        "languages": [(code, name) for code, name in settings.LANGUAGES],
    }
    return render(request, "decisions/make_confirm.html", context)


@require_GET
def letter_preview(
    request: HttpRequest, public_id: uuid.UUID, decision_id: uuid.UUID
) -> HttpResponse:
    """The letter a draft would give, in the language asked for; nothing is stored."""
    access = get_case_for(staff_user(request), public_id)
    decision = _decision(access, decision_id)
    language = request.GET.get("language", "")
    if language not in LETTER_LANGUAGES.values():
        language = letter_language(access.case.client)
    record_access(
        actor=Actor.from_request(request),
        access=access.client_access,
        action=Action.READ,
        target=decision,
    )
    return pdf_response(render_letter(decision, language), f"draft-{access.case.number}.pdf")


@require_GET
def letter_pdf(
    request: HttpRequest, public_id: uuid.UUID, decision_id: uuid.UUID, letter_id: uuid.UUID
) -> HttpResponse:
    access = get_case_for(staff_user(request), public_id)
    decision = _decision(access, decision_id)
    letter = get_object_or_404(DecisionLetter, decision=decision, public_id=letter_id)
    record_access(
        actor=Actor.from_request(request),
        access=access.client_access,
        action=Action.READ,
        target=letter,
    )
    return pdf_response(bytes(letter.pdf), f"decision-{access.case.number}.pdf")


@require_POST
def decision_revise(
    request: HttpRequest, public_id: uuid.UUID, decision_id: uuid.UUID
) -> HttpResponse:
    access = get_case_for(staff_user(request), public_id)
    decision = _decision(access, decision_id)
    form = ReviseForm(request.POST)
    if not form.is_valid():
        return refuse(request, _("Give the date and what has changed."), **_at(decision))
    try:
        draft = services.revise(
            actor=Actor.from_request(request),
            access=access,
            decision=decision,
            **form.cleaned_data,
        )
    except Refused as error:
        return refuse(request, error, **_at(decision))
    messages.success(request, _("A revision is drafted from the current decision."))
    return redirect("decisions:decision-edit", public_id, draft.public_id)


@require_POST
def appeal_new(request: HttpRequest, public_id: uuid.UUID, decision_id: uuid.UUID) -> HttpResponse:
    access = get_case_for(staff_user(request), public_id)
    decision = _decision(access, decision_id)
    form = AppealForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "cases:case-detail", public_id=public_id)
    try:
        appeal = services.register_appeal(
            actor=Actor.from_request(request),
            access=access,
            decision=decision,
            **form.cleaned_data,
        )
    except Refused as error:
        return refuse(request, error, "cases:case-detail", public_id=public_id)
    messages.success(
        request,
        _("The appeal is registered; handle it by %(date)s.")
        % {"date": appeal.handle_by.strftime("%d.%m.%Y")},
    )
    return redirect("cases:case-detail", public_id=public_id)


@require_POST
def appeal_settle(request: HttpRequest, public_id: uuid.UUID, appeal_id: uuid.UUID) -> HttpResponse:
    access = get_case_for(staff_user(request), public_id)
    appeal = get_object_or_404(selectors.appeals_of(access.case), public_id=appeal_id)
    form = SettleForm(request.POST)
    if not form.is_valid():
        return refuse(request, _("Choose an outcome."), "cases:case-detail", public_id=public_id)
    try:
        appeal = services.settle_appeal(
            actor=Actor.from_request(request), access=access, appeal=appeal, **form.cleaned_data
        )
    except Refused as error:
        return refuse(request, error, "cases:case-detail", public_id=public_id)
    if appeal.new_decision is not None:
        messages.success(request, _("The appeal changes the decision: a new decision is drafted."))
        return redirect("decisions:decision-edit", public_id, appeal.new_decision.public_id)
    messages.success(request, _("The outcome of the appeal is recorded."))
    return redirect("cases:case-detail", public_id=public_id)


def _at(decision: Decision) -> dict[str, Any]:
    """The decision's page, to show a refused action on."""
    ids = {"public_id": decision.case.public_id, "decision_id": decision.public_id}
    return {"page": "decisions:decision-detail", **ids}
