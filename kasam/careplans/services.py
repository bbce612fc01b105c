"""Writing care plans. A change is a new draft version; only an agreed version is current."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.access.selectors import ClientAccess
from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.careplans.models import (
    CarePlan,
    GoalReview,
    PlanActivity,
    PlanGoal,
    PlanReview,
    PlanVersion,
    StaffChoice,
)
from kasam.core.concurrency import claim_version
from kasam.core.errors import Refused
from kasam.decisions.models import Decision, DecisionLine, Service

Action = AuditEvent.Action
Status = PlanVersion.Status


@dataclass
class PlanContent:
    """Goals and activities as entered (unsaved model instances)."""

    goals: list[PlanGoal] = field(default_factory=list)
    activities: list[PlanActivity] = field(default_factory=list)


def check_activities(decision: Decision, activities: list[PlanActivity]) -> list[str]:
    """Refuse what breaks a rule; return warnings where the plan exceeds the granted scope."""
    granted = {line.pk: line for line in decision.lines.all() if line.is_granted}
    for activity in activities:
        if activity.line_id not in granted:
            raise Refused(
                _("“%(what)s” rests on a service that is not granted in the decision.")
                % {"what": activity.what}
            )
        if (
            activity.window_start
            and activity.window_end
            and (activity.window_end <= activity.window_start)
        ):
            raise Refused(
                _("“%(what)s”: the time window ends before it starts.") % {"what": activity.what}
            )
        _check_service_hours(activity, granted[activity.line_id])
        _check_follow_up(activity)
        if not activity.as_needed and not activity.weekdays:
            raise Refused(
                _("“%(what)s”: choose the days, or mark it as needed.") % {"what": activity.what}
            )
    return [
        _scope_warning(granted[pk], acts)
        for pk, acts in _by_line(activities).items()
        if _exceeds(granted[pk], acts)
    ]


def _check_service_hours(activity: PlanActivity, line: DecisionLine) -> None:
    """The time window must lie within the providing unit's service hours, when it has any."""
    unit = line.provider
    if unit is None or unit.service_from is None or unit.service_to is None:
        return
    start, end = activity.window_start, activity.window_end
    if (start and start < unit.service_from) or (end and end > unit.service_to):
        raise Refused(
            _("“%(what)s” lies outside %(unit)s's service hours (%(start)s–%(end)s).")
            % {
                "what": activity.what,
                "unit": unit.name,
                "start": f"{unit.service_from:%H:%M}",
                "end": f"{unit.service_to:%H:%M}",
            }
        )


def _check_follow_up(activity: PlanActivity) -> None:
    given = (activity.follow_up_minutes, activity.follow_up_after, activity.follow_up_within)
    if all(value is None for value in given):
        return
    if any(value is None for value in given):
        raise Refused(
            _(
                "“%(what)s”: a second visit needs its minutes and when it starts, at the "
                "earliest and at the latest."
            )
            % {"what": activity.what}
        )
    if activity.follow_up_after > activity.follow_up_within:  # type: ignore[operator]
        raise Refused(
            _("“%(what)s”: the second visit's latest start comes before its earliest.")
            % {"what": activity.what}
        )
    if activity.staff_count > 1:
        raise Refused(
            _("“%(what)s”: a visit with two staff cannot also have a second visit.")
            % {"what": activity.what}
        )


def _by_line(activities: list[PlanActivity]) -> dict[int, list[PlanActivity]]:
    grouped: dict[int, list[PlanActivity]] = {}
    for activity in activities:
        grouped.setdefault(activity.line_id, []).append(activity)
    return grouped


def _planned(line: DecisionLine, activities: list[PlanActivity]) -> Decimal | None:
    """Planned amount per week in the service's unit of scope, where it can be compared."""
    unit = line.service.scope_unit
    if unit == Service.ScopeUnit.HOURS_WEEK:
        minutes = sum(
            (a.duration_minutes * a.staff_count + (a.follow_up_minutes or 0)) * len(a.weekdays)
            for a in activities
        )
        return Decimal(minutes) / 60
    if unit == Service.ScopeUnit.VISITS_WEEK:
        return Decimal(sum(len(a.weekdays) * (2 if a.follow_up else 1) for a in activities))
    return None


def _exceeds(line: DecisionLine, activities: list[PlanActivity]) -> bool:
    planned = _planned(line, activities)
    return planned is not None and line.scope is not None and planned > line.scope


