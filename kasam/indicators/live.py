"""The live indicators: each turns Kasam's records into facts (see facts.py).

Units: a case counts for the unit that received it; an emergency access for the unit it was
taken in (taken by someone of no unit: the client's home unit, else the municipality); a
client's plan and the staff a client met count for the client's home unit (the first care
unit that served them, else the first unit of any kind; a plan of a client no unit serves
counts for the office that made its decision). The "_served" variants count the office's
figures (deadlines, review dates) in the client's home unit, for the serving unit's manager."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from django.db.models import Case as SqlCase
from django.db.models import Count, Min, Q, Value, When
from django.db.models.functions import Coalesce, Least, TruncDate
from django.utils import timezone

from kasam.access.models import EmergencyAccess
from kasam.careplans.models import PlanReview, PlanVersion
from kasam.cases.models import Case, CaseDeadline, CaseType
from kasam.core.workdays import calendar_for
from kasam.decisions.models import Decision, DecisionLine
from kasam.indicators.facts import Fact, Window, clip, flow, intersect
from kasam.indicators.tally import month_end, month_of, month_start
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client, ServiceLink
from kasam.visits.continuity import MADE, national_staff_met
from kasam.visits.models import Visit

Kind = OrganisationUnit.Kind
CARE_KINDS = [Kind.HOME_CARE, Kind.NURSING_HOME, Kind.DISABILITY, Kind.TEAM, Kind.DAY_CENTRE]
HOME_CARE_KINDS = [Kind.HOME_CARE, Kind.TEAM]


@dataclass(frozen=True)
class Live:
    code: str
    facts: Callable[[Window], Iterable[Fact]]
    sources: tuple[str, ...]  # the source counters its figures depend on (cache.py)
    per_month: bool = False  # computed and cached month by month (visits: a large table)
    min_group: int = 0  # fewer records than this in a value: not shown (surveys)


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def bounds(window: Window) -> tuple[datetime.datetime, datetime.datetime]:
    """The window as [start, end) in local time."""
    after = month_end(window.last) + datetime.timedelta(days=1)
    return _aware(month_start(window.first)), _aware(after)


def _due_months(window: Window) -> range:
    """Months whose end has come: a stock is read at the end of a month."""
    return clip(range(window.first, month_of(window.today) + 1), window)


def _ended_by(day: datetime.date | None) -> int:
    """The first month at whose end something that ends (stops being in force) on `day` no
    longer counts; open-ended: far in the future."""
    if day is None:
        return 10**6
    month = month_of(day)
    return month + 1 if day == month_end(month) else month


def in_force(starts: datetime.date, ends: datetime.date | None) -> range:
    """The months at whose last day something in force from `starts` through `ends` holds."""
    return range(month_of(starts), _ended_by(ends))


def home_units(window: Window) -> dict[int, int]:
    """Each client's home unit: the first care unit that served them, else the first unit
    of any kind that served them (a start-up team, child and family services)."""

    def read() -> dict[int, int]:
        care: dict[int, int] = {}
        other: dict[int, int] = {}
        links = ServiceLink.objects.order_by("starts_on", "pk")
        for client_id, unit_id, kind in links.values_list("client_id", "unit_id", "unit__kind"):
            (care if kind in CARE_KINDS else other).setdefault(client_id, unit_id)
        return other | care

    return window.remember("home_units", read)  # type: ignore[return-value]


def served_until(window: Window) -> dict[int, range]:
    """For each client who is gone (inactive, deceased, moved away): the months at whose
    end they were still served; from the day their status took effect they count no more."""

    def read() -> dict[int, range]:
        gone = Client.objects.filter(status__in=Client.GONE, status_since__isnull=False)
        until: dict[int, range] = {}
        for pk, since in gone.values_list("pk", "status_since"):
            if since is not None:
                until[pk] = range(0, _ended_by(since - datetime.timedelta(days=1)))
        return until

    return window.remember("served_until", read)  # type: ignore[return-value]


def _served(window: Window, client_id: int, months: range) -> range:
    until = served_until(window).get(client_id)
    return months if until is None else intersect(months, until)


def municipality_id(window: Window) -> int | None:
    """The top of the tree: where a record with no unit of its own still counts."""

    def read() -> int | None:
        return (
            OrganisationUnit.objects.filter(parent__isnull=True)
            .values_list("pk", flat=True)
            .first()
        )

    return window.remember("municipality", read)  # type: ignore[return-value]


# 1. Clients with care services who have a current agreed plan (which names the contact person)


def plan_and_contact(window: Window) -> Iterator[Fact]:
    start, end = month_start(window.first), month_end(window.last)
    served: dict[int, list[range]] = {}
    links = ServiceLink.objects.filter(unit__kind__in=CARE_KINDS, starts_on__lte=end).exclude(
        ends_on__lt=start
    )
    for client_id, starts, ends in links.values_list("client_id", "starts_on", "ends_on"):
        served.setdefault(client_id, []).append(_served(window, client_id, in_force(starts, ends)))
    planned: dict[int, list[range]] = {}
    plans = PlanVersion.objects.filter(
        status__in=[PlanVersion.Status.AGREED, PlanVersion.Status.SUPERSEDED],
        agreed_on__lte=end,
    ).exclude(superseded_on__lte=start)
    for client_id, agreed, superseded in plans.values_list(
        "plan__client_id", "agreed_on", "superseded_on"
    ):
        if agreed is None:
            continue
        ends = superseded - datetime.timedelta(days=1) if superseded else None
        planned.setdefault(client_id, []).append(in_force(agreed, ends))
    homes, due = home_units(window), _due_months(window)
    for client_id, ranges in served.items():
        client_plans = _merge(planned.get(client_id, []))
        for months in _merge(ranges):
            for part, hit in _segments(intersect(months, due), client_plans):
                yield Fact(homes[client_id], client_id, part, part if hit else range(0))


def _segments(months: range, planned: list[range]) -> Iterator[tuple[range, bool]]:
    """Split `months` into the parts with and without a plan (`planned` merged, sorted)."""
    at = months.start
    for plan in planned:
        inside = intersect(months, plan)
        if not inside:
            continue
        if inside.start > at:
            yield range(at, inside.start), False
        yield inside, True
        at = inside.stop
    if at < months.stop:
        yield range(at, months.stop), False


def _merge(ranges: list[range]) -> list[range]:
    merged: list[range] = []
    for r in sorted((r for r in ranges if r), key=lambda r: r.start):
        if merged and r.start <= merged[-1].stop:
            merged[-1] = range(merged[-1].start, max(merged[-1].stop, r.stop))
        else:
            merged.append(r)
    return merged


# 2–3. Deadlines met: first contact after an application, screening of a report of concern


def deadline_met(kind: str, milestone: str) -> Callable[[Window], Iterator[Fact]]:
    def facts(window: Window) -> Iterator[Fact]:
        start, after = bounds(window)
        due = Least(Coalesce("statutory_due", "local_due"), Coalesce("local_due", "statutory_due"))
        rows = (
            CaseDeadline.objects.filter(
                milestone=milestone,
                case__case_type__kind=kind,
                case__received_at__gte=start,
                case__received_at__lt=after,
            )
            .annotate(due_on=due, met_on=TruncDate("met_at"))
            .exclude(met_at=None, due_on__gte=window.today)  # not due yet: left out
            # withdrawn or sent on before the step was due to be taken: not late, left out
            .exclude(met_at=None, case__status__in=[Case.Status.WITHDRAWN, Case.Status.FORWARDED])
            .values_list(
                "case__unit_id", "case__client_id", "case__received_at", "due_on", "met_on"
            )
        )
        for unit_id, client_id, received, due_on, met_on in rows:
            hit = met_on is not None and met_on <= due_on
            yield flow(unit_id, client_id, month_of(received), hit)

    return facts


# 4. Median working days from application to decision


def days_to_decision(window: Window) -> Iterator[Fact]:
    start, after = bounds(window)
    rows = Decision.objects.filter(
        status=Decision.Status.MADE,
        supersedes__isnull=True,
        case__case_type__kind=CaseType.Kind.APPLICATION,
        decided_at__gte=start,
        decided_at__lt=after,
    )
    found = [
        (unit_id, client_id, received, decided)
        for unit_id, client_id, received, decided in rows.values_list(
            "case__unit_id", "case__client_id", "case__received_at", "decided_at"
        )
        if decided is not None
    ]
    if not found:
        return
    received_first = min(timezone.localdate(row[2]) for row in found)
    count = _working_day_counter(received_first, month_end(window.last))
    calendar = calendar_for()
    for unit_id, client_id, received, decided in found:
        # counted as deadlines are: received after office hours counts from the next day
        starts = calendar.counting_day(timezone.localtime(received))
        days = count(timezone.localdate(decided)) - count(starts)
        month = month_of(decided)
        yield Fact(unit_id, client_id, range(month, month + 1), range(0), sample=float(days))


def _working_day_counter(
    first: datetime.date, last: datetime.date
) -> Callable[[datetime.date], int]:
    """Working days from `first` up to a day, read from one pass over the calendar."""
    calendar = calendar_for()
    totals: dict[datetime.date, int] = {}
    running, day = 0, first
    while day <= last:
        running += calendar.is_working_day(day)
        totals[day] = running
        day += datetime.timedelta(days=1)
    return lambda day: totals.get(day, running)


# 5. Plans followed up by their review date


def plans_followed_up(window: Window) -> Iterator[Fact]:
    versions = PlanVersion.objects.filter(
        status__in=[PlanVersion.Status.AGREED, PlanVersion.Status.SUPERSEDED],
        review_on__isnull=False,
    ).values_list("pk", "plan__client_id", "review_on", "superseded_on", "decision__case__unit_id")
    reviews: dict[int, list[tuple[datetime.date, datetime.date]]] = {}
    for version_id, reviewed, following in PlanReview.objects.order_by(
        "reviewed_on", "pk"
    ).values_list("plan_version_id", "reviewed_on", "next_review_on"):
        reviews.setdefault(version_id, []).append((reviewed, following))
    homes = home_units(window)
    for version_id, client_id, review_on, superseded, case_unit in versions:
        unit = homes.get(client_id) or case_unit  # no serving unit: the decision's office
        done = reviews.get(version_id, [])
        dues = [review_on] + [following for _reviewed, following in done]
        for n, due in enumerate(dues):
            if due is None:
                continue
            month = month_of(due)
            if not window.first <= month <= window.last or (superseded and superseded <= due):
                continue
            answered = done[n][0] if n < len(done) else None
            if answered is None and due >= window.today:
                continue  # not due yet
            hit = answered is not None and answered <= due
            yield flow(unit, client_id, month, hit)


# 6. Different staff per home-care client over the 14 days ending at the month's end


def continuity(window: Window) -> Iterator[Fact]:
    months = list(_due_months(window))
    if not months:
        return
    windows = [
        When(day__range=(month_end(m) - datetime.timedelta(days=13), month_end(m)), then=Value(m))
        for m in months
    ]
    rows = (
        Visit.objects.filter(
            MADE,
            day__gte=month_end(months[0]) - datetime.timedelta(days=13),
            day__lte=month_end(months[-1]),
            unit__kind__in=HOME_CARE_KINDS,
        )
        .annotate(fortnight=SqlCase(*windows, default=None))
        .exclude(fortnight=None)
        .values("fortnight", "client_id")
        .annotate(staff=Count("staff_id", distinct=True), visiting=Min("unit_id"))
        .values_list("fortnight", "client_id", "visiting", "staff")
    )
    homes = home_units(window)
    for month, client_id, visiting, staff in rows:
        if not _served(window, client_id, range(month, month + 1)):
            continue  # gone by the month's end
        # one client, however many units visited them: counted in their home unit
        one = range(month, month + 1)
        unit: int = homes.get(client_id) or visiting
        yield Fact(unit, client_id, one, one, weight=float(staff))


def national_continuity(window: Window) -> Iterator[Fact]:
    """The Swedish national measure (visits/continuity.py) per client, in the home unit."""
    homes = home_units(window)
    visits = Visit.objects.filter(unit__kind__in=HOME_CARE_KINDS)
    for month in _due_months(window):
        one = range(month, month + 1)
        for client_id, staff in national_staff_met(visits, month_end(month)).items():
            if _served(window, client_id, one) and client_id in homes:
                yield Fact(homes[client_id], client_id, one, one, weight=float(staff))


# 7. Current decisions past their review date (at the month's end)


def decisions_past_review(window: Window) -> Iterator[Fact]:
    rows = (
        Decision.objects.filter(status=Decision.Status.MADE, decided_at__isnull=False)
        .exclude(superseded_on__lte=month_start(window.first))
        .annotate(
            review=Min(
                "lines__review_on",
                filter=~Q(lines__outcome=DecisionLine.Outcome.REFUSED),
            )
        )
        .values_list("case__unit_id", "case__client_id", "decided_at", "superseded_on", "review")
    )
    due = _due_months(window)
    for unit_id, client_id, decided, superseded, review in rows:
        ends = superseded - datetime.timedelta(days=1) if superseded else None
        months = _served(
            window, client_id, intersect(in_force(timezone.localdate(decided), ends), due)
        )
        past = range(_ended_by(review), 10**6) if review else range(0)
        yield Fact(unit_id, client_id, months, intersect(months, past))


# 8. Emergency accesses not reviewed within 7 days


def emergency_unreviewed(window: Window) -> Iterator[Fact]:
    start, after = bounds(window)
    now, week = timezone.now(), datetime.timedelta(days=7)
    rows = EmergencyAccess.objects.filter(granted_at__gte=start, granted_at__lt=after).values_list(
        "unit_id", "client_id", "granted_at", "reviewed_at"
    )
    homes, top = home_units(window), municipality_id(window)
    for taken_in, client_id, granted, reviewed in rows:
        # taken by someone of no unit (an analyst): it counts where the client is served
        unit_id = taken_in or homes.get(client_id) or top
        if unit_id is None or (reviewed is None and granted + week > now):
            continue  # no unit at all, or still within its week
        late = reviewed is None or reviewed - granted > week
        yield flow(unit_id, client_id, month_of(granted), late)


# By serving unit: a figure the receiving office owns, counted where the client is served


def by_serving_unit(
    facts: Callable[[Window], Iterable[Fact]],
) -> Callable[[Window], Iterator[Fact]]:
    """The same facts, each counted in the client's home unit (no unit serves the client:
    where the record counts anyway)."""

    def moved(window: Window) -> Iterator[Fact]:
        homes = home_units(window)
        for fact in facts(window):
            home = homes.get(fact.client_id) if fact.client_id is not None else None
            yield replace(fact, unit_id=home or fact.unit_id)

    return moved


LIVE: dict[str, Live] = {
    live.code: live
    for live in (
        Live("plan_and_contact", plan_and_contact, ("links", "plans", "client_status")),
        Live(
            "first_contact_in_time",
            deadline_met(CaseType.Kind.APPLICATION, "first_contact"),
            ("cases",),
        ),
        Live(
            "concern_screened_in_time",
            deadline_met(CaseType.Kind.CONCERN, "screening"),
            ("cases",),
        ),
        Live("days_to_decision", days_to_decision, ("cases", "decisions")),
        Live("plans_followed_up", plans_followed_up, ("links", "plans")),
        Live("staff_continuity", continuity, ("visits", "links", "client_status"), per_month=True),
        Live(
            "decisions_past_review", decisions_past_review, ("cases", "decisions", "client_status")
        ),
        Live("emergency_unreviewed", emergency_unreviewed, ("emergency", "links")),
        Live(
            "staff_continuity_national",
            national_continuity,
            ("visits", "links", "client_status"),
            per_month=True,
        ),
        Live(
            "first_contact_in_time_served",
            by_serving_unit(deadline_met(CaseType.Kind.APPLICATION, "first_contact")),
            ("cases", "links"),
        ),
        Live(
            "decisions_past_review_served",
            by_serving_unit(decisions_past_review),
            ("cases", "decisions", "client_status", "links"),
        ),
    )
}
