from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.accounts.requests import staff_user
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused
from kasam.core.forms import refusal, status_for
from kasam.core.views import refuse
from kasam.goals import reports, selectors, services
from kasam.goals.forms import ActionForm, BreakDownForm, FollowUpForm, UnitPrincipleForm
from kasam.goals.models import Action, Goal, PlanPeriod, Statement
from kasam.indicators.periods import BadPeriod, Period
from kasam.indicators.selectors import last_ended_month
from kasam.jobs.views import file_or_job
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import keeps_strategy


@require_GET
def tree(request: HttpRequest) -> HttpResponse:
    """The plan period's vision, values, principles and goal tree, with traffic lights."""
    chosen = request.GET.get("period") or ""
    period = (
        PlanPeriod.objects.filter(public_id=chosen).first() if _is_uuid(chosen) else None
    ) or selectors.current_period()
    if period is None:
        return render(request, "goals/tree.html", {"period": None})
    branches = selectors.tree(period)
    month = last_ended_month(timezone.localdate())
    context = {
        "period": period,
        "periods": PlanPeriod.objects.all(),
        "branches": branches,
        "statements": selectors.statements_in_order(period),
        "lights": selectors.lights(period, month),
        "month": month,
        "can_close": not period.is_closed and keeps_strategy(staff_user(request)),
    }
    return render(request, "goals/tree.html", context)


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _goal_context(request: HttpRequest, goal: Goal) -> dict[str, Any]:
    user = staff_user(request)
    editable = selectors.may_edit(user, goal.unit) and not goal.period.is_closed
    month = last_ended_month(timezone.localdate())
    return {
        "goal": goal,
        "editable": editable,
        "month": month,
        "lights": selectors.lights(goal.period, month).get(goal.pk, []),
        "actions": [
            (action, FollowUpForm(initial={"version": action.version, "status": action.status}))
            for action in goal.actions.prefetch_related("comments__author").select_related("owner")
        ],
        "children": goal.children.select_related("unit"),
        "action_form": ActionForm(),
        "break_form": BreakDownForm(units=_units_below(user, goal)),
    }


def _units_below(user: Any, goal: Goal) -> Any:
    """Units under the goal's unit that the user keeps goals for."""
    below = [
        unit.pk
        for unit in selectors.editable_units(user)
        if unit.path.startswith(goal.unit.path) and unit != goal.unit
    ]
    return OrganisationUnit.objects.filter(pk__in=below).order_by("path")


@require_GET
def goal_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    goal = get_object_or_404(Goal.objects.select_related("period", "unit"), public_id=public_id)
    return render(request, "goals/goal.html", _goal_context(request, goal))


@require_POST
def add_action(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    goal = get_object_or_404(Goal, public_id=public_id)
    form = ActionForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "goals:goal", public_id=public_id)
    return _written(
        request,
        lambda: services.add_action(user=staff_user(request), goal=goal, **form.cleaned_data),
        _("The action is added."),
        public_id=public_id,
    )


@require_POST
def follow_up(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("goal__period"), public_id=public_id)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return refuse(request, form, "goals:goal", public_id=action.goal.public_id)
    data = dict(form.cleaned_data)
    return _written(
        request,
        lambda: services.follow_up_action(
            user=staff_user(request),
            action=action,
            expected_version=data.pop("version"),
            **data,
        ),
        _("The action is followed up."),
        public_id=action.goal.public_id,
    )


@require_POST
def break_down(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    goal = get_object_or_404(Goal.objects.select_related("period", "unit"), public_id=public_id)
    form = BreakDownForm(request.POST, units=_units_below(staff_user(request), goal))
    if not form.is_valid():
        return refuse(request, form, "goals:goal", public_id=public_id)
    return _written(
        request,
        lambda: services.break_down(user=staff_user(request), goal=goal, **form.cleaned_data),
        _("The goal is broken down to the unit."),
        public_id=public_id,
    )


def _written(request: HttpRequest, write: Any, success: str, public_id: Any) -> HttpResponse:
    """Run a write on a goal; refused, the goal's page says why (4xx), else back to it."""
    try:
        write()
    except (Refused, StaleEdit) as error:
        return refuse(request, error, "goals:goal", public_id=public_id)
    messages.success(request, success)
    return redirect("goals:goal", public_id=public_id)


@require_http_methods(["GET", "POST"])
def principle(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A principle with each unit's own words; a unit's manager writes the unit's."""
    statement = get_object_or_404(
        Statement.objects.select_related("period"), public_id=public_id, kind="principle"
    )
    units = selectors.editable_units(staff_user(request))
    if not units and request.method == "POST":
        raise Http404
    form = UnitPrincipleForm(request.POST or None, units=_unit_choices(units))
    status = status_for(form)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.write_unit_principle(user=staff_user(request), principle=statement, **data)
        except (Refused, StaleEdit) as error:
            status = refusal(form, error)  # the others' text is on the page, above the form
        else:
            messages.success(request, _("The unit's text is saved."))
            return redirect("goals:principle", public_id=public_id)
    context = {
        "principle": statement,
        "texts": statement.unit_texts.select_related("unit").prefetch_related("indicators"),
        "form": form if units and not statement.period.is_closed else None,
    }
    return render(request, "goals/principle.html", context, status=status)


def _unit_choices(units: list[Any]) -> Any:
    return OrganisationUnit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")


@require_GET
def report(request: HttpRequest, kind: str = "pdf") -> HttpResponse:
    """The committee's follow-up report as PDF: the goal tree with each goal's indicators,
    values, targets and status, and every action's status and latest comment. With a
    worker it is made in the background and the job's page shows its progress."""
    chosen = request.GET.get("period") or ""
    plan = (
        PlanPeriod.objects.filter(public_id=chosen).first() if _is_uuid(chosen) else None
    ) or selectors.current_period()
    if plan is None:
        raise Http404
    try:
        figures = Period.parse(request.GET.get("figures", ""))
    except BadPeriod:
        figures = last_ended_month(timezone.localdate())
    title = _("Follow-up report, %(period)s") % {"period": plan}
    params = {"plan": str(plan.public_id), "figures": figures.code, "format": kind}
    return file_or_job(request, kind=reports.KIND, title=title, params=params)


@require_POST
def close(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Close a plan period: from now on it can be read, not changed."""
    period = get_object_or_404(PlanPeriod, public_id=public_id)
    try:
        services.close_plan_period(user=staff_user(request), period=period)
    except Refused as error:
        return refuse(request, error, "goals:tree")
    messages.success(request, _("The plan period is closed."))
    return redirect(f"{reverse('goals:tree')}?period={period.public_id}")