def _scope_warning(line: DecisionLine, activities: list[PlanActivity]) -> str:
    return _(
        "%(service)s: the plan has %(planned)s %(unit)s, more than the %(granted)s granted."
    ) % {
        "service": line.service.name,
        "planned": f"{_planned(line, activities):.1f}",
        "unit": line.service.get_scope_unit_display(),
        "granted": f"{line.scope.normalize():f}" if line.scope is not None else "",
    }


@transaction.atomic
def start_version(
    *, actor: Actor, access: ClientAccess, decision: Decision, contact_person: User
) -> PlanVersion:
    """A new draft, starting from the current version's goals and activities."""
    if not decision.is_current or decision.case.client_id != access.client.pk:
        raise Refused(_("A plan rests on the client's current decision."))
    plan, _created = CarePlan.objects.get_or_create(client=access.client)
    if plan.versions.filter(status=Status.DRAFT).exists():
        raise Refused(_("There is already a draft of this plan; continue with it."))
    latest = plan.versions.aggregate(n=Max("number"))["n"] or 0
    version = PlanVersion.objects.create(
        plan=plan,
        number=latest + 1,
        decision=decision,
        contact_person=contact_person,
        created_by=actor.user,
    )
    current = current_version(access.client)
    if current is not None:
        _copy(current, version, decision)
    record_access(actor=actor, access=access, action=Action.CREATE, target=version)
    return version


def _copy(source: PlanVersion, target: PlanVersion, decision: Decision) -> None:
    """Carry goals, and activities whose service is still granted, into a new version."""
    granted = {line.service_id: line for line in decision.lines.all() if line.is_granted}
    for goal in source.goals.all():
        goal.pk, goal.plan_version = None, target
        goal.save()
    for activity in source.activities.select_related("line"):
        line = granted.get(activity.line.service_id)
        if line is not None:
            activity.pk, activity.plan_version, activity.line = None, target, line
            activity.save()
    for name in ("review_on", "comprehensible", "manageable", "meaningful"):
        setattr(target, name, getattr(source, name))
    target.save()


def current_version(client: Any) -> PlanVersion | None:
    return (
        PlanVersion.objects.filter(plan__client=client, status=Status.AGREED)
        .order_by("-number")
        .first()
    )


@transaction.atomic
def save_draft(
    *,
    actor: Actor,
    access: ClientAccess,
    version: PlanVersion,
    expected_version: int,
    content: PlanContent,
    review_on: datetime.date | None = None,
    comprehensible: str = "",
    manageable: str = "",
    meaningful: str = "",
) -> list[str]:
    """Replace the draft's content; returns scope warnings (the draft is saved anyway)."""
    _check_draft(version)
    warnings = check_activities(version.decision, content.activities)
    claim_version(version, expected_version)
    version.review_on, version.comprehensible = review_on, comprehensible
    version.manageable, version.meaningful = manageable, meaningful
    version.full_clean()
    version.save()
    version.goals.all().delete()
    version.activities.all().delete()
    for goal in content.goals:
        goal.plan_version = version
        goal.full_clean()
    for activity in content.activities:
        activity.plan_version = version
        activity.full_clean()
    PlanGoal.objects.bulk_create(content.goals)
    PlanActivity.objects.bulk_create(content.activities)
    record_access(actor=actor, access=access, action=Action.UPDATE, target=version)
    return warnings


def _check_draft(version: PlanVersion) -> None:
    if version.status != Status.DRAFT:
        raise Refused(_("Only a draft can be changed; start a new version."))


@transaction.atomic
def agree(
    *,
    actor: Actor,
    access: ClientAccess,
    version: PlanVersion,
    expected_version: int,
    method: str,
    agreed_on: datetime.date,
    agreed_by: str,
    witness: str = "",
) -> PlanVersion:
    """The client (or representative) agrees: this version becomes the current plan."""
    _check_draft(version)
    if not version.goals.exists() or not version.activities.exists():
        raise Refused(_("A plan needs at least one goal and one activity before it is agreed."))
    if not version.decision.is_current:
        raise Refused(_("The decision this plan rests on has been replaced; start a new version."))
    check_activities(version.decision, list(version.activities.select_related("line")))
    claim_version(version, expected_version)
    PlanVersion.objects.filter(plan=version.plan, status=Status.AGREED).update(
        status=Status.SUPERSEDED, superseded_on=agreed_on
    )
    version.status, version.agreement_method = Status.AGREED, method
    version.next_review_on = version.review_on
    version.agreed_on, version.agreed_by, version.witness = agreed_on, agreed_by, witness
    version.full_clean()
    version.save()
    version.goals.filter(reached_on__isnull=True).update(next_follow_up_on=F("follow_up_on"))
    record_access(actor=actor, access=access, action=Action.UPDATE, target=version)
    _name_contact_person(actor, access, version.contact_person)
    return version


