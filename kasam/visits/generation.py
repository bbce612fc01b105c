"""Generating visits from the current plans for a period. Idempotent: running it again gives
the same visits; after a plan change, future undocumented visits follow the new plan and
documented ones are kept as they were."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from kasam.careplans.models import PlanActivity, PlanVersion, StaffChoice
from kasam.core.signals import bulk_written
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.registry.models import Client, Stay
from kasam.visits.models import Visit


@dataclass(frozen=True)
class Result:
    created: int
    removed: int
    kept: int


def _days(start: datetime.date, end: datetime.date) -> Iterable[datetime.date]:
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


FAR = datetime.date(9999, 12, 31)
Cancelled = Visit.Cancelled


class Away:
    """Why a client's visit cannot be made on a day: the client is gone (from their status's
    day), its decided service has ended, or the client is away from home on a stay."""

    def __init__(self, client_ids: Iterable[int], start: datetime.date) -> None:
        ids = list(client_ids)
        gone = Client.objects.filter(pk__in=ids, status__in=Client.GONE, status_since__isnull=False)
        self.gone: dict[int, tuple[datetime.date, str]] = {
            pk: (since, status)
            for pk, since, status in gone.values_list("pk", "status_since", "status")
            if since is not None
        }
        self.stays: dict[int, list[Stay]] = {}
        for stay in Stay.objects.filter(client_id__in=ids).exclude(home_on__lte=start):
            self.stays.setdefault(stay.client_id, []).append(stay)

    def for_good(self, client_id: int, day: datetime.date, activity: PlanActivity) -> str:
        """A reason that stays: no new visit is made for such a day."""
        since, status = self.gone.get(client_id, (FAR, ""))
        if day >= since:
            return status
        ends = activity.line.ends_on
        return Cancelled.SERVICE_ENDED if ends is not None and day > ends else ""

    def meanwhile(self, client_id: int, day: datetime.date) -> str:
        """A reason that passes (a stay away): the visit is made, cancelled, and comes back."""
        return next((s.kind for s in self.stays.get(client_id, ()) if s.covers(day)), "")

    def reason(self, visit: Visit) -> str:
        return self.for_good(visit.client_id, visit.day, visit.activity) or self.meanwhile(
            visit.client_id, visit.day
        )


def _cancel(visit: Visit, reason: str) -> bool:
    """Set the visit's cancellation to `reason` ("" brings it back); False when unchanged."""
    if visit.cancelled_because == reason:
        return False
    visit.cancelled_because = reason
    visit.cancelled_at = timezone.now() if reason else None
    visit.version += 1
    return True


CANCELLATION = ["cancelled_because", "cancelled_at", "version"]


def _key(client_id: int, day: datetime.date, activity: PlanActivity, part: int) -> tuple:
    """What makes two visits the same, across plan versions (activities are copied); part 1
    is an activity's second visit."""
    return (client_id, day, activity.line.service_id, activity.what, activity.window_start, part)


