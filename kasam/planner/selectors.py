"""A unit's day as the planner sees it: the visits still to be made, the staff on shift,
their skills and places, the client's chosen and familiar staff, and the travel between
them. Times are seconds from the day's midnight."""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.access.selectors import clients_visible_to
from kasam.accounts.models import User
from kasam.careplans.models import PlanActivity, StaffChoice
from kasam.core.errors import Refused
from kasam.organisation.models import Absence, OrganisationUnit
from kasam.organisation.selectors import away_on
from kasam.organisation.today import Figure, Today
from kasam.planner import travel
from kasam.planner.models import Coordinates, PlanRun, Shift, Skill
from kasam.planner.problem import Break, Job, Need, Plan, Problem, Stop, Weights, Worker
from kasam.visits.models import TO_MAKE, Visit

DAY_END = 24 * 3600
KNOWN_DAYS = 13  # with the planned day: the national measure's fortnight
NO_PLACE = "no_place"  # a reason of our own: the client's address has no coordinates


@dataclass
class Day:
    """The problem, and how its keys map back to the records."""

    unit: OrganisationUnit
    day: datetime.date
    problem: Problem
    visits: dict[str, Visit]
    staff: dict[str, User]
    shifts: dict[str, Shift]
    points: list[tuple[float, float]]
    without_place: dict[str, str] = field(default_factory=dict)  # visit key → NO_PLACE
    follow_ups: dict[str, Visit] = field(default_factory=dict)  # first visit key → second
    history: dict[str, set[str]] = field(default_factory=dict)  # client → staff keys, 13 days

    def inputs(self) -> dict:
        """What the solver saw, stored with the run so that the plan can be made again."""
        return {
            "workers": [asdict(w) | {"skills": sorted(w.skills)} for w in self.problem.workers],
            "jobs": [_job_inputs(j) for j in self.problem.jobs],
            "points": self.points,
            "weights": asdict(self.problem.weights),
            "travel": travel.source_name(),
        }


def _job_inputs(job: Job) -> dict:
    may = sorted(job.may) if job.may is not None else None
    return asdict(job) | {"chosen": sorted(job.chosen), "known": sorted(job.known), "may": may}


def seconds(at: datetime.time) -> int:
    return at.hour * 3600 + at.minute * 60 + at.second


def day_visits(unit: OrganisationUnit, day: datetime.date) -> QuerySet[Visit]:
    """The visits of the unit (and the teams under it) still to be made that day."""
    scope = OrganisationUnit.objects.filter(path__startswith=unit.path)
    return (
        Visit.objects.filter(TO_MAKE, unit__in=scope, day=day)
        .select_related("client", "activity", "staff", "second_staff")
        .order_by("window_start", "pk")
    )


def fingerprint(unit: OrganisationUnit, day: datetime.date) -> str:
    """Changes whenever a visit of the day is added, removed, reassigned or documented."""
    rows = day_visits(unit, day).values_list("pk", "updated_at")
    text = ";".join(f"{pk}@{at.isoformat()}" for pk, at in rows)
    return hashlib.sha256(text.encode()).hexdigest()


def weights() -> Weights:
    return Weights(**settings.KASAM_PLANNER_WEIGHTS)


def on_shift(units: QuerySet[OrganisationUnit], day: datetime.date) -> QuerySet[Shift]:
    """The day's shifts of staff who are not away (kasam.organisation's absences)."""
    shifts = Shift.objects.filter(unit__in=units, day=day)
    return shifts.exclude(user__in=away_on(day).values("user_id"))


