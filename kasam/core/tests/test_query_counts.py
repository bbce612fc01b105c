"""Key pages answer in a fixed number of queries, however many rows they show.

On the demo municipality each key page of the morning mix is opened by its user, on the
subject with the most rows (the busiest care worker's day, the busiest handler's cases, the
unit with most visits). A query run once per row would show as the same query shape again
and again, so: no shape may run more than twice, and the whole page stays under its bound.
The lists are then made longer (more visits, notes, cases) and their count must not move.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kasam.accounts.models import User
from kasam.cases.models import Case
from kasam.journal.models import JournalNote
from kasam.organisation.models import Membership
from kasam.visits.models import Visit

pytestmark = pytest.mark.django_db
_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b|%s")
_LISTS = re.compile(r"\((?:\s*\?\s*,)+\s*\?\s*\)")


@pytest.fixture
def demo(settings) -> None:
    settings.KASAM_COUNTRY = "NO"
    call_command("demo", size="small", seed=5)


def shape(sql: str) -> str:
    """The query with its values taken out: the same query for another row has the same shape."""
    return _LISTS.sub("(?…)", _LITERALS.sub("?", sql))


def queries(http: HttpClient, url: str) -> tuple[int, list[str]]:
    """How many queries the page ran, and any shape run more than twice."""
    with CaptureQueriesContext(connection) as captured:
        response = http.get(url)
    assert response.status_code == 200, url
    shapes = Counter(shape(query["sql"]) for query in captured.captured_queries)
    repeated = [f"{n}× {sql[:80]} … {sql[-500:]}" for sql, n in shapes.items() if n > 2]
    return len(captured.captured_queries), repeated


def _as(username: str) -> HttpClient:
    http = HttpClient()
    http.force_login(User.objects.get(username=username))
    return http


def _busiest_care_worker() -> tuple[User, list[Visit]]:
    today = timezone.localdate()
    busiest = (
        Visit.objects.filter(day=today, staff__isnull=False)
        .values("staff")
        .annotate(n=Count("pk"))
        .order_by("-n", "staff")
        .first()
    )
    assert busiest, "the demo has visits today"
    assert busiest["n"] >= 4, "the demo gives a care worker several visits today"
    user = User.objects.get(pk=busiest["staff"])
    return user, list(Visit.objects.filter(day=today, staff=user).select_related("client"))


def _busiest_handler() -> tuple[User, Case]:
    busiest = (
        Case.objects.values("handler").annotate(n=Count("pk")).order_by("-n", "handler").first()
    )
    assert busiest
    assert busiest["n"] >= 4
    handler = User.objects.get(pk=busiest["handler"])
    case = (
        Case.objects.filter(handler=handler)
        .annotate(n=Count("transitions") + Count("decisions"))
        .order_by("-n")
        .first()
    )
    assert case
    return handler, case


def _busiest_unit_manager() -> tuple[User, str]:
    today = timezone.localdate()
    managers = Membership.objects.filter(role="unit_manager").exclude(unit__parent=None)
    for member in managers.select_related("user", "unit"):
        scope = Visit.objects.filter(day=today, unit__path__startswith=member.unit.path)
        if scope.count() >= 10:
            return member.user, str(member.unit.public_id)
    raise AssertionError("the demo has a unit manager with a busy day")


def _care_worker_pages() -> tuple[User, dict[str, str]]:
    worker, visits = _busiest_care_worker()
    client = (
        JournalNote.objects.filter(client__in=[v.client for v in visits])
        .values("client__public_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    assert client, "the clients on the busiest day have journal notes"
    client_id = client["client__public_id"]
    pages = {
        "worklist": "/visits/",
        "visit": f"/visits/{visits[0].public_id}/",
        "client page": f"/clients/{client_id}/",
        "journal": f"/clients/{client_id}/journal/",
        "plan page": f"/clients/{client_id}/plan/",
    }
    return worker, pages


def _office_pages() -> tuple[User, dict[str, str]]:
    handler, case = _busiest_handler()
    office = Membership.objects.filter(user=handler).select_related("unit").first()
    assert office
    pages = {
        "own inbox": "/cases/?handler=me",
        "office inbox": f"/cases/?unit={office.unit.public_id}",
        "review list": "/cases/reviews/",
        "case page": f"/cases/{case.public_id}/",
        "search": "/clients/?q=an",
    }
    return handler, pages


def _manager_pages() -> tuple[User, dict[str, str]]:
    manager, unit = _busiest_unit_manager()
    return manager, {
        "day board": f"/visits/board/?unit={unit}",
        "continuity": f"/visits/board/continuity/?unit={unit}",
    }


# The most queries each page may run: the counts measured in December 2026 plus five.
BOUNDS = {
    "worklist": 18,
    "visit": 22,  # 17 since the page has what is needed at the door (#15)
    "client page": 22,
    "journal": 21,
    "plan page": 26,
    "own inbox": 23,
    "office inbox": 24,
    "review list": 21,
    "case page": 27,
    "search": 18,
    "day board": 25,
    "continuity": 14,
    "dashboard": 21,
}
ROLES: dict[str, Callable[[], tuple[User, dict[str, str]]]] = {
    "care worker": _care_worker_pages,
    "case handler": _office_pages,
    "unit manager": _manager_pages,
}


@pytest.mark.parametrize("role", ROLES)
def test_key_pages_run_no_query_per_row(demo, role):
    user, pages = ROLES[role]()
    http = _as(user.username)
    problems = []
    for name, url in pages.items():
        http.get(url)  # warm: session renewal and cached figures are not the page's work
        count, repeated = queries(http, url)
        print(f"{name}: {count} queries")
        if count > BOUNDS[name]:
            problems.append(f"{name} ({url}): {count} queries, more than {BOUNDS[name]}")
        problems += [f"{name} ({url}) repeats a query: {r}" for r in repeated]
    assert not problems, "\n".join(problems)


def test_the_dashboard_runs_no_query_per_unit_or_indicator(demo):
    http = _as("quality.lead")
    http.get("/indicators/")
    count, repeated = queries(http, "/indicators/")
    print(f"dashboard: {count} queries")
    assert not repeated, "\n".join(repeated)
    assert count <= BOUNDS["dashboard"]


def _copy(visits: list[Visit]) -> None:
    """The same visits once more (another staff member's round the same day, say)."""
    fields = [
        f.attname for f in Visit._meta.concrete_fields if f.attname not in ("id", "public_id")
    ]
    Visit.objects.bulk_create(Visit(**{name: getattr(v, name) for name in fields}) for v in visits)


def test_longer_worklist_and_day_board_run_the_same_queries(demo):
    worker, visits = _busiest_care_worker()
    manager, unit = _busiest_unit_manager()
    pages = [
        (_as(worker.username), "/visits/"),
        (_as(manager.username), f"/visits/board/?unit={unit}"),
    ]
    for http, url in pages:
        http.get(url)
    before = [queries(http, url)[0] for http, url in pages]
    today = timezone.localdate()
    _copy(visits)
    _copy(list(Visit.objects.filter(day=today, unit__public_id=unit)))
    after = [queries(http, url)[0] for http, url in pages]
    assert after == before
