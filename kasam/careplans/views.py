from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.access.selectors import ClientAccess, get_client_for
from kasam.access.services import open_client, open_client_for_form, record_client_hits
from kasam.accounts.models import User
from kasam.accounts.requests import staff_user
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.careplans import coordinated, printouts, services
from kasam.careplans.forms import (
    AgreeForm,
    CoordinatedPlanForm,
    DeclineForm,
    GoalReviewForm,
    ReviewForm,
    StaffChoiceForm,
    StartForm,
    VersionForm,
    formsets,
)
from kasam.careplans.models import PlanGoal, PlanVersion
from kasam.careplans.selectors import current_decisions, overdue_reviews, staff_for
from kasam.careplans.services import PlanContent
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused
from kasam.core.exports import pdf_response
from kasam.core.forms import status_for
from kasam.core.views import paged, refuse
from kasam.decisions.models import DecisionLine
from kasam.organisation.models import OrganisationUnit


def _versions(access: ClientAccess) -> Any:
    return PlanVersion.objects.filter(plan__client=access.client).select_related(
        "contact_person", "decision"
    )


@require_GET
def plan(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_client(actor=Actor.from_request(request), public_id=public_id)
    versions = _versions(access)
    current = services.current_version(access.client)
    context = {
        "client": access.client,
        "current": current,
        "versions": versions,
        "draft": versions.filter(status=PlanVersion.Status.DRAFT).first(),
        "start_form": StartForm(
            decisions=current_decisions(access.client),
            staff=staff_for(access.client),
            initial={"contact_person": access.client.contact_person},
        ),
        "choices": access.client.staff_choices.filter(ended_at__isnull=True).select_related(
            "staff"
        ),
        "choice_form": StaffChoiceForm(staff=staff_for(access.client)),
        "coordinated": coordinated.open_coordinated_plan(access.client),
    }
    return render(request, "careplans/plan.html", context)


@require_POST
def start(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = get_client_for(staff_user(request), public_id)
    client = access.client
    form = StartForm(request.POST, decisions=current_decisions(client), staff=staff_for(client))
    if not form.is_valid():
        reason = _("Choose the decision and the contact person.")
        return refuse(request, reason, "careplans:plan", public_id=public_id)
    try:
        version = services.start_version(
            actor=Actor.from_request(request), access=access, **form.cleaned_data
        )
    except Refused as error:
        return refuse(request, error, "careplans:plan", public_id=public_id)
    return redirect("careplans:version", public_id=public_id, number=version.number)


@require_http_methods(["GET", "POST"])
def version(request: HttpRequest, public_id: uuid.UUID, number: int) -> HttpResponse:
    access = open_client_for_form(request, public_id)
    plan_version = get_object_or_404(_versions(access), number=number)
    if plan_version.status != PlanVersion.Status.DRAFT or request.method == "GET":
        return _show(request, access, plan_version)
    return _save(request, access, plan_version)


@require_GET
def version_pdf(request: HttpRequest, public_id: uuid.UUID, number: int) -> HttpResponse:
    """The plan as a document for the client, in their language; printing it is logged."""
    access = get_client_for(staff_user(request), public_id)
    plan_version = get_object_or_404(_versions(access), number=number)
    record_access(
        actor=Actor.from_request(request),
        access=access,
        action=AuditEvent.Action.PRINT,
        target=plan_version,
    )
    return pdf_response(printouts.plan_pdf(plan_version), f"care-plan-{plan_version.number}.pdf")


def _lines(plan_version: PlanVersion) -> Any:
    return (
        DecisionLine.objects.filter(decision=plan_version.decision)
        .exclude(outcome=DecisionLine.Outcome.REFUSED)
        .select_related("service")
    )


def _show(
    request: HttpRequest,
    access: ClientAccess,
    plan_version: PlanVersion,
    forms_: tuple[Any, Any, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    draft = plan_version.status == PlanVersion.Status.DRAFT
    if draft and forms_ is None:
        form = VersionForm(instance=plan_version, initial={"version": plan_version.version})
        goals, activities = formsets(None, plan_version, _lines(plan_version))
        forms_ = (form, goals, activities)
    initial = {
        "version": plan_version.version,
        "agreed_on": timezone.localdate(),
        "agreed_by": access.client.full_name,
    }
    context = {
        "client": access.client,
        "plan_version": plan_version,
        "draft": draft,
        "forms": forms_,
        "agree_form": AgreeForm(initial=initial),
        "decline_form": DeclineForm(initial={"version": plan_version.version}),
        "review_form": ReviewForm(initial={"reviewed_on": timezone.localdate()}),
        "reviews": plan_version.reviews.select_related("reviewed_by"),
        "goals": _goals_with_forms(plan_version),
    }
    return render(request, "careplans/version.html", context, status=status)


def _goals_with_forms(plan_version: PlanVersion) -> list[tuple[PlanGoal, GoalReviewForm]]:
    """Each goal with its follow-ups and its own follow-up form (ids unique on the page)."""
    goals = plan_version.goals.prefetch_related("reviews__reviewed_by")
    initial = {"reviewed_on": timezone.localdate()}
    return [
        (goal, GoalReviewForm(auto_id=f"id_goal{n}_%s", initial=initial))
        for n, goal in enumerate(goals, start=1)
    ]


def _save(request: HttpRequest, access: ClientAccess, plan_version: PlanVersion) -> HttpResponse:
    form = VersionForm(request.POST, instance=plan_version)
    goals, activities = formsets(request.POST, plan_version, _lines(plan_version))
    forms_ = (form, goals, activities)
    if not (form.is_valid() and goals.is_valid() and activities.is_valid()):
        return _show(request, access, plan_version, forms_, status=400)
    content = PlanContent(
        goals=[_fresh(f.save(commit=False)) for f in goals.forms if _kept(f)],
        activities=[f.activity() for f in activities.forms if _kept(f)],
    )
    fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        warnings = services.save_draft(
            actor=Actor.from_request(request),
            access=access,
            version=plan_version,
            expected_version=form.cleaned_data["version"],
            content=content,
            **fields,
        )
    except StaleEdit as error:
        form.add_error(None, error.message)
        plan_version.refresh_from_db()
        return _show(request, access, plan_version, forms_, status=409)
    except Refused as error:
        form.add_error(None, error.message)
        return _show(request, access, plan_version, forms_, status=400)
    for warning in warnings:
        messages.warning(request, warning)
    messages.success(request, _("The draft is saved."))
    return redirect(
        "careplans:version", public_id=access.client.public_id, number=plan_version.number
    )


def _kept(form: Any) -> bool:
    """Rows already in the draft, and new rows filled in, unless marked for deletion."""
    filled = form.instance.pk is not None or form.has_changed()
    return filled and not form.cleaned_data.get("DELETE")


def _fresh(item: Any) -> Any:
    item.pk = None
    return item


@require_POST
def agree(request: HttpRequest, public_id: uuid.UUID, number: int) -> HttpResponse:
    access = get_client_for(staff_user(request), public_id)
    plan_version = get_object_or_404(_versions(access), number=number)
    form = AgreeForm(request.POST)
    if not form.is_valid():
        reason = _("Say how, when and by whom the plan was agreed.")
        return refuse(request, reason, "careplans:version", public_id=public_id, number=number)
    data = dict(form.cleaned_data)
    try:
        services.agree(
            actor=Actor.from_request(request),
            access=access,
            version=plan_version,
            expected_version=data.pop("version"),
            **data,
        )
    except (Refused, StaleEdit) as error:
        return refuse(request, error, "careplans:version", public_id=public_id, number=number)
    messages.success(request, _("The plan is agreed and is now the current plan."))
    return redirect("careplans:version", public_id=public_id, number=number)


@require_POST
def decline(request: HttpRequest, public_id: uuid.UUID, number: int) -> HttpResponse:
    access = get_client_for(staff_user(request), public_id)
    plan_version = get_object_or_404(_versions(access), number=number)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        reason = _("Say why the plan was declined.")
        return refuse(request, reason, "careplans:version", public_id=public_id, number=number)
    try:
        services.decline(
            actor=Actor.from_request(request),
            access=access,
            version=plan_version,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
    except (Refused, StaleEdit) as error:
        return refuse(request, error, "careplans:version", public_id=public_id, number=number)
    messages.success(request, _("The plan is recorded as declined."))
    return redirect("careplans:version", public_id=public_id, number=number)


@require_POST
def review(request: HttpRequest, public_id: uuid.UUID, number: int) -> HttpResponse:
    access = get_client_for(staff_user(request), public_id)
    plan_version = get_object_or_404(_versions(access), number=number)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "careplans:version", public_id=public_id, number=number)
    try:
        services.review(
            actor=Actor.from_request(request),
            access=access,
            version=plan_version,
            **form.cleaned_data,
        )
    except Refused as error:
        return refuse(request, error, "careplans:version", public_id=public_id, number=number)
    messages.success(request, _("The follow-up is recorded."))
    return redirect("careplans:version", public_id=public_id, number=number)


@require_POST
def review_goal(
    request: HttpRequest, public_id: uuid.UUID, number: int, position: int
) -> HttpResponse:
    """Follow up the goal at `position` (1, 2, …) of an agreed version."""
    access = get_client_for(staff_user(request), public_id)
    plan_version = get_object_or_404(_versions(access), number=number)
    goals = list(plan_version.goals.all())
    if not 1 <= position <= len(goals):
        raise Http404
    form = GoalReviewForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "careplans:version", public_id=public_id, number=number)
    try:
        services.review_goal(
            actor=Actor.from_request(request),
            access=access,
            goal=goals[position - 1],
            **form.cleaned_data,
        )
    except Refused as error:
        return refuse(request, error, "careplans:version", public_id=public_id, number=number)
    messages.success(request, _("The goal's follow-up is recorded."))
    return redirect("careplans:version", public_id=public_id, number=number)


OVERDUE_PER_PAGE = 25


@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    """Plans past their review date, or with a goal past its follow-up date, among the
    clients the user works with; `?mine=1` keeps those where the user is contact person."""
    user = staff_user(request)
    mine = request.GET.get("mine") == "1"
    page, pager_query = paged(request, overdue_reviews(user, mine=mine), OVERDUE_PER_PAGE)
    shown = [p.plan.client for p in page]
    record_client_hits(actor=Actor.from_request(request), clients=shown)
    context = {"page": page, "pager_query": pager_query, "mine": mine}
    return render(request, "careplans/overdue.html", context)


@require_POST
def choose(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = get_client_for(staff_user(request), public_id)
    form = StaffChoiceForm(request.POST, staff=staff_for(access.client))
    if not form.is_valid():
        reason = _("Choose the kind of help and a staff member of the client's units.")
        return refuse(request, reason, "careplans:plan", public_id=public_id)
    services.choose_staff(actor=Actor.from_request(request), access=access, **form.cleaned_data)
    messages.success(request, _("The client's choice is recorded."))
    return redirect("careplans:plan", public_id=public_id)


@require_POST
def unchoose(request: HttpRequest, public_id: uuid.UUID, choice_id: uuid.UUID) -> HttpResponse:
    access = get_client_for(staff_user(request), public_id)
    choice = get_object_or_404(
        access.client.staff_choices.filter(ended_at__isnull=True), public_id=choice_id
    )
    services.end_staff_choice(actor=Actor.from_request(request), access=access, choice=choice)
    messages.success(request, _("The choice is ended; it stays in the history."))
    return redirect("careplans:plan", public_id=public_id)


def _coordinated_form(access: ClientAccess, *args: Any, **kwargs: Any) -> CoordinatedPlanForm:
    handler = access.client.case_handler_id
    case_handler = User.objects.filter(pk__in=[handler] if handler else [])
    coordinators = staff_for(access.client) | case_handler
    units = OrganisationUnit.objects.exclude(
        kind__in=[OrganisationUnit.Kind.MUNICIPALITY, OrganisationUnit.Kind.AREA]
    ).order_by("name")
    return CoordinatedPlanForm(*args, coordinators=coordinators.distinct(), units=units, **kwargs)


@require_http_methods(["GET", "POST"])
def coordinated_plan(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The client's coordinated individual plan (SIP): shown, started or changed."""
    access = open_client_for_form(request, public_id)
    plan = coordinated.open_coordinated_plan(access.client)
    initial = {"version": plan.version} if plan else {"started_on": timezone.localdate()}
    form = _coordinated_form(access, request.POST or None, instance=plan, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            _save_coordinated(request, access, plan, form)
        except (Refused, StaleEdit) as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The coordinated plan is saved."))
            return redirect("careplans:coordinated", public_id=public_id)
    context = {
        "client": access.client,
        "plan": plan,
        "form": form,
        "involved": coordinated.involved_in(access.client, plan),
        "ended": access.client.coordinated_plans.filter(ended_on__isnull=False),
    }
    return render(request, "careplans/coordinated.html", context, status=status_for(form))


def _save_coordinated(
    request: HttpRequest,
    access: ClientAccess,
    plan: coordinated.CoordinatedPlan | None,
    form: CoordinatedPlanForm,
) -> None:
    data = dict(form.cleaned_data)
    expected = data.pop("version")
    actor = Actor.from_request(request)
    if plan is None:
        coordinated.start_coordinated_plan(actor=actor, access=access, **data)
    else:
        coordinated.update_coordinated_plan(
            actor=actor, access=access, plan=plan, expected_version=expected or 0, **data
        )