def build_day(
    unit: OrganisationUnit, day: datetime.date, *, now: datetime.datetime | None = None
) -> Day:
    """The day as a problem; a refusal when a shift's start or end place is not known.
    With `now` on that day (planning today again), nothing starts before it, and staff at
    a client's door start from there when that visit ends."""
    visits = list(day_visits(unit, day))
    scope = OrganisationUnit.objects.filter(path__startswith=unit.path)
    shifts = list(on_shift(scope, day).select_related("user", "unit"))
    places = _Places()
    known = _Known(shifts, visits)
    workers = [_worker(shift, places, known) for shift in shifts]
    history = _history([v.client_id for v in visits], day)
    chosen = _chosen(visits)
    seen_by = _seen_by(shifts, {v.client_id for v in visits})
    tied = follow_ups(visits)
    second_parts = {v.pk for v in tied.values()}
    jobs, without_place = [], {}
    for visit in visits:
        if visit.pk in second_parts:
            continue  # planned as part of its first visit
        point = known.client_point(visit)
        if point is None:
            for unplaced in (visit, tied.get(visit.pk)):
                if unplaced is not None:
                    without_place[str(unplaced.public_id)] = NO_PLACE
            continue
        job = _job(visit, places.index(point), chosen, history, tied.get(visit.pk))
        jobs.append(replace(job, may=frozenset(seen_by.get(visit.client_id, set()))))
    busy = _in_progress(scope, day, places) if _today(now, day) else {}
    matrices = {mode: travel.matrices(places.points, mode) for mode in {w.mode for w in workers}}
    problem = Problem(
        workers,
        jobs,
        {mode: m.seconds for mode, m in matrices.items()},
        weights=weights(),
    )
    if now is not None and _today(now, day):
        problem = _from_now(problem, _minute_after(timezone.localtime(now)), busy)
    return Day(
        unit=unit,
        day=day,
        problem=problem,
        visits={str(v.public_id): v for v in visits},
        staff={str(s.user.public_id): s.user for s in shifts},
        shifts={str(s.user.public_id): s for s in shifts},
        points=places.points,
        without_place=without_place,
        history={str(k): v for k, v in history.items()},
        follow_ups={str(v.public_id): f for v in visits if (f := tied.get(v.pk))},
    )


def follow_ups(visits: list[Visit]) -> dict[int, Visit]:
    """First visit → its second visit, where both are still to be made that day: the
    planner plans them as one job, the second within its minutes after the first."""
    firsts = {v.pk for v in visits if v.part == 0}
    return {v.follows_id: v for v in visits if v.part == 1 and v.follows_id in firsts}


def _today(now: datetime.datetime | None, day: datetime.date) -> bool:
    return now is not None and timezone.localtime(now).date() == day


def _minute_after(now: datetime.datetime) -> int:
    return seconds(now.time().replace(second=0, microsecond=0)) + 60


def _in_progress(
    scope: QuerySet[OrganisationUnit], day: datetime.date, places: _Places
) -> dict[str, tuple[int, int]]:
    """Staff at a client's door now: when that visit ends, and where."""
    busy: dict[str, tuple[int, int]] = {}
    started = list(
        Visit.objects.filter(
            unit__in=scope, day=day, checked_in_at__isnull=False, checked_out_at=None
        ).select_related("client", "staff", "second_staff")
    )
    found = Coordinates.objects.filter(client_id__in={v.client_id for v in started})
    points = {c.client_id: c for c in found}
    for visit in started:
        point = _client_point(points.get(visit.client_id), visit)
        assert visit.checked_in_at is not None
        ends = seconds(timezone.localtime(visit.checked_in_at).time()) + visit.duration_minutes * 60
        for person in (visit.staff, visit.second_staff):
            if person is not None and point is not None:
                busy[str(person.public_id)] = (ends, places.index(point))
    return busy


def _from_now(problem: Problem, at: int, busy: dict[str, tuple[int, int]]) -> Problem:
    """Today's plan from `at` on: visits and shifts start no earlier, a break already
    past is taken, a lock on a start already past is lifted; staff at a door start there."""
    workers = []
    for worker in problem.workers:
        start, place = max(worker.start, at), worker.start_place
        if worker.key in busy:
            until, place = busy[worker.key]
            start = max(start, until)
        if start >= worker.end:
            continue  # the shift is over
        breaks = tuple(
            replace(b, earliest=max(b.earliest, start)) for b in worker.breaks if b.latest >= start
        )
        workers.append(replace(worker, start=start, start_place=place, breaks=breaks))
    jobs = [
        replace(
            job,
            earliest=max(job.earliest, at),
            locked_start=job.locked_start if (job.locked_start or at) >= at else None,
        )
        for job in problem.jobs
    ]
    return replace(problem, workers=workers, jobs=jobs)


class _Places:
    """Points on the map, each once, in the order first asked for."""

    def __init__(self) -> None:
        self.points: list[tuple[float, float]] = []

    def index(self, point: tuple[float, float]) -> int:
        if point not in self.points:
            self.points.append(point)
        return self.points.index(point)


