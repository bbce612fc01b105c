"""What the planner needs in the demo: offices, clients and staff homes placed around a
synthetic municipal centre (no real addresses), staff skills, and shifts with breaks for
every home-care worker for the coming week."""

from __future__ import annotations

import datetime
import math
import random

from django.db.models import Q
from django.utils import timezone

from kasam.accounts.models import User
from kasam.careplans.models import HelpKind, PlanActivity, StaffChoice
from kasam.core.roles import Role
from kasam.organisation.models import Absence, Membership, OrganisationUnit
from kasam.planner.models import Coordinates, Shift, Skill
from kasam.visits.models import Visit

CENTRE = {"NO": (59.27, 10.41), "SE": (59.61, 16.55)}  # a town-sized area, nobody's address
KM = 1 / 111.0  # degrees of latitude per kilometre
DAYS = 7
SHIFTS = (  # starts, ends, break from, break starts by
    (datetime.time(7), datetime.time(15), datetime.time(11), datetime.time(12, 30)),
    (datetime.time(15), datetime.time(22), datetime.time(18), datetime.time(19, 30)),
)


def generate_planning(*, seed: int, country: str) -> dict[str, int]:
    rng = random.Random(seed)
    units = list(OrganisationUnit.objects.filter(kind=OrganisationUnit.Kind.HOME_CARE))
    offices = {unit.pk: _near(rng, CENTRE[country], 2 + 6 * rng.random()) for unit in units}
    Coordinates.objects.bulk_create(
        Coordinates(unit=unit, latitude=offices[unit.pk][0], longitude=offices[unit.pk][1])
        for unit in units
    )
    clients = _clients(rng, units, offices)
    workers = _workers(rng, units, offices)
    shifts = _shifts(rng, workers)
    choices = _choices(rng, units, workers)
    away = _absences(rng, workers)
    return {
        "placed clients": clients,
        "shifts": shifts,
        "staff choices": choices,
        "staff away": away,
    }


def _absences(rng: random.Random, workers: list[tuple]) -> int:
    """In each home-care unit one worker (never a demo login) is off sick since yesterday,
    back in three days: the manager's day shows them away and their visits to give on."""
    today = timezone.localdate()
    staff = dict(User.objects.filter(username__startswith="staff.").values_list("pk", "username"))
    first_of_unit: dict[int, int] = {}
    for user_id, unit in workers:
        if user_id in staff:
            first_of_unit.setdefault(unit.pk, user_id)
    manager = User.objects.filter(username="unit.manager").first()
    if manager is None:
        return 0
    absences = [
        Absence(
            user_id=user_id,
            kind=Absence.Kind.SICK,
            starts_on=today - datetime.timedelta(days=1),
            ends_on=today + datetime.timedelta(days=rng.randint(1, 3)),
            registered_by=manager,
        )
        for user_id in first_of_unit.values()
    ]
    Absence.objects.bulk_create(absences)
    return len(absences)


def _near(rng: random.Random, point: tuple[float, float], km: float) -> tuple[float, float]:
    """A point about `km` from `point` in a random direction."""
    angle, distance = rng.uniform(0, 2 * math.pi), abs(rng.gauss(0, km))
    lat = point[0] + distance * KM * math.sin(angle)
    lon = point[1] + distance * KM * math.cos(angle) / math.cos(math.radians(point[0]))
    return round(lat, 6), round(lon, 6)


def _subtree(unit: OrganisationUnit) -> Q:
    return Q(unit__path__startswith=unit.path)


def _clients(rng: random.Random, units: list[OrganisationUnit], offices: dict) -> int:
    placed = []
    for unit in units:
        served = (
            Visit.objects.filter(_subtree(unit))
            .values_list("client_id", "client__address")
            .distinct()
        )
        for client_id, address in served:
            point = _near(rng, offices[unit.pk], 3)
            placed.append(
                Coordinates(
                    client_id=client_id, latitude=point[0], longitude=point[1], for_address=address
                )
            )
    unique = list({c.client_id: c for c in placed}.values())
    Coordinates.objects.bulk_create(unique, batch_size=5000)
    return len(unique)


