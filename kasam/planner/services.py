"""Planning a unit's day: start a run (a worker makes it, or the request when there is no
broker), cancel it, publish its plan to the worklists, and move or lock one visit by hand.
Nothing is half-published: publishing is one transaction, refused when the day changed."""

from __future__ import annotations

import datetime
import logging
from dataclasses import asdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kasam.access.selectors import ClientAccess, access_bases
from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.careplans.models import PlanActivity
from kasam.core.concurrency import claim_version
from kasam.core.errors import Refused
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import people_in
from kasam.planner import selectors, solver
from kasam.planner.figures import figures
from kasam.planner.models import Coordinates, PlanRun, Shift, Skill
from kasam.planner.selectors import seconds
from kasam.registry.models import Client, ServiceLink
from kasam.visits.models import Visit
from kasam.visits.services import ensure_may_visit

log = logging.getLogger(__name__)
Status = PlanRun.Status
LIVE = (Status.QUEUED, Status.RUNNING)


@transaction.atomic
def start_run(
    *, user: User, unit: OrganisationUnit, day: datetime.date, seconds_to_plan: int, seed: int = 1
) -> PlanRun:
    """Queue a run for the day (one at a time per unit and day)."""
    limit = settings.KASAM_PLANNER_MAX_SECONDS
    if not 1 <= seconds_to_plan <= limit:
        raise Refused(_("Plan for 1 to %(n)s seconds.") % {"n": limit})
    if selectors.runs_for(unit, day).filter(status__in=LIVE).exists():
        raise Refused(_("The day is already being planned. Wait for it, or cancel it."))
    run = PlanRun.objects.create(
        unit=unit,
        day=day,
        created_by=user,
        seconds=seconds_to_plan,
        seed=seed,
        weights=asdict(selectors.weights()),
        fingerprint=selectors.fingerprint(unit, day),
    )
    from kasam.planner.tasks import plan_day

    transaction.on_commit(lambda: plan_day.delay(run.pk))
    return run


def execute(run_id: int) -> None:
    """The worker's side: plan the day and store the result; safe to run again."""
    run = PlanRun.objects.select_related("unit").filter(pk=run_id).first()
    if run is None or run.status != Status.QUEUED:
        return
    PlanRun.objects.filter(pk=run.pk).update(status=Status.RUNNING, progress=1)
    try:
        day = selectors.build_day(run.unit, run.day, now=timezone.now())
        plan = solver.solve(
            day.problem,
            seconds=run.seconds,
            seed=run.seed,
            progress=lambda percent: _progress(run, percent),
            cancelled=lambda: _cancelled(run),
        )
    except Refused as refusal:
        _finish(run, Status.FAILED, message=refusal.message)
        return
    except Exception:
        log.exception("planning run %s failed", run.pk)
        _finish(run, Status.FAILED, message=_("Something went wrong while planning."))
        return
    if _cancelled(run):
        return
    plan.unplanned.update(day.without_place)
    result = {
        "routes": {w: [asdict(s) for s in stops] for w, stops in plan.routes.items()},
        "unplanned": plan.unplanned,
        "figures": figures(day, plan),
        "current": figures(day, selectors.current_plan(day)),
    }
    _finish(run, Status.DONE, problem=day.inputs(), result=result)


def _progress(run: PlanRun, percent: int) -> None:
    PlanRun.objects.filter(pk=run.pk, status=Status.RUNNING).update(progress=min(99, percent))


def _cancelled(run: PlanRun) -> bool:
    return PlanRun.objects.filter(pk=run.pk, status=Status.CANCELLED).exists()


def _finish(run: PlanRun, status: str, *, message: str = "", **stored: object) -> None:
    PlanRun.objects.filter(pk=run.pk).exclude(status=Status.CANCELLED).update(
        status=status, progress=100, message=message, finished_at=timezone.now(), **stored
    )


@transaction.atomic
def cancel_run(*, user: User, run: PlanRun) -> None:
    if run.status not in LIVE:
        raise Refused(_("Only a run that is waiting or planning can be cancelled."))
    PlanRun.objects.filter(pk=run.pk).update(
        status=Status.CANCELLED, finished_at=timezone.now(), message=_("Cancelled.")
    )


