"""The committee's follow-up report as a file: made in the request, or by a worker as a job
(kasam.jobs) with its progress shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from kasam.core.exports import pdf_bytes
from kasam.goals import selectors, word
from kasam.goals.models import PlanPeriod
from kasam.indicators.periods import Period
from kasam.jobs.registry import Made
from kasam.organisation.letterhead import letterhead

KIND = "goal_report"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def produce(params: dict[str, Any], progress: Callable[[int], None]) -> Made:
    plan = PlanPeriod.objects.get(public_id=params["plan"])
    figures = Period.parse(params["figures"])
    lights = selectors.lights(plan, figures)
    progress(40)
    trends = selectors.trends(plan, figures)
    progress(70)
    top = plan.goals.select_related("unit").first()
    context = {
        "period": plan,
        "month": figures,
        "branches": selectors.tree(plan),
        "statements": selectors.statements_in_order(plan),
        "lights": lights,
        "trends": trends,
        "summary": selectors.summary(lights),
        "goals": plan.goals.count(),
        "letterhead": letterhead(top.unit if top else None),
        "today": timezone.localdate(),
    }
    if params.get("format") == "docx":
        return Made(word.document(context), f"goals-{figures.code}.docx", DOCX)
    body = pdf_bytes("goals/report.html", context)
    return Made(body, f"goals-{figures.code}.pdf", "application/pdf")
