"""The board's timeline: per staff member on shift, blocks for visits, travel and breaks
placed in minutes from 06:00, ready for an SVG (no inline styles: the CSP forbids them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kasam.accounts.models import User
from kasam.planner.models import PlanRun
from kasam.planner.problem import BREAK, Plan, Reason, Stop
from kasam.planner.selectors import NO_PLACE, Day
from kasam.visits.models import Visit

ORIGIN = 6 * 60  # the timeline starts at 06:00
HOURS = [(hour, (hour * 60 - ORIGIN)) for hour in range(6, 24)]


@dataclass(frozen=True)
class Block:
    kind: str  # visit, travel, break
    x: int
    width: int
    label: str = ""
    title: str = ""
    visit: Visit | None = None


@dataclass
class Row:
    staff: User
    starts: int
    ends: int
    blocks: list[Block] = field(default_factory=list)

    @property
    def length(self) -> int:
        return self.ends - self.starts

    @property
    def visits(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "visit"]


def plan_of(run: PlanRun) -> Plan:
    routes = {w: [Stop(**s) for s in stops] for w, stops in run.result.get("routes", {}).items()}
    return Plan(routes, dict(run.result.get("unplanned", {})))


def rows(day: Day, plan: Plan) -> list[Row]:
    found = []
    for worker in day.problem.workers:
        row = Row(day.staff[worker.key], _x(worker.start), _x(worker.end))
        place = worker.start_place
        for stop in plan.routes.get(worker.key, []):
            if stop.job.startswith(BREAK):
                row.blocks.append(_break(stop))
            elif stop.job in day.visits:  # a visit gone since the plan was made is left out
                job = day.problem.find_job(stop.job)
                if job is not None:
                    row.blocks += _travel(stop, day.problem.leg(worker, place, job.place))
                    place = job.place
                row.blocks.append(_visit(stop, day.visits[stop.job]))
        found.append(row)
    return sorted(found, key=lambda r: (r.staff.first_name, r.staff.last_name))


def _break(stop: Stop) -> Block:
    title = _("Break %(from)s–%(to)s") % {"from": _clock(stop.start), "to": _clock(stop.end)}
    return Block("break", _x(stop.start), _w(stop), "", title)


def _travel(stop: Stop, leg: int) -> list[Block]:
    if not leg:
        return []
    title = _("Travel, %(n)s min") % {"n": round(leg / 60)}
    return [Block("travel", _x(stop.start - leg), max(1, leg // 60), "", title)]


def _visit(stop: Stop, visit: Visit) -> Block:
    when = f"{_clock(stop.start)}–{_clock(stop.end)}"
    title = f"{when} {visit.client.full_name}: {visit.activity.what}"
    return Block("visit", _x(stop.start), _w(stop), visit.client.last_name, title, visit)


def unplanned(day: Day, plan: Plan) -> list[tuple[Visit, str]]:
    return [
        (day.visits[key], reason_text(reason))
        for key, reason in plan.unplanned.items()
        if key in day.visits
    ]


def _x(at_seconds: int) -> int:
    return at_seconds // 60 - ORIGIN


def _w(stop: Stop) -> int:
    return max(1, (stop.end - stop.start) // 60)


def _clock(at_seconds: int) -> str:
    return f"{at_seconds // 3600:02d}:{at_seconds % 3600 // 60:02d}"


def reason_text(code: str) -> str:
    """A reason code in the user's language."""
    texts = {
        Reason.NO_QUALIFIED: _("nobody on shift has the competence it needs"),
        Reason.TOO_FEW_QUALIFIED: _("it needs two staff; fewer are qualified"),
        Reason.OUTSIDE_SHIFTS: _("its window lies outside every qualified shift"),
        Reason.WINDOW: _("its window ends before it starts, or is shorter than the visit"),
        Reason.NO_TIME: _("the qualified staff are busy: nothing fits"),
        NO_PLACE: _("the client's address has no coordinates"),
        "unassigned": _("not given to anyone yet"),
    }
    return texts.get(code, code)
