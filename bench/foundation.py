"""Benchmark of the foundation on the large demo municipality.

    .venv/bin/python bench/foundation.py sqlite
    .venv/bin/python bench/foundation.py postgres   # needs PostgreSQL on 127.0.0.1:5432

Builds a fresh database, times `kasam demo --size large`, then reports p50/p95 server time
(in-process, through the whole middleware stack, audit writes included) of client search,
client page and unit page for a care worker, a case handler and a unit manager.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.test import Client as DjangoClient

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 200


# KASAM_BENCH_REUSE=1 keeps the database of an earlier run (migrated, not generated again):
# the large demo takes over ten minutes to build.
REUSE = os.environ.get("KASAM_BENCH_REUSE") == "1"
# KASAM_BENCH_SIZE=small builds (or reuses) the small demo in a database of its own, to see
# whether a page's cost grows with the municipality (bench/pages.py).
SIZE = os.environ.get("KASAM_BENCH_SIZE", "large")
if SIZE not in ("small", "large"):
    raise SystemExit(f"KASAM_BENCH_SIZE={SIZE!r}: use small or large.")
DATABASE = "kasam_bench" if SIZE == "large" else f"kasam_bench_{SIZE}"


def _database_url(kind: str) -> str:
    if kind == "sqlite":
        path = ROOT / "var" / f"{DATABASE.removeprefix('kasam_')}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            if not REUSE:
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if not (REUSE and exists):
            db.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
            db.execute(f"CREATE DATABASE {DATABASE}")
    return f"postgres://postgres@127.0.0.1:5432/{DATABASE}"


def prepare(kind: str) -> None:
    """Point Django at the benchmark database, set it up, and build (or reuse) the demo."""
    os.environ["DATABASE_URL"] = _database_url(kind)
    os.environ.setdefault("KASAM_COUNTRY", "NO")
    os.environ["KASAM_DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "kasam.config.settings"
    import django

    django.setup()
    _generate(kind)


def _generate(kind: str) -> None:
    """Migrate, and build the large demo unless an earlier run's is reused."""
    from django.core.management import call_command

    from kasam.registry.models import Client

    call_command("migrate", verbosity=0)
    if REUSE and Client.objects.exists():
        print(f"{kind}: reusing the {SIZE} demo of an earlier run")
        if kind == "postgres":  # what earlier runs added, for a server without autovacuum
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return
    started = time.perf_counter()
    call_command("demo", size=SIZE, seed=1)
    print(f"{kind}: {SIZE} demo generated in {time.perf_counter() - started:.1f} s")


def _timed(client: DjangoClient, url: str, repeat: int = REPEAT) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def _report(label: str, times: list[float]) -> None:
    p95 = statistics.quantiles(times, n=20)[18]
    print(f"  {label:<44} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")


def main(kind: str) -> None:
    prepare(kind)
    from django.test import Client

    from kasam.access.selectors import clients_visible_to
    from kasam.accounts.models import User
    from kasam.organisation.models import OrganisationUnit

    for username in ("care.worker", "case.handler", "unit.manager"):
        user = User.objects.get(username=username)
        visible = clients_visible_to(user)
        client = visible.order_by("pk").first()
        unit = OrganisationUnit.objects.filter(memberships__user=user).first()
        assert unit is not None, "the demo gives each of them a unit"
        assert client is not None, "the demo gives each of them clients"
        http = Client(HTTP_HOST="127.0.0.1")
        http.force_login(user)
        print(f" {username}: sees {visible.count()} clients; unit {unit}")
        _report("search by name 'an'", _timed(http, "/clients/?q=an"))
        _report("search by national ID", _timed(http, f"/clients/?q={client.national_id}"))
        _report("client page", _timed(http, f"/clients/{client.public_id}/"))
        _report("unit page", _timed(http, f"/units/{unit.public_id}/"))


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("sqlite", "postgres"):
        sys.exit(__doc__)
    main(sys.argv[1])
