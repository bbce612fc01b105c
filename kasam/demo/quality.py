"""Demo quality work: deviations in different states, feedback, last year's and this
year's user and staff surveys (closed, with enough answers to show), and a participation session.
Written directly (not through the services) because it describes the past."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from kasam.accounts.models import User
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.quality.models import Deviation, DeviationEvent, Feedback, ParticipationSession
from kasam.surveys.models import Answer, Question, Response, Survey
from kasam.surveys.services import TEMPLATES, TEXT_QUESTION

WORDS = {
    "NO": ("Bruker funnet på badegulvet.", "Takk for god hjelp!", "Måltider", "Middag for tidlig."),
    "SE": (
        "Kunden hittades på badrumsgolvet.",
        "Tack för bra hjälp!",
        "Måltider",
        "Middag för tidigt.",
    ),
}


def generate_quality(*, country: str, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    units = list(OrganisationUnit.objects.filter(kind=OrganisationUnit.Kind.HOME_CARE))
    reporters = list(User.objects.filter(memberships__role=Membership.Role.CARE_WORKER)[:20])
    if not units or not reporters:
        return {"deviations": 0}
    fall, praise, theme, view = WORDS[country]
    deviations = _deviations(rng, units, reporters, fall)
    Feedback.objects.create(
        kind=Feedback.Kind.PRAISE,
        text=praise,
        unit=units[0],
        channel=Feedback.Channel.WEB,
        reply_due_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    responses = sum(
        _survey(rng, units, year, kind, country)
        for year in _years()
        for kind in (Survey.Kind.USERS, Survey.Kind.STAFF)
    )
    ParticipationSession.objects.create(
        unit=units[0],
        theme=theme,
        group="clients",
        participants=6,
        started_on=timezone.localdate() - datetime.timedelta(days=40),
        views=view,
    )
    return {"deviations": deviations, "survey answers": responses}


def _deviations(
    rng: random.Random, units: list[OrganisationUnit], reporters: list[User], text: str
) -> int:
    made = [_deviation(rng, units, reporters, text) for _ in range(60)]
    Deviation.objects.bulk_create(made)
    for deviation in made:  # reported the day it happened, not the day the demo was built
        reported = deviation.occurred_at + datetime.timedelta(hours=rng.randint(1, 8))
        Deviation.objects.filter(pk=deviation.pk).update(created_at=reported)
    DeviationEvent.objects.bulk_create(
        DeviationEvent(deviation=d, to_status="reported", by=d.reported_by, at=d.occurred_at)
        for d in made
    )
    return len(made)


def _deviation(
    rng: random.Random, units: list[OrganisationUnit], reporters: list[User], text: str
) -> Deviation:
    occurred = timezone.now() - datetime.timedelta(
        days=rng.randint(1, 360), hours=rng.randint(0, 23)
    )
    closed = rng.random() < 0.6
    return Deviation(
        occurred_at=occurred,
        unit=rng.choice(units),
        category=rng.choice(Deviation.Category.values),
        severity=rng.choice([1, 2, 2, 3]),
        what_happened=text,
        reported_by=rng.choice(reporters),
        status="closed" if closed else rng.choice(["reported", "in_review"]),
        learning="—" if closed else "",
        closed_at=min(occurred + datetime.timedelta(days=rng.randint(3, 45)), timezone.now())
        if closed
        else None,
    )


def _years() -> list[int]:
    year = timezone.localdate().year
    return [year - 1, year]


TITLES: dict[tuple[str, str], str] = {
    ("NO", Survey.Kind.USERS): "Brukerundersøkelsen",
    ("NO", Survey.Kind.STAFF): "Medarbeiderundersøkelsen",
    ("SE", Survey.Kind.USERS): "Brukarundersökningen",
    ("SE", Survey.Kind.STAFF): "Medarbetarenkäten",
}


def _survey(
    rng: random.Random, units: list[OrganisationUnit], year: int, kind: str, country: str
) -> int:
    """A closed survey of clients or staff, answered on paper in each unit."""
    survey = Survey.objects.create(
        title=TITLES[country, kind], kind=kind, year=year, status=Survey.Status.CLOSED
    )
    questions = []
    for order, (dimension, nb, sv, en) in enumerate(TEMPLATES[kind]):
        questions.append(
            Question.objects.create(
                survey=survey,
                order=order,
                text_nb=nb,
                text_sv=sv,
                text_en=en,
                type=Question.Type.SCALE,
                dimension=dimension,
            )
        )
    nb, sv, en = TEXT_QUESTION
    Question.objects.create(
        survey=survey, order=99, text_nb=nb, text_sv=sv, text_en=en, type="text"
    )
    day = (
        datetime.date(year, 3, 15)
        if year < timezone.localdate().year
        else timezone.localdate().replace(day=1)
    )
    count = 0
    for unit in units:
        for _ in range(rng.randint(3, 12)):  # some units too small to show
            response = Response.objects.create(
                survey=survey, unit=unit, submitted_on=day, channel="paper"
            )
            Answer.objects.bulk_create(
                Answer(response=response, question=q, number=rng.choice([3, 4, 4, 5, 5]))
                for q in questions
            )
            count += 1
    return count
