"""Three years of synthetic case work for the demo: applications with their deadlines, first
contacts, status history, assessments on the national scale, decisions and their revisions;
a year of reports of concern about the children child and family services serve. Nothing
happens to a client after the day they died, moved away or became inactive."""

from __future__ import annotations

import datetime
import random
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from kasam.accounts.models import User
from kasam.assessments.models import Assessment, ItemScore, Scale
from kasam.cases.deadlines import deadlines_for
from kasam.cases.models import Case, CaseDeadline, CaseTransition, CaseType, FirstContact
from kasam.cases.services import MEETS
from kasam.core.workdays import calendar_for
from kasam.decisions.models import Decision, DecisionLine, Service
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client, ServiceLink

Status = Case.Status
YEARS = 3
# What people ask for and what matters to them, in the installation's language.
REQUESTS = {
    "NO": ["Hjelp hjemme.", "Hjelp etter sykehusopphold.", "Trygghetsalarm."],
    "SE": ["Hjälp i hemmet.", "Hjälp efter sjukhusvistelse.", "Trygghetslarm."],
}
WHAT_MATTERS = {
    "NO": [
        "Å bo hjemme og klare morgenene selv.",
        "Å komme meg ut på tur hver dag og treffe naboene.",
        "At datteren min ikke skal bekymre seg for meg.",
        "Å lage middag selv, med litt hjelp til å komme i gang.",
        "Å føle meg trygg om natta.",
    ],
    "SE": [
        "Att bo kvar hemma och klara morgnarna själv.",
        "Att komma ut på en promenad varje dag och träffa grannarna.",
        "Att min dotter inte ska behöva oroa sig för mig.",
        "Att laga min egen middag, med lite hjälp att komma igång.",
        "Att känna mig trygg på natten.",
    ],
}
HOME_SERVICES = ["home_nursing", "practical_help", "safety_alarm", "meals"]


@dataclass
class Work:
    """What one generated case consists of before it is saved."""

    case: Case
    path: list[str]
    until: datetime.datetime  # now, or when the client stopped being served
    deadlines: list[CaseDeadline] = field(default_factory=list)
    reached: dict[str, datetime.datetime] = field(default_factory=dict)  # status: when

    @property
    def contacted_at(self) -> datetime.datetime | None:
        return self.reached.get(Status.FIRST_CONTACT)

    @property
    def decided_at(self) -> datetime.datetime | None:
        return self.reached.get(Status.DECIDED)


def generate_casework(
    *,
    clients: list[Client],
    office: OrganisationUnit,
    family: OrganisationUnit,
    handlers: list[User],
    seed: int,
    share: float,
) -> dict[str, int]:
    rng = random.Random(seed)
    now = timezone.now()
    case_type = CaseType.objects.get(country=settings.KASAM_COUNTRY, code="application")
    rules = list(case_type.rules.all())
    chosen = [c for c in clients if rng.random() < share]
    works = [_work(rng, now, client, case_type, office, handlers) for client in chosen]
    works = [w for w in works if w.case.received_at < w.until]
    for work in works:
        _deadlines(rng, work, rules)
    concerns = _concerns(rng, now, clients, family)
    bulk_create_with_history([w.case for w in works + concerns], Case, batch_size=2000)
    _save_details(works + concerns)
    assessments = _assessments(rng, works)
    decisions = _decisions(rng, works, _serving_units(chosen))
    revisions = _revisions(rng, now)
    return {
        "cases": len(works) + len(concerns),
        "assessments": assessments,
        "decisions": decisions + revisions,
    }


def _until(client: Client, now: datetime.datetime) -> datetime.datetime:
    """Nothing is done for a client after they stopped being served."""
    if client.status not in Client.GONE or client.status_since is None:
        return now
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return min(now, datetime.datetime.combine(client.status_since, datetime.time(), tz))