class _Known:
    """Coordinates and skills for the day, read in four queries."""

    def __init__(self, shifts: list[Shift], visits: list[Visit]) -> None:
        users = {s.user_id for s in shifts}
        found = Coordinates.objects.filter(
            Q(unit_id__in={s.unit_id for s in shifts})
            | Q(home_of_id__in=users)
            | Q(client_id__in={v.client_id for v in visits})
        )
        self.offices = {c.unit_id: c for c in found if c.unit_id}
        self.homes = {c.home_of_id: c for c in found if c.home_of_id}
        self.clients = {c.client_id: c for c in found if c.client_id}
        self.skills: dict[int, set[str]] = defaultdict(set)
        for user_id, code in Skill.objects.filter(user_id__in=users).values_list("user_id", "code"):
            self.skills[user_id].add(code)

    def client_point(self, visit: Visit) -> tuple[float, float] | None:
        return _client_point(self.clients.get(visit.client_id), visit)


def _client_point(found: Coordinates | None, visit: Visit) -> tuple[float, float] | None:
    """Where the client lives, when known for the address they have now."""
    if found is None or (found.for_address and found.for_address != visit.client.address):
        return None
    return found.point


def _worker(shift: Shift, places: _Places, known: _Known) -> Worker:
    office = known.offices.get(shift.unit_id)
    home = known.homes.get(shift.user_id)
    where: dict[str, Coordinates | None] = {Shift.Place.OFFICE: office, Shift.Place.HOME: home}
    for place in (shift.start_place, shift.end_place):
        if where[place] is None:
            raise Refused(_missing_place(shift, place))
    start, end = where[shift.start_place], where[shift.end_place]
    assert start is not None
    assert end is not None
    breaks: tuple[Break, ...] = ()
    if shift.break_minutes and shift.break_from and shift.break_until:
        breaks = (
            Break(seconds(shift.break_from), seconds(shift.break_until), shift.break_minutes * 60),
        )
    return Worker(
        key=str(shift.user.public_id),
        start=seconds(shift.starts),
        end=seconds(shift.ends),
        start_place=places.index(start.point),
        end_place=places.index(end.point),
        skills=frozenset(known.skills[shift.user_id]),
        mode=shift.mode,
        breaks=breaks,
        max_work=int(settings.KASAM_PLANNER_MAX_WORK_HOURS * 3600),
    )


def _missing_place(shift: Shift, place: str) -> str:
    if place == Shift.Place.OFFICE:
        return _("%(unit)s has no office location; the day cannot be planned.") % {
            "unit": shift.unit.name
        }
    return _("%(name)s starts or ends at home, but no home location is known.") % {
        "name": shift.user.display_name
    }


def _history(client_ids: list[int], day: datetime.date) -> dict[int, set[str]]:
    """Who visited each client in the thirteen days before (visits made)."""
    since = day - datetime.timedelta(days=KNOWN_DAYS)
    made = Visit.objects.filter(
        client_id__in=set(client_ids), day__gte=since, day__lt=day, checked_in_at__isnull=False
    )
    found: dict[int, set[str]] = defaultdict(set)
    for client_id, first, second in made.values_list(
        "client_id", "staff__public_id", "second_staff__public_id"
    ):
        found[client_id] |= {str(k) for k in (first, second) if k}
    return found


def _seen_by(shifts: list[Shift], client_ids: set[int]) -> dict[int, set[str]]:
    """Per client, the staff on shift who may see them: nobody is sent to a client whose
    record they cannot open."""
    found: dict[int, set[str]] = defaultdict(set)
    for shift in shifts:
        visible = clients_visible_to(shift.user).filter(pk__in=client_ids)
        for client_id in visible.values_list("pk", flat=True):
            found[client_id].add(str(shift.user.public_id))
    return found


def _chosen(visits: list[Visit]) -> dict[tuple[int, str], set[str]]:
    choices = StaffChoice.objects.filter(
        client_id__in={v.client_id for v in visits}, ended_at__isnull=True
    ).values_list("client_id", "kind", "staff__public_id")
    found: dict[tuple[int, str], set[str]] = defaultdict(set)
    for client_id, kind, staff in choices:
        found[(client_id, kind)].add(str(staff))
    return found


def _job(
    visit: Visit,
    place: int,
    chosen: dict[tuple[int, str], set[str]],
    history: dict[int, set[str]],
    second: Visit | None = None,
) -> Job:
    length = visit.duration_minutes * 60
    earliest = seconds(visit.window_start) if visit.window_start else 0
    latest = (seconds(visit.window_end) if visit.window_end else DAY_END) - length
    skill = "" if visit.competence in ("", PlanActivity.Competence.ANY) else visit.competence
    locked: tuple[str, ...] = ()
    if visit.locked and visit.staff_id:
        locked = tuple(str(u.public_id) for u in (visit.staff, visit.second_staff) if u)
    return Job(
        key=str(visit.public_id),
        place=place,
        earliest=earliest,
        latest=latest,
        needs=_needs(visit, skill, second),
        gap=_gap(visit) if second is not None else None,
        chosen=frozenset(chosen.get((visit.client_id, visit.activity.help_kind), set())),
        known=frozenset(history.get(visit.client_id, set())),
        locked=locked,
        locked_start=seconds(visit.planned_start) if locked and visit.planned_start else None,
    )


