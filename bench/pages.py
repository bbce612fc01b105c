"""CPU per page of the morning mix, in one process, on the large demo on PostgreSQL.

    KASAM_BENCH_REUSE=1 .venv/bin/python bench/pages.py            # every page of the mix
    KASAM_BENCH_REUSE=1 .venv/bin/python bench/pages.py day_board  # and a profile of one
    KASAM_BENCH_REUSE=1 .venv/bin/python bench/pages.py sql:worklist  # and its queries

What bench/load.py measures from outside, taken apart: the same staff, pages and mix, served
in this process through the whole middleware stack in production settings (the shared cache
on the local Redis), each page asked ROUNDS times by a different person. Per page it prints
the median CPU time of this process (the app's share; the database's is not counted), the
median and 95th percentile of the wall time (server time: the page made, the database
included, no network) and the number of queries; then the CPU weighted by the mix. With a
page's name it also prints where that page's CPU goes (cProfile, by own time).
"""

from __future__ import annotations

import cProfile
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.update(
    KASAM_ENV="production", SECRET_KEY="pages-benchmark-only-" + "x" * 40,
    KASAM_SSL_REDIRECT="false", KASAM_SECURE_COOKIES="false", KASAM_ALLOW_TEST_IDS="true",
    KASAM_AUDIT_SEAL_IN_REQUEST="false",  # as under bench/load.py: a worker seals
    REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/3"),
)  # fmt: skip
from foundation import prepare
from load import MIX, WHO, Person, action_path, staff

ROUNDS = int(os.environ.get("KASAM_PAGES_ROUNDS", "40"))
SAVES = ("check_in", "check_out", "journal_note")


def _clients(people: list[Person]) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = get_user_model().objects.in_bulk([p.username for p in people], field_name="username")
    clients = {}
    handler = Client().handler  # one middleware stack, loaded once, as in a server's worker
    for person in people:
        client = Client(HTTP_X_FORWARDED_PROTO="https")
        client.handler = handler
        client.force_login(users[person.username])
        clients[person.username] = client
    return clients


def _measure(name: str, people: list[Person], clients: dict, rng: random.Random) -> tuple:
    cpu, wall = [], []
    for _ in range(ROUNDS):
        started, started_cpu = time.perf_counter(), time.process_time()
        _ask(name, people, clients, rng)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(wall, n=20)[-1]
    return (
        statistics.median(cpu),
        statistics.median(wall),
        p95,
        _queries(name, people, clients, rng),
    )


def _ask(name: str, people: list[Person], clients: dict, rng: random.Random) -> None:
    person = rng.choice(people)
    method, path, form = action_path(name, person, rng)
    response = getattr(clients[person.username], method.lower())(path, form or {})
    if response.status_code not in (200, 302):
        raise SystemExit(f"{name}: {method} {path} answered {response.status_code}")
    if method == "POST" and path.endswith("/check-in/"):
        person.to_check_out.append(path.split("/")[2])


def _captured(name: str, people: list[Person], clients: dict, rng: random.Random) -> list:
    """The queries of one more request (recorded apart: recording them costs CPU)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()  # a full log (9,000 entries) would capture nothing
    with CaptureQueriesContext(connection) as captured:
        _ask(name, people, clients, rng)
    return captured.captured_queries


def _queries(name: str, people: list[Person], clients: dict, rng: random.Random) -> int:
    return len(_captured(name, people, clients, rng))


def _print_queries(name: str, people: list[Person], clients: dict, rng: random.Random) -> None:
    captured = _captured(name, people, clients, rng)
    print(f"--- {name}: {len(captured)} queries")
    for number, query in enumerate(captured, 1):
        print(f"{number:3} {query['time']:>6}s  {query['sql'][:400]}")


def _profile(name: str, people: list[Person], clients: dict, rng: random.Random) -> None:
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    _measure(name, people, clients, rng)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    pstats.Stats(profiler).sort_stats("cumtime").print_stats(40)


def main() -> None:
    prepare("postgres")
    from django.conf import settings
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # as scripts/serve does
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    people = staff()
    clients = _clients(people)
    by_role: dict[str, list[Person]] = {}
    for person in people:
        by_role.setdefault(person.role, []).append(person)
    rng = random.Random(1)
    for name in MIX:  # warm every cache and code path once
        _measure(name, by_role[WHO[name]], clients, rng)
    weighted = 0.0
    print(
        f"{'page':14} {'CPU ms':>7} {'wall ms':>8} {'p95 ms':>7} {'queries':>8}   ({ROUNDS} each)"
    )
    for name, share in MIX.items():
        cpu, wall, p95, queries = _measure(name, by_role[WHO[name]], clients, rng)
        weighted += cpu * share / sum(MIX.values())
        print(f"{name:14} {cpu:7.1f} {wall:8.1f} {p95:7.1f} {queries:8}")
    print(f"weighted by the mix: {weighted:.1f} ms CPU per request (app, in process)")
    for arg in sys.argv[1:]:
        show, _, name = arg.rpartition(":")
        report = _print_queries if show == "sql" else _profile
        report(name, by_role[WHO[name]], clients, rng)


if __name__ == "__main__":
    main()