def _work(
    rng: random.Random,
    now: datetime.datetime,
    client: Client,
    case_type: CaseType,
    office: OrganisationUnit,
    handlers: list[User],
    *,
    years: float = YEARS,
) -> Work:
    age_days = rng.triangular(0, 365 * years, 0)
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    received = (now - datetime.timedelta(days=age_days)).astimezone(tz)
    received = received.replace(hour=rng.randint(8, 17), minute=rng.choice([0, 15, 30, 45]))
    received = min(received, now)
    handler = client.case_handler if client.case_handler in handlers else rng.choice(handlers)
    case = Case(
        case_type=case_type,
        client=client,
        unit=office,
        handler=handler,
        source=rng.choices(["client", "relative", "hospital", "gp"], [4, 3, 3, 1])[0],
        received_at=received,
        channel=rng.choice(list(Case.Channel.values)),
        request=rng.choice(REQUESTS[settings.KASAM_COUNTRY]),
    )
    if case_type.kind == CaseType.Kind.CONCERN:
        return Work(case, _screening(rng, age_days), _until(client, now))
    return Work(case, _path(rng, age_days), _until(client, now))


def _screening(rng: random.Random, age_days: float) -> list[str]:
    """A report of concern is investigated (and later decided on) or screened out."""
    if age_days < 3:
        return []
    if rng.random() < 0.35:
        return [Status.WITHDRAWN]  # decided not to investigate
    return [Status.UNDER_ASSESSMENT] if age_days < 60 else [Status.UNDER_ASSESSMENT, Status.DECIDED]


def _concerns(
    rng: random.Random, now: datetime.datetime, clients: list[Client], family: OrganisationUnit
) -> list[Work]:
    """Reports of concern over the last year about the children the service follows."""
    case_type = CaseType.objects.get(country=settings.KASAM_COUNTRY, code="concern")
    rules = list(case_type.rules.all())
    handlers = list(User.objects.filter(memberships__unit=family).order_by("pk"))
    followed = set(ServiceLink.objects.filter(unit=family).values_list("client_id", flat=True))
    works = []
    for client in (c for c in clients if c.pk in followed and handlers):
        for _ in range(rng.randint(1, 4)):
            work = _work(rng, now, client, case_type, family, handlers, years=1)
            if work.case.received_at < work.until:
                _deadlines(rng, work, rules)
                works.append(work)
    return works


def _path(rng: random.Random, age_days: float) -> list[str]:
    """The statuses the case has passed through, by how long ago it came in."""
    chain: list[str] = [Status.FIRST_CONTACT, Status.UNDER_ASSESSMENT, Status.DECIDED]
    if age_days < 45:
        return chain[: rng.choice([0, 1, 1, 2, 2, 3])]
    if rng.random() < 0.06:
        return [Status.FIRST_CONTACT, Status.WITHDRAWN]
    return chain if rng.random() < 0.5 else [*chain, Status.CLOSED]


def _deadlines(rng: random.Random, work: Work, rules: list) -> None:
    case = work.case
    work.deadlines = deadlines_for(rules, case.received_at, calendar_for())
    step = case.received_at
    for status in work.path:
        step = min(step + datetime.timedelta(days=rng.triangular(0.2, 12, 1.5)), work.until)
        work.reached[status] = step
    for deadline in work.deadlines:
        met = [
            at for status, at in work.reached.items() if deadline.milestone in MEETS.get(status, ())
        ]
        deadline.met_at = min(met) if met else None
    case.status = work.path[-1] if work.path else Status.RECEIVED
    case.status_changed_at = step if work.path else None
    pending = [d.due for d in work.deadlines if d.met_at is None]
    case.next_due_on = min(pending) if pending and case.status in Case.OPEN else None


def _save_details(works: list[Work]) -> None:
    deadlines, contacts, transitions = [], [], []
    for work in works:
        case = work.case
        for deadline in work.deadlines:
            deadline.case = case
            deadlines.append(deadline)
        if work.contacted_at:
            contacts.append(
                FirstContact(
                    case=case, contacted_at=work.contacted_at, made_by=case.handler, method="phone"
                )
            )
        previous: str = Status.RECEIVED
        for status in work.path:
            transitions.append(
                CaseTransition(
                    case=case,
                    from_status=previous,
                    to_status=status,
                    by=case.handler,
                    at=work.reached[status],
                )
            )
            previous = status
    CaseDeadline.objects.bulk_create(deadlines, batch_size=5000)
    FirstContact.objects.bulk_create(contacts, batch_size=5000)
    CaseTransition.objects.bulk_create(transitions, batch_size=5000)