@transaction.atomic
def publish(*, actor: Actor, run: PlanRun) -> int:
    """Give every visit its staff and start from the plan, in one go; refused when the day
    changed after planning (someone documented or reassigned a visit)."""
    if run.status != Status.DONE:
        raise Refused(_("Only a finished plan can be published."))
    visits = {
        str(v.public_id): v
        for v in selectors.day_visits(run.unit, run.day).select_for_update(of=("self",))
    }
    if selectors.fingerprint(run.unit, run.day) != run.fingerprint:
        raise Refused(_("The day has changed since this plan was made. Plan it again."))
    staff = {str(u.public_id): u for u in User.objects.filter(public_id__in=run.result["routes"])}
    wanted = _wanted(run.result["routes"], visits)
    now = timezone.now()
    bases = access_bases(
        actor.user, list({v.client_id: v.client for v in visits.values()}.values())
    )
    changed = 0
    for key, visit in visits.items():
        first, second, start = wanted.get(key, (None, None, None))
        new = (
            staff.get(first or ""),
            staff.get(second or ""),
            _time(start) if start is not None else None,
        )
        if (visit.staff, visit.second_staff, visit.planned_start) == new:
            continue
        visit.staff, visit.second_staff, visit.planned_start = new
        visit.replanned_at = now
        visit.version += 1
        visit.save(
            update_fields=[
                "staff",
                "second_staff",
                "planned_start",
                "replanned_at",
                "version",
                "updated_at",
            ]
        )
        access = ClientAccess(visit.client, bases[visit.client_id])
        record_access(actor=actor, access=access, action=AuditEvent.Action.UPDATE, target=visit)
        changed += 1
    PlanRun.objects.filter(pk=run.pk).update(
        status=Status.PUBLISHED, published_at=now, published_by=actor.user
    )
    return changed


def _wanted(
    routes: dict[str, list[dict]], visits: dict[str, Visit]
) -> dict[str, tuple[str | None, str | None, int]]:
    """Per visit: the first and second staff member and the start. A second visit planned
    with its first (selectors.follow_ups) gets the second part, as a visit of its own."""
    parts: dict[str, dict[int, tuple[str, int]]] = {}
    for worker, stops in routes.items():
        for stop in stops:
            if not stop["job"].startswith(solver.BREAK):
                parts.setdefault(stop["job"], {})[stop["part"]] = (worker, stop["start"])
    tied = selectors.follow_ups(list(visits.values()))
    wanted: dict[str, tuple[str | None, str | None, int]] = {}
    for key, found in parts.items():
        if 0 not in found or key not in visits:
            continue
        second = found.get(1)
        follow_up = tied.get(visits[key].pk)
        if follow_up is None:
            wanted[key] = (found[0][0], second[0] if second else None, found[0][1])
            continue
        wanted[key] = (found[0][0], None, found[0][1])
        if second is not None:
            wanted[str(follow_up.public_id)] = (second[0], None, second[1])
    return wanted