def _name_contact_person(actor: Actor, access: ClientAccess, person: User) -> None:
    """The agreed plan's contact person is the client's contact person (kept in history)."""
    client = access.client
    if client.contact_person_id == person.pk:
        return
    client.contact_person = person
    client.save(update_fields=["contact_person", "updated_at"])
    record_access(actor=actor, access=access, action=Action.UPDATE, target=client)


@transaction.atomic
def decline(
    *,
    actor: Actor,
    access: ClientAccess,
    version: PlanVersion,
    expected_version: int,
    reason: str,
) -> PlanVersion:
    _check_draft(version)
    if not reason.strip():
        raise Refused(_("Say why the plan was declined."))
    claim_version(version, expected_version)
    version.status, version.declined_reason = Status.DECLINED, reason
    version.save()
    record_access(actor=actor, access=access, action=Action.UPDATE, target=version)
    return version


@transaction.atomic
def review(
    *,
    actor: Actor,
    access: ClientAccess,
    version: PlanVersion,
    reviewed_on: datetime.date,
    went_well: str,
    next_review_on: datetime.date,
    changes: str = "",
) -> PlanReview:
    """Record a follow-up of the current plan; it sets when the next one is due."""
    if version.status != Status.AGREED:
        raise Refused(_("Only the current plan is followed up."))
    entry = PlanReview(
        plan_version=version,
        reviewed_by=actor.user,
        reviewed_on=reviewed_on,
        went_well=went_well,
        changes=changes,
        next_review_on=next_review_on,
    )
    entry.full_clean()
    if entry.next_review_on <= entry.reviewed_on:
        raise Refused(_("The next review must come after this one."))
    entry.save()
    version.next_review_on = entry.next_review_on
    version.save(update_fields=["next_review_on", "updated_at"])
    record_access(actor=actor, access=access, action=Action.CREATE, target=entry)
    return entry


@transaction.atomic
def review_goal(
    *,
    actor: Actor,
    access: ClientAccess,
    goal: PlanGoal,
    reviewed_on: datetime.date,
    progress: str,
    comment: str,
    next_follow_up_on: datetime.date | None = None,
) -> GoalReview:
    """Follow up one goal of the current plan; a reached goal needs no further date."""
    if goal.plan_version.status != Status.AGREED:
        raise Refused(_("Only the goals of the current plan are followed up."))
    entry = GoalReview(
        goal=goal,
        reviewed_by=actor.user,
        reviewed_on=reviewed_on,
        progress=progress,
        comment=comment,
        next_follow_up_on=next_follow_up_on,
    )
    entry.full_clean()
    reached = entry.progress == GoalReview.Progress.REACHED
    if not reached and entry.next_follow_up_on is None:
        raise Refused(_("Set when the goal is followed up next, or mark it reached."))
    if entry.next_follow_up_on is not None and entry.next_follow_up_on <= entry.reviewed_on:
        raise Refused(_("The next follow-up must come after this one."))
    entry.save()
    goal.reached_on = entry.reviewed_on if reached else None
    goal.next_follow_up_on = None if reached else entry.next_follow_up_on
    goal.save(update_fields=["reached_on", "next_follow_up_on"])
    record_access(actor=actor, access=access, action=Action.CREATE, target=entry)
    return entry


@transaction.atomic
def choose_staff(*, actor: Actor, access: ClientAccess, kind: str, staff: User) -> StaffChoice:
    """Record the client's choice; choosing the same person again changes nothing."""
    existing = StaffChoice.objects.filter(
        client=access.client, kind=kind, staff=staff, ended_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    choice = StaffChoice(client=access.client, kind=kind, staff=staff)
    choice.full_clean()
    choice.save()
    record_access(actor=actor, access=access, action=Action.CREATE, target=choice)
    return choice


@transaction.atomic
def end_staff_choice(*, actor: Actor, access: ClientAccess, choice: StaffChoice) -> None:
    """The client no longer wants it: ended, kept in the history."""
    choice.ended_at = timezone.now()
    choice.save(update_fields=["ended_at", "updated_at"])
    record_access(actor=actor, access=access, action=Action.UPDATE, target=choice)