@transaction.atomic
def generate(
    start: datetime.date,
    end: datetime.date,
    *,
    clients: Iterable[int] | None = None,
    prepare: Callable[[list[Visit]], None] | None = None,
) -> Result:
    """Visits of the current plans between `start` and `end` (both included).

    Every day of the pattern gets its visit, public holidays included: care does not stop at
    Easter. Activities marked "as needed" get no planned visits; a client who is gone
    (inactive, deceased, moved away) none from the day that took effect, nor a service after
    its decided end; the visits of days the client is away on a stay are made cancelled.
    """
    plans = PlanVersion.objects.filter(status=PlanVersion.Status.AGREED)
    if clients is not None:
        plans = plans.filter(plan__client_id__in=list(clients))
    activities = list(
        PlanActivity.objects.filter(
            plan_version__in=plans, as_needed=False, line__provider__isnull=False
        ).select_related("line", "plan_version__plan")
    )
    client_ids = {a.plan_version.plan.client_id for a in activities}
    away = Away(client_ids | set(clients or ()), start)
    period = Visit.objects.filter(day__gte=start, day__lte=end)
    scope = Q(client_id__in=client_ids) if clients is None else Q(client_id__in=list(clients))
    existing = list(period.filter(scope).select_related("activity__line"))
    wanted = {
        _key(a.plan_version.plan.client_id, day, a, part): (a, day, part)
        for a in activities
        for day in _days(start, end)
        if day.weekday() in a.weekdays and not away.for_good(a.plan_version.plan.client_id, day, a)
        for part in ((0, 1) if a.follow_up else (0,))
    }
    kept, removed = _reconcile(existing, wanted, away)
    made = {key: _visit(*found) for key, found in wanted.items() if key not in kept}
    visits = list(made.values())
    for visit in visits:
        _cancel(visit, away.meanwhile(visit.client_id, visit.day))
    assign_chosen_staff(visits)
    if prepare is not None:
        prepare(visits)  # e.g. the demo assigns staff before the visits are stored
    Visit.objects.bulk_create(visits, batch_size=5000)
    _tie_follow_ups(kept | made)
    bulk_written.send(sender=Visit, source="visits", first=start, last=end)
    return Result(created=len(visits), removed=removed, kept=len(kept))


def assign_chosen_staff(visits: list[Visit]) -> None:
    """Honour the client's choice: a new visit for a kind of help goes to the staff member
    the client chose for it, when that person works in the visit's unit (or its teams)."""
    chosen = _chosen_staff(visits)
    if not chosen:
        return
    unit_paths = dict(
        OrganisationUnit.objects.filter(pk__in={v.unit_id for v in visits}).values_list(
            "pk", "path"
        )
    )
    works_in: dict[int, list[str]] = {}
    members = Membership.objects.current().filter(user_id__in=set(chosen.values()))
    for user_id, path in members.values_list("user_id", "unit__path"):
        works_in.setdefault(user_id, []).append(path)
    for visit in visits:
        staff_id = chosen.get((visit.client_id, visit.activity.help_kind))
        if staff_id is None:
            continue
        if any(path.startswith(unit_paths[visit.unit_id]) for path in works_in.get(staff_id, [])):
            visit.staff_id = staff_id


def _chosen_staff(visits: list[Visit]) -> dict[tuple[int, str], int]:
    """(client, kind of help) → the staff member the client chose first for it."""
    kinds = {v.activity.help_kind for v in visits if v.activity.help_kind}
    if not kinds:
        return {}
    choices = StaffChoice.objects.filter(
        client_id__in={v.client_id for v in visits}, kind__in=kinds, ended_at__isnull=True
    ).order_by("pk")
    chosen: dict[tuple[int, str], int] = {}
    for client_id, kind, staff_id in choices.values_list("client_id", "kind", "staff_id"):
        chosen.setdefault((client_id, kind), staff_id)
    return chosen


def _tie_follow_ups(visits: dict[tuple, Visit]) -> None:
    """Each second visit points at its first."""
    untied = []
    for key, visit in visits.items():
        first = visits.get((*key[:-1], 0)) if key[-1] == 1 else None
        if first is not None and visit.follows_id != first.pk:
            visit.follows = first
            untied.append(visit)
    Visit.objects.bulk_update(untied, ["follows"], batch_size=5000)