def _assessments(rng: random.Random, works: list[Work]) -> int:
    scale = Scale.objects.filter(country=settings.KASAM_COUNTRY).first()
    items = list(scale.items.all()) if scale else []
    levels = list(scale.levels.all()) if scale else []
    assessed = [w for w in works if Status.UNDER_ASSESSMENT in w.path]
    assessments = [
        Assessment(
            case=w.case,
            version=1,
            what_matters=rng.choice(WHAT_MATTERS[settings.KASAM_COUNTRY]),
            made_by=w.case.handler,
        )
        for w in assessed
    ]
    Assessment.objects.bulk_create(assessments, batch_size=2000)
    scores = [
        ItemScore(assessment=a, item=item, level=rng.choice(levels))
        for a in assessments
        for item in items
        if rng.random() < 0.5
    ]
    ItemScore.objects.bulk_create(scores, batch_size=5000)
    return len(assessments)


def _serving_units(clients: list[Client]) -> dict[int, int]:
    links = ServiceLink.objects.filter(client__in=[c.pk for c in clients])
    return dict(links.values_list("client_id", "unit_id"))


def _decisions(rng: random.Random, works: list[Work], units: dict[int, int]) -> int:
    services = {s.code: s for s in Service.objects.filter(country=settings.KASAM_COUNTRY)}
    decided = [w for w in works if w.decided_at is not None]
    decisions = []
    for work in decided:
        assert work.decided_at is not None
        decisions.append(
            Decision(
                case=work.case,
                status=Decision.Status.MADE,
                justification=REQUESTS[settings.KASAM_COUNTRY][0],
                valid_from=work.decided_at.date(),
                decided_by=work.case.handler,
                decided_at=work.decided_at,
                drafted_by=work.case.handler,
                appeal_deadline=(work.decided_at + datetime.timedelta(days=21)).date(),
            )
        )
    Decision.objects.bulk_create(decisions, batch_size=2000)
    lines = []
    for decision in decisions:
        for code in rng.sample(HOME_SERVICES, rng.randint(1, 3)):
            service = services[code]
            lines.append(
                DecisionLine(
                    decision=decision,
                    service=service,
                    outcome="granted",
                    scope=Decimal(rng.choice([1, 2, 3, 5, 7])) if service.has_scope else None,
                    starts_on=decision.valid_from,
                    review_on=decision.valid_from + datetime.timedelta(days=365),
                    provider_id=units.get(decision.case.client_id),
                )
            )
    DecisionLine.objects.bulk_create(lines, batch_size=5000)
    return len(decisions)


def _revisions(rng: random.Random, now: datetime.datetime) -> int:
    """Half of the decisions whose review date has come are revised: most around the review
    date, some late; the revision supersedes the decision from the day it is made."""
    revised, lines = [], []
    due = Decision.objects.filter(
        lines__review_on__lt=now.date(), supersedes__isnull=True, superseded_on__isnull=True
    ).distinct()
    for decision in due.select_related("case__client").prefetch_related("lines"):
        review = min(line.review_on for line in decision.lines.all() if line.review_on)
        decided = timezone.make_aware(
            datetime.datetime.combine(review, datetime.time(rng.randint(8, 15)))
        ) + datetime.timedelta(days=rng.choice([-30, -14, -7, -2, 0, 10, 40]))
        if rng.random() < 0.5 or decided >= min(now, _until(decision.case.client, now)):
            continue
        revision = _revision_of(decision, decided)
        revised.append((decision, revision))
    Decision.objects.bulk_create([revision for _old, revision in revised], batch_size=2000)
    for old, revision in revised:
        old.superseded_on = revision.valid_from
        lines += [
            DecisionLine(
                decision=revision,
                service=line.service,
                outcome=line.outcome,
                scope=line.scope,
                starts_on=revision.valid_from,
                review_on=revision.valid_from + datetime.timedelta(days=365),
                provider_id=line.provider_id,
            )
            for line in old.lines.all()
        ]
    Decision.objects.bulk_update([old for old, _revision in revised], ["superseded_on"])
    DecisionLine.objects.bulk_create(lines, batch_size=5000)
    return len(revised)


def _revision_of(decision: Decision, decided: datetime.datetime) -> Decision:
    return Decision(
        case=decision.case,
        status=Decision.Status.MADE,
        supersedes=decision,
        justification=decision.justification,
        valid_from=timezone.localdate(decided),
        decided_by=decision.decided_by,
        decided_at=decided,
        drafted_by=decision.drafted_by,
        appeal_deadline=timezone.localdate(decided) + datetime.timedelta(days=21),
    )
