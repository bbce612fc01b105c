from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kasam.assessments import selectors, services
from kasam.assessments.forms import AssessmentForm, MappingForm, StartupForm
from kasam.audit.services import Actor
from kasam.cases.selectors import CaseAccess
from kasam.cases.views import open_case
from kasam.core.errors import Refused
from kasam.core.forms import status_for


def case_section(request: HttpRequest, access: CaseAccess) -> dict[str, Any]:
    """What the case page shows of the assessment work."""
    return {
        "assessments": selectors.assessments_of(access.case),
        "periods": selectors.startup_periods_of(access.case),
    }


@require_http_methods(["GET", "POST"])
def assessment_new(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_case(request, public_id)
    case = access.case
    latest = selectors.assessments_of(case).first()
    form = AssessmentForm(
        request.POST or None,
        scale=selectors.installation_scale(),
        periods=selectors.startup_periods_of(case),
        instance=None,
        initial=_carried_over(latest),
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.create_assessment(
                actor=Actor.from_request(request),
                access=access,
                scores=form.scores(),
                content=services.AssessmentContent(**form.assessment_fields()),
            )
        except Refused as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The assessment is saved as version %(n)s.") % {"n": assessment.version}
            )
            return redirect("cases:case-detail", public_id=public_id)
    context = {"form": form, "case": case, "client": case.client, "latest": latest}
    return render(request, "assessments/assessment_form.html", context, status=status_for(form))


def _carried_over(latest: Any) -> dict[str, Any]:
    """A new version starts from the last one's text, so nothing has to be typed twice."""
    if latest is None:
        return {}
    initial = {
        name: getattr(latest, name)
        for name in (
            "what_matters",
            "own_goals",
            "strengths",
            "manages_self",
            "relatives_view",
        )
    }
    for score in latest.scores.select_related("item"):
        code = score.item.code
        initial.update(
            {
                f"level_{code}": str(score.level_id or ""),
                f"needs_{code}": score.needs,
                f"resources_{code}": score.resources,
                f"goals_{code}": score.goals,
            }
        )
    return initial


@require_GET
def assessment_detail(request: HttpRequest, public_id: uuid.UUID, version: int) -> HttpResponse:
    access = open_case(request, public_id)
    assessment = selectors.assessment_detail(access.case, version)
    if assessment is None:
        raise Http404
    context = {
        "case": access.case,
        "client": access.case.client,
        "assessment": assessment,
        "versions": selectors.assessments_of(access.case),
    }
    return render(request, "assessments/assessment_detail.html", context)


@require_http_methods(["GET", "POST"])
def startup_new(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    access = open_case(request, public_id)
    form = StartupForm(
        request.POST or None,
        teams=selectors.startup_teams(),
        initial={"starts_on": timezone.localdate(), "weeks": 4},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.hand_to_startup_team(
                actor=Actor.from_request(request), access=access, **form.cleaned_data
            )
        except Refused as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The case is handed to the start-up team."))
            return redirect("cases:case-detail", public_id=public_id)
    context = {"form": form, "case": access.case, "client": access.case.client}
    return render(request, "assessments/startup_form.html", context, status=status_for(form))


@require_http_methods(["GET", "POST"])
def startup_mapping(
    request: HttpRequest, public_id: uuid.UUID, period_id: uuid.UUID
) -> HttpResponse:
    access = open_case(request, public_id)
    period = get_object_or_404(selectors.startup_periods_of(access.case), public_id=period_id)
    form = MappingForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.record_mapping(
                actor=Actor.from_request(request),
                access=access,
                period=period,
                complete=data.pop("complete"),
                **data,
            )
        except Refused as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The mapping is saved."))
            return redirect("cases:case-detail", public_id=public_id)
    context = {"form": form, "case": access.case, "client": access.case.client, "period": period}
    return render(request, "assessments/mapping_form.html", context, status=status_for(form))