def _reconcile(existing: list[Visit], wanted: dict, away: Away) -> tuple[dict[tuple, Visit], int]:
    """Documented visits stay as they were. Undocumented ones still wanted follow the
    current plan's activity, cancelled while the client is away; those of days the client is
    gone or the service has ended are cancelled and kept; the rest are removed."""
    kept: dict[tuple, Visit] = {}
    stale: list[int] = []
    updated: list[Visit] = []
    recancelled: list[Visit] = []
    for visit in existing:
        key = _key(visit.client_id, visit.day, visit.activity, visit.part)
        if visit.documented:
            kept.setdefault(key, visit)
        elif key in wanted and key not in kept:
            kept[key] = visit
            if _follow(visit, wanted[key][0]):
                updated.append(visit)
            if _cancel(visit, away.meanwhile(visit.client_id, visit.day)):
                recancelled.append(visit)
        elif key not in kept and (
            reason := away.for_good(visit.client_id, visit.day, visit.activity)
        ):
            kept[key] = visit
            if _cancel(visit, reason):
                recancelled.append(visit)
        else:
            stale.append(visit.pk)
    Visit.objects.filter(pk__in=stale).delete()
    Visit.objects.bulk_update(updated, PLANNED, batch_size=5000)
    Visit.objects.bulk_update(recancelled, CANCELLATION, batch_size=5000)
    return kept, len(stale)


PLANNED = ["activity", "unit", "window_end", "duration_minutes", "staff_count", "competence"]


def _follow(visit: Visit, activity: PlanActivity) -> bool:
    """Give the visit the activity's planned fields; False when nothing changed, so that a
    rerun writes nothing."""
    fresh = _visit(activity, visit.day, visit.part)
    changed = False
    for name in PLANNED:
        attribute = f"{name}_id" if name in ("activity", "unit") else name
        if getattr(visit, attribute) != getattr(fresh, attribute):
            setattr(visit, attribute, getattr(fresh, attribute))
            changed = True
    return changed


def _visit(activity: PlanActivity, day: datetime.date, part: int = 0) -> Visit:
    assert activity.line.provider_id is not None  # activities without a provider are skipped
    visit = Visit(
        client_id=activity.plan_version.plan.client_id,
        activity=activity,
        unit_id=activity.line.provider_id,
        day=day,
        window_start=activity.window_start,
        window_end=activity.window_end,
        duration_minutes=activity.duration_minutes,
        staff_count=activity.staff_count,
        competence=activity.competence,
        part=part,
    )
    if part == 1 and activity.follow_up:
        minutes, least, most = activity.follow_up
        first_length = activity.duration_minutes
        visit.window_start = _later(activity.window_start, least)
        visit.window_end = _later(activity.window_end, most - first_length + minutes)
        visit.duration_minutes, visit.staff_count = minutes, 1
    return visit


def _later(at: datetime.time | None, minutes: int) -> datetime.time | None:
    """`at` plus `minutes`, no later than the day's last minute."""
    if at is None:
        return None
    moved = datetime.datetime.combine(datetime.date.min, at) + datetime.timedelta(minutes=minutes)
    return moved.time() if moved.date() == datetime.date.min else datetime.time(23, 59)


def serving_changed(client_id: int, since: datetime.date) -> None:
    """The client's status or stays changed from `since`: their visits from then on are
    cancelled or brought back. Past days only change state (nothing is made or removed
    after the fact); coming days are generated again as far as they were."""
    today = timezone.localdate()
    visits = Visit.objects.filter(client_id=client_id, day__gte=since)
    last = visits.aggregate(last=Max("day"))["last"]
    if last is None:
        return
    if since < today:
        _recancel_past(client_id, since, today - datetime.timedelta(days=1))
    if last >= today:
        generate(max(since, today), last, clients=[client_id])


def _recancel_past(client_id: int, first: datetime.date, last: datetime.date) -> None:
    undocumented = Visit.objects.filter(
        client_id=client_id, day__gte=first, day__lte=last, checked_in_at=None, outcome=""
    ).select_related("activity__line")
    visits = list(undocumented)
    away = Away([client_id], first)
    changed = [visit for visit in visits if _cancel(visit, away.reason(visit))]
    Visit.objects.bulk_update(changed, CANCELLATION, batch_size=5000)
    if changed:
        bulk_written.send(sender=Visit, source="visits", first=first, last=last)