def _workers(rng: random.Random, units: list[OrganisationUnit], offices: dict) -> list[tuple]:
    """(user id, unit) of everyone who makes visits in home care; homes and skills placed."""
    roles = [Role.CARE_WORKER, Role.NURSE, Role.CONTACT_PERSON]
    found, homes, skills = [], {}, []
    for unit in units:
        members = Membership.objects.filter(_subtree(unit), role__in=roles).select_related("unit")
        for member in members:
            if member.user_id in homes:
                continue
            homes[member.user_id] = _near(rng, offices[unit.pk], 8)
            found.append((member.user_id, member.unit))
            skills += _skills(rng, member.user_id, member.role)
    Coordinates.objects.bulk_create(
        Coordinates(home_of_id=user, latitude=lat, longitude=lon)
        for user, (lat, lon) in homes.items()
    )
    Skill.objects.bulk_create(skills)
    return found


def _skills(rng: random.Random, user_id: int, role: str) -> list[Skill]:
    codes = {"nurse", "delegated"} if role == Role.NURSE else set()
    if rng.random() < 0.5:
        codes.add("delegated")
    if rng.random() < 0.4:
        codes.add("hoist")
    return [Skill(user_id=user_id, code=code) for code in sorted(codes)]


def _choices(rng: random.Random, units: list[OrganisationUnit], workers: list[tuple]) -> int:
    """One client in five has chosen who helps with personal hygiene, among the workers of
    the unit that serves them (the seeds' promise the planner keeps)."""
    made = []
    for unit in units:
        pool = [
            user_id for user_id, member_unit in workers if member_unit.path.startswith(unit.path)
        ]
        clients = sorted(
            set(Visit.objects.filter(_subtree(unit)).values_list("client_id", flat=True))
        )
        for client_id in clients:
            if pool and rng.random() < 0.2:
                made.append(
                    StaffChoice(
                        client_id=client_id,
                        kind=HelpKind.PERSONAL_HYGIENE,
                        staff_id=rng.choice(pool),
                    )
                )
    StaffChoice.objects.bulk_create(made, batch_size=5000)
    PlanActivity.objects.filter(visits__client_id__in={c.client_id for c in made}).update(
        help_kind=HelpKind.PERSONAL_HYGIENE
    )
    return len(made)


def _shifts(rng: random.Random, workers: list[tuple]) -> int:
    """A rota: each day a fifth of each unit's workers are off; of the rest, enough work
    the evening for the evening's visits (at least two, at most half), the others the day,
    when most visits are made."""
    today = timezone.localdate()
    by_unit: dict[int, list[tuple]] = {}
    for user_id, unit in workers:
        by_unit.setdefault(unit.pk, []).append((user_id, unit))
    shifts = []
    for offset in range(DAYS):
        day = today + datetime.timedelta(days=offset)
        for members in by_unit.values():
            on = [m for m in members if rng.random() >= 0.2] or members
            rng.shuffle(on)
            needed = math.ceil(_evening_minutes(members[0][1], day) * EVENING_TRAVEL / 120)
            evening = min(len(on) // 2, max(2, needed))
            for index, (user_id, unit) in enumerate(on):
                shifts.append(_shift(rng, user_id, unit, day, SHIFTS[1 if index < evening else 0]))
    Shift.objects.bulk_create(shifts, batch_size=5000)
    return len(shifts)


EVENING_TRAVEL = 1.25  # visit minutes to working minutes, travel included


def _evening_minutes(unit: OrganisationUnit, day: datetime.date) -> int:
    """Minutes of visits, all staff counted, in the unit's evening (from 15:00)."""
    evening = Visit.objects.filter(
        _subtree(unit), day=day, window_start__gte=datetime.time(15)
    ).values_list("duration_minutes", "staff_count")
    return sum(minutes * staff for minutes, staff in evening)


def _shift(
    rng: random.Random, user_id: int, unit: OrganisationUnit, day: datetime.date, times: tuple
) -> Shift:
    starts, ends, break_from, break_until = times
    return Shift(
        user_id=user_id,
        unit=unit,
        day=day,
        starts=starts,
        ends=ends,
        break_from=break_from,
        break_until=break_until,
        break_minutes=30,
        start_place=Shift.Place.HOME if rng.random() < 0.2 else Shift.Place.OFFICE,
    )
