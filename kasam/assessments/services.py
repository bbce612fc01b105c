"""Writing assessments (always a new version) and the start-up team's mapping period."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.assessments.models import Assessment, ItemScore, StartupPeriod
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.cases.models import Case
from kasam.cases.selectors import CaseAccess
from kasam.cases.services import begin_assessment
from kasam.core.errors import Refused
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import ServiceLink

Action = AuditEvent.Action
Status = Case.Status
ASSESSABLE = (Status.FIRST_CONTACT, Status.UNDER_ASSESSMENT, Status.DECIDED)


def _check_assessable(case: Case) -> None:
    if case.status == Status.RECEIVED:
        raise Refused(_("Record the first contact before the assessment."))
    if case.status not in ASSESSABLE:
        raise Refused(_("The case is closed; register a new case to assess again."))


@dataclass(frozen=True)
class AssessmentContent:
    """What an assessment records, starting from "What matters to you?"."""

    what_matters: str
    own_goals: str = ""
    strengths: str = ""
    manages_self: str = ""
    relatives_view: str = ""
    handler_assessment: str = ""
    reablement_potential: bool = False
    weight_kg: Decimal | None = None
    nutrition_tool: str = ""
    nutrition_score: int | None = None
    fall_risk_tool: str = ""
    fall_risk_score: int | None = None
    startup_period: StartupPeriod | None = None


@transaction.atomic
def create_assessment(
    *,
    actor: Actor,
    access: CaseAccess,
    scores: list[dict[str, Any]],
    content: AssessmentContent,
) -> Assessment:
    """A new version; the earlier versions stay exactly as they were."""
    case = Case.objects.select_for_update().get(pk=access.case.pk)
    _check_assessable(case)
    latest = case.assessments.aggregate(latest=Max("version"))["latest"] or 0
    assessment = Assessment(case=case, version=latest + 1, made_by=actor.user)
    for field in fields(content):  # not asdict(), which would deep-copy the period
        setattr(assessment, field.name, getattr(content, field.name))
    assessment.full_clean()
    assessment.save()
    ItemScore.objects.bulk_create(ItemScore(assessment=assessment, **score) for score in scores)
    begin_assessment(actor=actor, case=case)
    record_access(actor=actor, access=access.client_access, action=Action.CREATE, target=assessment)
    return assessment


@transaction.atomic
def hand_to_startup_team(
    *,
    actor: Actor,
    access: CaseAccess,
    team: OrganisationUnit,
    starts_on: datetime.date,
    weeks: int,
) -> StartupPeriod:
    """The team serves the client for the period, and so sees the record while it maps."""
    _check_assessable(access.case)
    period = StartupPeriod(
        case=access.case, team=team, starts_on=starts_on, weeks=weeks, created_by=actor.user
    )
    period.full_clean()
    period.save()
    ServiceLink.objects.create(
        client=access.case.client, unit=team, starts_on=starts_on, ends_on=period.ends_on
    )
    record_access(actor=actor, access=access.client_access, action=Action.CREATE, target=period)
    return period


@transaction.atomic
def record_mapping(
    *,
    actor: Actor,
    access: CaseAccess,
    period: StartupPeriod,
    complete: bool,
    observations: str = "",
    manages_self: str = "",
    recommendation: str = "",
) -> StartupPeriod:
    if period.completed_at is not None:
        raise Refused(_("The mapping is completed and can no longer be changed."))
    period.observations, period.manages_self = observations, manages_self
    period.recommendation = recommendation
    if complete:
        period.completed_at = timezone.now()
    period.full_clean()
    period.save()
    record_access(actor=actor, access=access.client_access, action=Action.UPDATE, target=period)
    return period
