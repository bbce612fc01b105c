"""Demo care work on top of the case work: agreed plans for clients with a current decision,
visits for a past period (four weeks small, and at least the previous month's last
fortnight; a year large) and the coming week, the past
ones documented, and a weekly journal note per client."""

from __future__ import annotations

import datetime
import random
import uuid
from typing import cast

from django.conf import settings
from django.utils import timezone

from kasam.accounts.models import User
from kasam.careplans.models import CarePlan, PlanActivity, PlanGoal, PlanReview, PlanVersion
from kasam.decisions.models import Decision, DecisionLine
from kasam.journal.models import JournalNote
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.registry.models import Client, ClientWarning, HomeAccess, Stay
from kasam.visits.continuity import fortnight
from kasam.visits.generation import generate
from kasam.visits.models import Visit

WORDS = {
    "NO": ("Klare morgenstellet selv.", "Morgenstell", "Rydding og støvsuging", "Fin dag."),
    "SE": ("Klara morgonrutinerna själv.", "Morgonrutiner", "Städning", "En bra dag."),
}
# Help every morning and evening, for a share of those with practical help (the population
# of Sweden's national continuity measure).
DAILY = {"NO": ("Morgenhjelp", "Kveldshjelp"), "SE": ("Morgonhjälp", "Kvällshjälp")}
EVERY_DAY = "0,1,2,3,4,5,6"
COMING_DAYS, CHUNK_DAYS = 6, 28


