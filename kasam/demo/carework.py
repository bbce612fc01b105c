"""Demo care work on top of the case work: agreed plans for clients with a current decision,
visits for the last four weeks and the coming week (past ones documented), and notes."""

from __future__ import annotations

import datetime
import random
import uuid
from typing import cast

from django.conf import settings
from django.utils import timezone

from kasam.accounts.models import User
from kasam.careplans.models import CarePlan, PlanActivity, PlanGoal, PlanVersion
from kasam.decisions.models import Decision
from kasam.journal.models import JournalNote
from kasam.organisation.models import Membership
from kasam.visits.generation import generate
from kasam.visits.models import Visit

WORDS = {
    "NO": ("Klare morgenstellet selv.", "Morgenstell", "Rydding og støvsuging", "Fin dag."),
    "SE": ("Klara morgonrutinerna själv.", "Morgonrutiner", "Städning", "En bra dag."),
}
PAST_DAYS, COMING_DAYS = 28, 6


def generate_carework(*, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    goal, morning, cleaning, note = WORDS[settings.KASAM_COUNTRY]
    decisions = list(
        Decision.objects.filter(status="made", superseded_on__isnull=True)
        .exclude(case__status__in=["closed", "withdrawn", "forwarded"])
        .select_related("case")
        .prefetch_related("lines__service")
    )
    versions = _plans(decisions, goal, morning, cleaning, rng)
    today = timezone.localdate()
    result = generate(
        today - datetime.timedelta(days=PAST_DAYS),
        today + datetime.timedelta(days=COMING_DAYS),
        prepare=lambda visits: _staff_and_document(rng, today, visits),
    )
    notes = _notes(versions, note, today)
    return {"plans": len(versions), "visits": result.created, "notes": notes}


def _plans(
    decisions: list[Decision], goal: str, morning: str, cleaning: str, rng: random.Random
) -> list[PlanVersion]:
    plans = CarePlan.objects.bulk_create([CarePlan(client_id=d.case.client_id) for d in decisions])
    versions = PlanVersion.objects.bulk_create(
        PlanVersion(
            plan=plan,
            number=1,
            status="agreed",
            decision=d,
            contact_person_id=cast(int, d.case.handler_id),  # demo cases all have one
            created_by_id=cast(int, d.case.handler_id),
            agreement_method="paper",
            agreed_on=d.valid_from,
            agreed_by="—",
            review_on=d.valid_from + datetime.timedelta(days=180),
            next_review_on=d.valid_from + datetime.timedelta(days=180),
        )
        for plan, d in zip(plans, decisions, strict=True)
    )
    PlanGoal.objects.bulk_create(
        PlanGoal(
            plan_version=v,
            own_words=goal,
            how_we_know="—",
            follow_up_on=v.review_on or v.decision.valid_from,
        )
        for v in versions
    )
    activities = []
    for version, decision in zip(versions, decisions, strict=True):
        for line in decision.lines.all():
            if line.service.has_scope and line.provider_id:
                days = sorted(rng.sample(range(7), rng.choice([2, 3, 5, 7])))
                activities.append(
                    PlanActivity(
                        plan_version=version,
                        line=line,
                        what=morning if line.service.code == "home_nursing" else cleaning,
                        days=",".join(map(str, days)),
                        window_start=datetime.time(rng.choice([7, 8, 9, 13])),
                        duration_minutes=rng.choice([15, 20, 30, 45]),
                    )
                )
    PlanActivity.objects.bulk_create(activities, batch_size=5000)
    return versions


def _staff_and_document(rng: random.Random, today: datetime.date, visits: list[Visit]) -> None:
    """Assign each visit to a care worker of its unit; past visits are checked in and out."""
    workers: dict[int, list[int]] = {}
    for unit_id, user_id in Membership.objects.filter(
        role__in=["care_worker", "nurse", "contact_person"]
    ).values_list("unit_id", "user_id"):
        workers.setdefault(unit_id, []).append(user_id)
    demo_worker = User.objects.filter(username="care.worker").values_list("pk", flat=True).first()
    for visit in visits:
        pool = workers.get(visit.unit_id, [])
        if not pool:
            continue
        visit.staff_id = visit.staff_id or rng.choice(pool)  # the client's choice stands
        if demo_worker in pool and rng.random() < 0.25:
            visit.staff_id = demo_worker
        if visit.day < today:
            start = datetime.datetime.combine(visit.day, visit.window_start or datetime.time(9))
            visit.checked_in_at = timezone.make_aware(start)
            visit.checked_out_at = visit.checked_in_at + datetime.timedelta(minutes=25)
            visit.outcome = "done" if rng.random() < 0.95 else "not_done"
            visit.reason = "" if visit.outcome == "done" else "not_home"


def _notes(versions: list[PlanVersion], text: str, today: datetime.date) -> int:
    notes = [
        JournalNote(
            client_id=v.plan.client_id,
            author_id=v.contact_person_id,
            category="daily_care",
            text=text,
            submission_key=uuid.uuid4(),
        )
        for v in versions
        for _week in range(4)
    ]
    JournalNote.objects.bulk_create(notes, batch_size=5000)
    return len(notes)