def _needs(visit: Visit, skill: str, second: Visit | None) -> tuple[Need, ...]:
    first = Need(skill, visit.duration_minutes * 60)
    if second is not None:
        return first, Need(skill, second.duration_minutes * 60)
    return (first,) * max(1, visit.staff_count)


def _gap(visit: Visit) -> tuple[int, int] | None:
    found = visit.activity.follow_up
    return (found[1] * 60, found[2] * 60) if found else None


def current_plan(day: Day) -> Plan:
    """Today's assignments as a plan, to compare with the optimiser's."""
    routes: dict[str, list[Stop]] = {key: [] for key in day.staff}
    second_parts = {str(v.public_id) for v in day.follow_ups.values()}
    for key, visit in day.visits.items():
        if key in day.without_place or key in second_parts:
            continue
        start = visit.planned_start or visit.window_start
        if start is None:
            continue
        for part, person, at, visit_part in _current_parts(day, key, visit, start):
            if person is not None and str(person.public_id) in routes and at is not None:
                begin, end = seconds(at), seconds(at) + visit_part.duration_minutes * 60
                routes[str(person.public_id)].append(Stop(key, begin, end, part))
    for stops in routes.values():
        stops.sort(key=lambda stop: stop.start)
    planned = {stop.job for stops in routes.values() for stop in stops}
    unplanned = {key: "unassigned" for key in day.visits if key not in planned | second_parts}
    return Plan(routes, unplanned)


def _current_parts(
    day: Day, key: str, visit: Visit, start: datetime.time
) -> list[tuple[int, User | None, datetime.time | None, Visit]]:
    """The parts of a visit as assigned now: (part, who, when, the visit record)."""
    second = day.follow_ups.get(key)
    if second is not None:
        return [
            (0, visit.staff, start, visit),
            (1, second.staff, second.planned_start or second.window_start, second),
        ]
    return [(0, visit.staff, start, visit), (1, visit.second_staff, start, visit)]


def runs_for(unit: OrganisationUnit, day: datetime.date) -> QuerySet[PlanRun]:
    return PlanRun.objects.filter(unit=unit, day=day)


def staff_on_shift(units: QuerySet[OrganisationUnit], day: datetime.date) -> QuerySet[User]:
    """Staff with a shift that day in any of `units`, and not away."""
    working = User.objects.filter(Q(shifts__unit__in=units) & Q(shifts__day=day), is_active=True)
    away = away_on(day).values("user_id")
    return working.exclude(pk__in=away).order_by("first_name", "last_name")


@dataclass(frozen=True)
class WeekDay:
    day: datetime.date
    visits: int
    without_staff: int
    on_shift: int
    run: str  # the latest run's status, "" when the day was never planned


def week(unit: OrganisationUnit, days: list[datetime.date]) -> list[WeekDay]:
    """Per day: visits still to be made, those without staff, staff on shift, latest run."""
    scope = OrganisationUnit.objects.filter(path__startswith=unit.path)
    visits = (
        Visit.objects.filter(TO_MAKE, unit__in=scope, day__in=days)
        .values("day")
        .annotate(n=Count("pk"), free=Count("pk", filter=Q(staff=None)))
    )
    counted = {row["day"]: (row["n"], row["free"]) for row in visits}
    away = Absence.objects.on(OuterRef("day")).filter(user=OuterRef("user"))
    working = Shift.objects.filter(unit__in=scope, day__in=days).exclude(Exists(away))
    shifts = working.values("day").annotate(n=Count("pk"))
    per_day = {row["day"]: row["n"] for row in shifts}
    runs: dict[datetime.date, str] = {}
    for day, status in PlanRun.objects.filter(unit=unit, day__in=days).values_list("day", "status"):
        runs.setdefault(day, status)  # newest first
    return [WeekDay(d, *counted.get(d, (0, 0)), per_day.get(d, 0), runs.get(d, "")) for d in days]


def todays_figures(today: Today) -> list[Figure]:
    """For the unit manager's day: how many staff are on shift."""
    count = on_shift(today.units, today.day).values("user").distinct().count()
    return [Figure(_("staff on shift today"), count, reverse("planner:board"), order=20)]