def _time(at_seconds: int) -> datetime.time:
    return datetime.time(at_seconds // 3600, at_seconds % 3600 // 60)


@transaction.atomic
def move_visit(
    *,
    actor: Actor,
    access: ClientAccess,
    visit: Visit,
    staff: User | None,
    start: datetime.time | None,
    locked: bool,
    version: int,
) -> Visit:
    """The manager moves a visit to a person and a time, and may lock it there so that the
    optimiser plans the rest around it. `version` is the one the manager saw: a visit moved,
    assigned or published since is refused (StaleEdit) rather than overwritten."""
    if visit.documented:
        raise Refused(_("The visit is already documented; it cannot be moved."))
    ensure_may_visit(staff, visit)
    if locked and (staff is None or start is None):
        raise Refused(_("A locked visit needs a staff member and a start time."))
    window = visit.window_start, visit.window_end
    if start is not None and window[0] and window[1] and not window[0] <= start <= window[1]:
        raise Refused(_("The start lies outside the visit's window."))
    claim_version(visit, version)
    visit.staff, visit.planned_start, visit.locked = staff, start, locked
    if staff is None:
        visit.second_staff = None
    visit.replanned_at = timezone.now()
    visit.save(
        update_fields=[
            "staff",
            "second_staff",
            "planned_start",
            "locked",
            "replanned_at",
            "updated_at",
        ]
    )
    record_access(actor=actor, access=access, action=AuditEvent.Action.UPDATE, target=visit)
    return visit


@transaction.atomic
def replace_shifts(
    *, actor: Actor, unit: OrganisationUnit, day: datetime.date, rows: list[dict]
) -> list[Shift]:
    """A unit's shifts of a day, replaced as a whole (a rota import): all or nothing."""
    members = unit_staff(unit)
    staff = [members.get(str(row["staff"])) for row in rows]
    if None in staff:
        raise Refused(_("Every shift must be for a staff member of the unit."))
    if len({u.pk for u in staff if u}) != len(staff):
        raise Refused(_("A staff member has one shift a day."))
    elsewhere = Shift.objects.filter(day=day, user__in=staff).exclude(unit=unit)
    if elsewhere.exists():
        raise Refused(_("A staff member already has a shift in another unit that day."))
    shifts = [_shift(unit, day, person, row) for person, row in zip(staff, rows, strict=True)]
    Shift.objects.filter(unit=unit, day=day).delete()
    return Shift.objects.bulk_create(shifts)


def unit_staff(unit: OrganisationUnit) -> dict[str, User]:
    """The staff of the unit and the teams under it, by public id."""
    scope = OrganisationUnit.objects.filter(path__startswith=unit.path)
    return {str(u.public_id): u for u in people_in(scope)}


SKILLS = [code for code in PlanActivity.Competence.values if code != PlanActivity.Competence.ANY]


@transaction.atomic
def replace_skills(*, unit: OrganisationUnit, rows: list[dict]) -> list[Skill]:
    """The competences of staff of the unit, each listed person's replaced as a whole (from
    the municipality's competence register): all or nothing."""
    members = unit_staff(unit)
    staff = [members.get(str(row["staff"])) for row in rows]
    if None in staff:
        raise Refused(_("Every row must be for a staff member of the unit."))
    unknown = {code for row in rows for code in row["skills"]} - set(SKILLS)
    if unknown:
        raise Refused(
            _("Unknown competence: %(codes)s. Known: %(known)s.")
            % {"codes": ", ".join(sorted(unknown)), "known": ", ".join(SKILLS)}
        )
    Skill.objects.filter(user__in=staff).delete()
    return Skill.objects.bulk_create(
        Skill(user=person, code=code)
        for person, row in zip(staff, rows, strict=True)
        for code in sorted(set(row["skills"]))
    )


def _shift(unit: OrganisationUnit, day: datetime.date, person: User | None, row: dict) -> Shift:
    if row["ends"] <= row["starts"]:
        raise Refused(_("A shift must end after it starts."))
    pause = row["break_from"], row["break_until"]
    if row["break_minutes"] and not (pause[0] and pause[1] and pause[0] <= pause[1]):
        raise Refused(_("A break needs the time it may start from and the time it starts by."))
    return Shift(user=person, unit=unit, day=day, **row_fields(row))


def row_fields(row: dict) -> dict:
    names = ["starts", "ends", "start_place", "end_place", "mode", "break_from", "break_until"]
    return {name: row[name] for name in names} | {"break_minutes": row["break_minutes"]}


@transaction.atomic
def import_places(*, rows: list[dict[str, str]]) -> int:
    """Coordinates from an installation's geocoding: rows of kind (client: national ID,
    unit: the unit's name, home: a staff member's username), key, latitude, longitude.
    All or nothing; a client's are kept for the address they were found for."""
    made = [_place(number, row) for number, row in enumerate(rows, start=2)]
    _replace_places(made, first=2, row_name=_("Line"))
    return len(made)


PLACE_KINDS = {
    "client": gettext_lazy("client"),
    "office": gettext_lazy("office"),
    "home": gettext_lazy("staff member"),
}


@transaction.atomic
def place_for_unit(*, actor: Actor, unit: OrganisationUnit, rows: list[dict]) -> int:
    """Coordinates sent through the API for a unit a manager runs: its clients (served by
    it now), its offices (the unit and those under it) and its staff's homes, each row
    (kind, id, latitude, longitude) naming one by its public id. All or nothing; every
    client's new place is logged as a change to the client's record."""
    owners = _unit_owners(unit, rows)
    made = []
    for number, row in enumerate(rows, start=1):
        owner = owners.get((row["kind"], str(row["id"])))
        if owner is None:
            raise Refused(
                _("Row %(n)s: the unit has no %(kind)s with id %(id)s.")
                % {"n": number, "kind": PLACE_KINDS[row["kind"]], "id": row["id"]}
            )
        made.append(Coordinates(latitude=row["latitude"], longitude=row["longitude"], **owner))
    _replace_places(made, first=1, row_name=_("Row"))
    clients = [place.client for place in made if place.client is not None]
    bases = access_bases(actor.user, clients) if clients else {}
    for place in made:
        if place.client is not None:
            access = ClientAccess(place.client, bases[place.client.pk])
            record_access(actor=actor, access=access, action=AuditEvent.Action.UPDATE, target=place)
    return len(made)


def _unit_owners(unit: OrganisationUnit, rows: list[dict]) -> dict[tuple[str, str], dict]:
    """What the rows may place, by (kind, public id): only what belongs to the unit."""
    wanted = {kind: {row["id"] for row in rows if row["kind"] == kind} for kind in PLACE_KINDS}
    subtree = OrganisationUnit.objects.filter(path__startswith=unit.path)
    serving = ServiceLink.objects.current().filter(unit__in=subtree)
    clients = Client.objects.filter(public_id__in=wanted["client"], service_links__in=serving)
    staff = unit_staff(unit)
    owners: dict[tuple[str, str], dict] = {}
    for client in clients.distinct():
        owners["client", str(client.public_id)] = {"client": client, "for_address": client.address}
    for office in subtree.filter(public_id__in=wanted["office"]):
        owners["office", str(office.public_id)] = {"unit": office}
    for key in wanted["home"]:
        if str(key) in staff:
            owners["home", str(key)] = {"home_of": staff[str(key)]}
    return owners


def _replace_places(made: list[Coordinates], *, first: int, row_name: str) -> None:
    """Each one's coordinates replaced; a place listed twice is refused (row `first` is
    the first of `made`, named `row_name` to the person: a line or a row)."""
    seen: set[tuple[str, int | None]] = set()
    for number, coordinates in enumerate(made, start=first):
        owner = {
            "client": coordinates.client_id,
            "unit": coordinates.unit_id,
            "home_of": coordinates.home_of_id,
        }
        field = next(name for name, value in owner.items() if value is not None)
        key = (field, owner[field])
        if key in seen:
            raise Refused(
                _("%(row)s %(n)s: this place is already listed above.")
                % {"row": row_name, "n": number}
            )
        seen.add(key)
        Coordinates.objects.filter(**{field: owner[field]}).delete()
    Coordinates.objects.bulk_create(made)


def _place(line: int, row: dict[str, str]) -> Coordinates:
    def refuse(problem: str) -> Refused:
        return Refused(_("Line %(n)s: %(problem)s") % {"n": line, "problem": problem})

    kind, key = row.get("kind", "").strip(), row.get("key", "").strip()
    try:
        lat, lon = float(row.get("latitude", "")), float(row.get("longitude", ""))
    except ValueError:
        raise refuse(_("latitude and longitude must be numbers.")) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise refuse(_("latitude and longitude are outside the earth."))
    found = _owner(kind, key)
    if found is None:
        raise refuse(_("no %(kind)s %(key)s.") % {"kind": kind or "?", "key": key or "?"})
    return Coordinates(latitude=lat, longitude=lon, **found)


def _owner(kind: str, key: str) -> dict | None:
    if kind == "client":
        client = Client.objects.filter(national_id=key).first()
        return {"client": client, "for_address": client.address} if client else None
    if kind == "unit":
        unit = OrganisationUnit.objects.filter(name=key).first()
        return {"unit": unit} if unit else None
    if kind == "home":
        user = User.objects.filter(username=key).first()
        return {"home_of": user} if user else None
    return None


__all__ = ["cancel_run", "execute", "move_visit", "publish", "seconds", "start_run"]