def generate_carework(*, seed: int, past_days: int = 28) -> dict[str, int]:
    rng = random.Random(seed)
    goal, morning, cleaning, note = WORDS[settings.KASAM_COUNTRY]
    decisions = list(
        Decision.objects.filter(status="made", superseded_on__isnull=True)
        .exclude(case__status__in=["closed", "withdrawn", "forwarded"])
        .select_related("case__client")
        .prefetch_related("lines__service")
    )
    versions = _plans(
        decisions,
        goal,
        morning,
        cleaning,
        rng,
        needs=random.Random(seed + 1),
        follow_ups=random.Random(seed + 2),
    )
    today = timezone.localdate()
    stays = _stays(random.Random(seed + 3), versions, today)
    _at_the_door(random.Random(seed + 4), versions)
    workers = _workers()
    created = 0
    start, last = _first_day(today, past_days), today + datetime.timedelta(COMING_DAYS)
    while start <= last:  # in chunks, so that memory stays small for a year of visits
        end = min(start + datetime.timedelta(days=CHUNK_DAYS - 1), last)
        result = generate(
            start, end, prepare=lambda visits: _staff_and_document(rng, today, visits, workers)
        )
        created += result.created
        start = end + datetime.timedelta(days=1)
    notes = _notes(versions, note, today, weeks=max(past_days // 7, 1))
    reviews = _reviews(rng, versions, note, today)
    return {
        "plans": len(versions),
        "plan reviews": reviews,
        "visits": created,
        "notes": notes,
        "stays away": stays,
    }


DOOR = {
    "NO": (
        ("Inngang fra baksiden, ring to ganger.", "Heis til 3. etasje."),
        "Allergisk mot nøtter.",
    ),
    "SE": (
        ("Ingång från gården, ring två gånger.", "Hiss till tredje våningen."),
        "Allergisk mot nötter.",
    ),
}


def _at_the_door(rng: random.Random, versions: list[PlanVersion]) -> None:
    """How to get in for most clients with a plan (a key box for some), an allergy for a few."""
    entrances, allergy = DOOR[settings.KASAM_COUNTRY]
    homes, warnings = [], []
    for version in versions:
        client_id = version.plan.client_id
        if rng.random() < 0.8:
            code = f"{rng.randint(0, 9999):04d}" if rng.random() < 0.5 else ""
            homes.append(
                HomeAccess(client_id=client_id, entrance=rng.choice(entrances), key_box_code=code)
            )
        if rng.random() < 0.1:
            warnings.append(ClientWarning(client_id=client_id, kind="allergy", text=allergy))
    HomeAccess.objects.bulk_create(homes, ignore_conflicts=True)
    ClientWarning.objects.bulk_create(warnings)


def _first_day(today: datetime.date, past_days: int) -> datetime.date:
    """`past_days` back, and never later than the last fortnight of the month before: the
    national continuity measure reads the fortnight ending on a month's last day, so the
    demo has last month's figure whatever day of the month it is built."""
    last_month_end = today.replace(day=1) - datetime.timedelta(days=1)
    return min(today - datetime.timedelta(days=past_days), fortnight(last_month_end)[0])


def _stays(rng: random.Random, versions: list[PlanVersion], today: datetime.date) -> int:
    """A few clients in hospital since the last days (not yet home) and a few going to a
    short-term stay next week: their visits of those days are made cancelled."""
    day = datetime.timedelta(days=1)
    gone = set(Client.objects.filter(status__in=Client.GONE).values_list("pk", flat=True))
    stays = []
    for version in versions:
        draw = rng.random()
        if version.plan.client_id in gone:
            continue
        if draw < 0.03:
            stays.append(
                Stay(
                    client_id=version.plan.client_id,
                    kind="hospital",
                    starts_on=today - rng.randint(0, 3) * day,
                )
            )
        elif draw < 0.05:
            starts = today + rng.randint(2, 4) * day
            stays.append(
                Stay(
                    client_id=version.plan.client_id,
                    kind="short_stay",
                    starts_on=starts,
                    home_on=starts + 14 * day,
                )
            )
    Stay.objects.bulk_create(stays)
    return len(stays)


def _reviews(
    rng: random.Random, versions: list[PlanVersion], text: str, today: datetime.date
) -> int:
    """Plans followed up every half year: most by the review date, some late, some not."""
    reviews = []
    for version in versions:
        due = version.review_on
        while due is not None and due < today:
            when = rng.choices(["in time", "late", "never"], [75, 12, 13])[0]
            if when == "never":
                break
            shift = -rng.randint(0, 14) if when == "in time" else rng.randint(3, 20)
            reviewed = due + datetime.timedelta(days=shift)
            if reviewed >= today:
                break
            due = reviewed + datetime.timedelta(days=180)
            reviews.append(
                PlanReview(
                    plan_version=version,
                    reviewed_on=reviewed,
                    went_well=text,
                    next_review_on=due,
                    reviewed_by_id=version.contact_person_id,
                )
            )
            version.next_review_on = due
    PlanReview.objects.bulk_create(reviews, batch_size=5000)
    PlanVersion.objects.bulk_update(versions, ["next_review_on"], batch_size=2000)
    return len(reviews)


def _plans(
    decisions: list[Decision],
    goal: str,
    morning: str,
    cleaning: str,
    rng: random.Random,
    *,
    needs: random.Random,  # its own stream, so that the other draws stay as they were
    follow_ups: random.Random,  # the same
) -> list[PlanVersion]:
    plans = CarePlan.objects.bulk_create([CarePlan(client_id=d.case.client_id) for d in decisions])
    versions = PlanVersion.objects.bulk_create(
        PlanVersion(
            plan=plan,
            number=1,
            status="agreed",
            decision=d,
            contact_person_id=_contact_person(d),
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
            next_follow_up_on=v.review_on or v.decision.valid_from,
        )
        for v in versions
    )
    activities = []
    for version, decision in zip(versions, decisions, strict=True):
        for line in decision.lines.all():
            if line.service.code == "practical_help" and line.provider_id and rng.random() < 0.4:
                activities += _morning_and_evening(version, line)
            elif line.service.has_scope and line.provider_id:
                days = sorted(rng.sample(range(7), rng.choice([2, 3, 5, 7])))
                nursing = line.service.code == "home_nursing"
                hour = rng.choice([7, 8, 9, 13])
                lifted = needs.random() < 0.05  # two staff with a hoist
                activities.append(
                    PlanActivity(
                        plan_version=version,
                        line=line,
                        what=morning if nursing else cleaning,
                        days=",".join(map(str, days)),
                        window_start=datetime.time(hour),
                        window_end=datetime.time(hour + 2),
                        duration_minutes=rng.choice([15, 20, 30, 45]),
                        staff_count=2 if lifted else 1,
                        competence=_competence(needs, nursing=nursing, lifted=lifted),
                        **_follow_up(follow_ups, nursing and not lifted),
                    )
                )
    PlanActivity.objects.bulk_create(activities, batch_size=5000)
    return versions


def _follow_up(rng: random.Random, may: bool) -> dict[str, int]:
    """One nursing activity in twenty has a second visit (eye drops again, a meal after
    insulin): ten minutes, 30 to 60 minutes after the first starts."""
    if may and rng.random() < 0.05:
        return {"follow_up_minutes": 10, "follow_up_after": 30, "follow_up_within": 60}
    return {}


def _competence(rng: random.Random, *, nursing: bool, lifted: bool) -> str:
    """Lifting takes a hoist; some nursing takes a nurse, some a delegation for medicines."""
    if lifted:
        return "hoist"
    if nursing:
        return rng.choices(["nurse", "delegated", "any"], weights=[3, 3, 4])[0]
    return "any"


def _morning_and_evening(version: PlanVersion, line: DecisionLine) -> list[PlanActivity]:
    return [
        PlanActivity(
            plan_version=version,
            line=line,
            what=what,
            days=EVERY_DAY,
            window_start=datetime.time(hour),
            window_end=datetime.time(hour + 2),
            duration_minutes=30,
        )
        for what, hour in zip(DAILY[settings.KASAM_COUNTRY], (8, 20), strict=True)
    ]


def _contact_person(decision: Decision) -> int:
    """The client's contact person, else the case handler (demo cases all have one)."""
    return cast(int, decision.case.client.contact_person_id or decision.case.handler_id)


def _workers() -> dict[int, list[int]]:
    """Care workers, nurses and contact persons by unit; the demo care worker under -1.
    A team has no staff of its own in the demo: its visits go to its district's workers."""
    workers: dict[int, list[int]] = {}
    for unit_id, user_id in Membership.objects.filter(
        role__in=["care_worker", "nurse", "contact_person"]
    ).values_list("unit_id", "user_id"):
        workers.setdefault(unit_id, []).append(user_id)
    teams = OrganisationUnit.objects.filter(kind=OrganisationUnit.Kind.TEAM)
    for team_id, district_id in teams.values_list("pk", "parent_id"):
        workers.setdefault(team_id, workers.get(district_id, []))
    demo_worker = User.objects.filter(username="care.worker").values_list("pk", flat=True).first()
    workers[-1] = [demo_worker] if demo_worker else []
    return workers


def _staff_and_document(
    rng: random.Random, today: datetime.date, visits: list[Visit], workers: dict[int, list[int]]
) -> None:
    """Assign each visit to a care worker of its unit; past visits are checked in and out."""
    demo_worker = workers[-1][0] if workers[-1] else None
    for visit in visits:
        pool = workers.get(visit.unit_id, [])
        if not pool:
            continue
        visit.staff_id = visit.staff_id or rng.choice(pool)  # the client's choice stands
        if demo_worker in pool and rng.random() < 0.25:
            visit.staff_id = demo_worker
        if visit.day < today and not visit.cancelled:
            start = datetime.datetime.combine(visit.day, visit.window_start or datetime.time(9))
            visit.checked_in_at = timezone.make_aware(start)
            visit.checked_out_at = visit.checked_in_at + datetime.timedelta(minutes=25)
            visit.outcome = "done" if rng.random() < 0.98 else "not_done"
            if visit.outcome == "not_done":
                visit.reason = rng.choice(["declined", "not_home", "other"])


def _notes(versions: list[PlanVersion], text: str, today: datetime.date, *, weeks: int) -> int:
    """One note a week per client, written by the contact person."""
    notes = [
        JournalNote(
            client_id=v.plan.client_id,
            author_id=v.contact_person_id,
            category="daily_care",
            text=text,
            submission_key=uuid.uuid4(),
        )
        for v in versions
        for _week in range(weeks)
    ]
    JournalNote.objects.bulk_create(notes, batch_size=5000)
    return len(notes)
