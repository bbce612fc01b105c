"""What the national registers are told about a period, read once: every service granted to
a client that runs in the period, the hours given for it (visits done or partly done), and
each client's latest function scores on the country's scale. The register modules lay this
out in their own codes and files; they never read the records themselves."""

from __future__ import annotations

import calendar
import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from kasam.assessments.models import ItemScore
from kasam.core.errors import Refused
from kasam.decisions.models import Decision, DecisionLine, Service
from kasam.registry.models import Client
from kasam.visits.models import Visit

YEAR = re.compile(r"(20[0-9]{2})")
MONTH = re.compile(r"(20[0-9]{2})-(0[1-9]|1[0-2])")


@dataclass(frozen=True)
class Period:
    code: str  # "2026" or "2026-11"
    first: datetime.date
    last: datetime.date


def year(text: str) -> Period:
    found = YEAR.fullmatch(text.strip())
    if found is None:
        raise Refused(_("Write the year as four digits, e.g. 2026."))
    number = int(found.group(1))
    return Period(found.group(1), datetime.date(number, 1, 1), datetime.date(number, 12, 31))


def month(text: str) -> Period:
    found = MONTH.fullmatch(text.strip())
    if found is None:
        raise Refused(_("Write the month as year and month, e.g. 2026-11."))
    number, which = int(found.group(1)), int(found.group(2))
    last = calendar.monthrange(number, which)[1]
    first = datetime.date(number, which, 1)
    return Period(found.group(0), first, datetime.date(number, which, last))


@dataclass(frozen=True)
class GivenService:
    """A granted service as it ran in the period."""

    service: Service
    decided_on: datetime.date | None
    starts: datetime.date
    ends: datetime.date | None  # its own end or, when a later decision replaced it, the day before
    hours_week: Decimal | None  # the decided scope, for services measured in hours per week
    hours_given: Decimal  # direct time of the visits done or partly done in the period

    @property
    def per_week(self) -> bool:
        return self.service.scope_unit == Service.ScopeUnit.HOURS_WEEK


@dataclass
class Person:
    client: Client
    services: list[GivenService] = field(default_factory=list)
    scores: dict[str, int] = field(default_factory=dict)  # scale item code -> level
    assessed_on: datetime.date | None = None


def checked(
    person: Person, codes: Iterable[str], id_length: int, no_id: str
) -> tuple[list[GivenService], list[str], list[str]]:
    """The person's services a register reports (its `codes`), and the problems every
    register has: a national ID number not of the register's country (the person is left
    out), a service in hours per week decided without hours (the file lacks them)."""
    reported = [g for g in person.services if g.service.code in codes]
    errors = [no_id] if len(person.client.national_id) != id_length else []
    warnings = [
        _("%(service)s has no hours per week in its decision.") % {"service": g.service.name}
        for g in reported
        if g.per_week and g.hours_week is None
    ]
    return reported, errors, warnings


def people(clients: QuerySet[Client], period: Period, scale: str) -> list[Person]:
    """Every client with a service granted in the period, in national-ID order."""
    lines = list(_lines(clients, period))
    given = _hours_given(lines, period)
    found: dict[int, Person] = {}
    for line in lines:
        client = line.decision.case.client
        person = found.setdefault(client.pk, Person(client))
        person.services.append(_given(line, given.get(line.pk, Decimal(0))))
    _add_scores(found, period, scale)
    return sorted(found.values(), key=lambda p: p.client.national_id)


def _lines(clients: QuerySet[Client], period: Period) -> QuerySet[DecisionLine]:
    return (
        DecisionLine.objects.filter(
            decision__status=Decision.Status.MADE,
            decision__case__client__in=clients,
            outcome__in=[DecisionLine.Outcome.GRANTED, DecisionLine.Outcome.PARTLY],
            starts_on__lte=period.last,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period.first))
        .exclude(decision__superseded_on__lte=period.first)
        .select_related("service", "decision__case__client")
        .order_by("starts_on", "pk")
    )


def _hours_given(lines: list[DecisionLine], period: Period) -> dict[int, Decimal]:
    made = (
        Visit.objects.filter(
            activity__line__in=lines,
            day__range=(period.first, period.last),
            outcome__in=[Visit.Outcome.DONE, Visit.Outcome.PARTLY],
        )
        .values("activity__line")
        .annotate(minutes=Sum("duration_minutes"))
    )
    return {row["activity__line"]: Decimal(row["minutes"]) / 60 for row in made}


def _given(line: DecisionLine, hours: Decimal) -> GivenService:
    decision = line.decision
    ends = line.ends_on
    if decision.superseded_on is not None:
        replaced = decision.superseded_on - datetime.timedelta(days=1)
        ends = min(ends, replaced) if ends else replaced
    per_week = line.service.scope_unit == Service.ScopeUnit.HOURS_WEEK
    return GivenService(
        service=line.service,
        decided_on=decision.decided_at.date() if decision.decided_at else None,
        starts=line.starts_on,
        ends=ends,
        hours_week=line.scope if per_week else None,
        hours_given=hours.quantize(Decimal("0.1")),
    )


def _add_scores(found: dict[int, Person], period: Period, scale: str) -> None:
    """Each person's latest assessment on the scale made on or before the period's end."""
    scores = (
        ItemScore.objects.filter(
            assessment__case__client_id__in=list(found),
            item__scale__code=scale,
            assessment__created_at__date__lte=period.last,
        )
        .select_related("assessment__case", "item", "level")
        .order_by("assessment__created_at", "assessment__pk")
    )
    latest: dict[int, list[ItemScore]] = defaultdict(list)
    for score in scores:
        mine = latest[score.assessment.case.client_id]
        if mine and mine[0].assessment_id != score.assessment_id:
            mine.clear()  # a later assessment replaces the earlier one
        mine.append(score)
    for client_id, items in latest.items():
        person = found[client_id]
        person.assessed_on = items[0].assessment.created_at.date()
        for score in items:
            if score.level is not None:  # assessed without a level: reported as missing
                person.scores[score.item.code] = score.level.value
