"""Open-loop load on the production stack, with the morning mix of a municipality.

    .venv/bin/python bench/load.py                       # builds the large demo on PostgreSQL
    KASAM_BENCH_REUSE=1 .venv/bin/python bench/load.py   # reuses an earlier run's database
    KASAM_LOAD_RATES=10,20,40 KASAM_LOAD_SECONDS=60 …    # the steps, and seconds per step

Starts the production stack with scripts/serve (gunicorn with WEB_CONCURRENCY workers, Redis
as the shared cache, a Celery worker and beat on the local RabbitMQ) on the benchmark
database, logs in 167 distinct staff through the real login page (care workers 120, case
handlers 20, unit managers 25, quality 2), then offers requests at fixed rates with Poisson
arrivals, whatever the answers' speed (open loop), in the issue's mix. Per step it prints
the achieved rate, p50/p95/p99, errors, and CPU per request of the app server and of
PostgreSQL (from /proc), with the machine's load average.
"""

from __future__ import annotations

import collections
import concurrent.futures
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from foundation import ROOT, prepare

PORT = 8790
# The app server and this process sign and check audit entries with the same key.
os.environ.setdefault("KASAM_AUDIT_KEY", "load-benchmark-audit-key")
# Processes counted as the app and as the database; the postmaster's counters include the
# CPU of the connections that have ended.
APP, DB = r"gunicorn|celery", r"^postgres|/bin/postgres "
PASSWORD = "kasam-demo"  # noqa: S105 - the demo's printed password
RATES = [int(r) for r in os.environ.get("KASAM_LOAD_RATES", "10,20,40,60,80,100").split(",")]
SECONDS = int(os.environ.get("KASAM_LOAD_SECONDS", "45"))
STAFF = {"care_worker": 120, "case_handler": 20, "unit_manager": 25, "quality_lead": 2}
MIX = {  # share of requests (issue #12)
    "worklist": 20, "visit": 9, "check_in": 6, "check_out": 6, "journal_note": 6,
    "journal": 4, "client_page": 13, "plan_page": 4, "search": 8, "own_inbox": 6,
    "review_list": 3, "office_inbox": 2, "case_page": 5, "day_board": 3, "continuity": 1,
    "dashboard": 1,
}  # fmt: skip
WHO = {
    "worklist": "care_worker", "visit": "care_worker", "check_in": "care_worker",
    "check_out": "care_worker", "journal_note": "care_worker", "journal": "care_worker",
    "client_page": "care_worker", "plan_page": "care_worker", "search": "case_handler",
    "own_inbox": "case_handler", "review_list": "case_handler", "office_inbox": "case_handler",
    "case_page": "case_handler", "day_board": "unit_manager", "continuity": "unit_manager",
    "dashboard": "quality_lead",
}  # fmt: skip


@dataclass
class Person:
    username: str
    role: str
    unit: str = ""
    clients: list[str] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    to_check_in: list[str] = field(default_factory=list)
    to_check_out: list[str] = field(default_factory=list)
    visits: list[str] = field(default_factory=list)
    cookies: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def staff() -> list[Person]:
    """Distinct staff by role, each with what they work on today (read from the database)."""
    from django.utils import timezone

    from kasam.cases.models import Case
    from kasam.organisation.models import Membership
    from kasam.visits.models import Visit

    today = timezone.localdate()
    people = []
    for role, count in STAFF.items():
        members = Membership.objects.filter(role=role, ends_on__isnull=True)
        if role == "care_worker":
            busy = Visit.objects.filter(day=today).values("staff_id")
            members = members.filter(user_id__in=busy)
        if role == "unit_manager":  # a unit's manager (the demo's director manages them all)
            members = members.exclude(unit__parent=None)
        for member in members.select_related("user", "unit").order_by("user_id")[:count]:
            people.append(Person(member.user.username, role, str(member.unit.public_id)))
    for person in people:
        if person.role == "care_worker":
            visits = Visit.objects.filter(
                staff__username=person.username, day=today, cancelled_because=""
            )  # what the worklist shows: not a cancelled visit (a client away)
            rows = list(visits.values_list("public_id", "client__public_id", "checked_in_at"))
            person.visits = [str(v) for v, _c, _i in rows]
            person.clients = sorted({str(c) for _v, c, _i in rows})
            person.to_check_in = [str(v) for v, _c, done in rows if done is None]
        if person.role == "case_handler":
            cases = Case.objects.filter(handler__username=person.username).order_by("-pk")
            person.cases = [str(c) for c in cases.values_list("public_id", flat=True)[:30]]
    missing = {role: count - sum(p.role == role for p in people) for role, count in STAFF.items()}
    print(f"staff: {len(people)} ({', '.join(f'{r} {STAFF[r] - m}' for r, m in missing.items())})")
    return people


class Http:
    """One connection per thread to the local app server; cookies per person."""

    local = threading.local()

    def request(
        self, person: Person, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str]:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        if person.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in person.cookies.items())
        body = None
        if form is not None:
            form = {"csrfmiddlewaretoken": person.cookies.get("csrftoken", ""), **form}
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1{path}"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            conn.close()
            self.local.conn = None
            return 599, ""
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                person.cookies[name] = rest.split(";", 1)[0]
        return response.status, text


def log_in(client: Http, person: Person) -> None:
    client.request(person, "GET", "/accounts/login/")
    status, _ = client.request(
        person, "POST", "/accounts/login/", {"username": person.username, "password": PASSWORD}
    )
    if status != 302 or "sessionid" not in person.cookies:
        raise SystemExit(f"login failed for {person.username}: {status}")


def action_path(name: str, person: Person, rng: random.Random) -> tuple[str, str, dict | None]:
    """(method, path, form) for one request of the mix, for `person`."""
    client = rng.choice(person.clients) if person.clients else ""
    if name == "check_in" and person.to_check_in:
        with person.lock:
            visit = person.to_check_in.pop(0) if person.to_check_in else ""
        if visit:  # checked out once the check-in has answered (see step)
            return "POST", f"/visits/{visit}/check-in/", {}
    if name == "check_out" and person.to_check_out:
        with person.lock:
            visit = person.to_check_out.pop(0) if person.to_check_out else ""
        if visit:
            return "POST", f"/visits/{visit}/check-out/", {"outcome": "done"}
    if name == "journal_note" and client:
        key = str(uuid.uuid4())  # never one of an earlier run's: that is refused, rightly
        form = {"category": "daily_care", "text": "Fin morgen.", "submission_key": key}
        return "POST", f"/clients/{client}/journal/", form
    paths = {
        "worklist": "/visits/",
        "journal": f"/clients/{client}/journal/",
        "client_page": f"/clients/{client}/",
        "plan_page": f"/clients/{client}/plan/",
        "search": "/clients/?q=" + rng.choice(["an", "ol", "ka", "be", "jo"]),
        "own_inbox": "/cases/?handler=me",
        "review_list": "/cases/reviews/",
        "office_inbox": f"/cases/?unit={person.unit}",
        "case_page": f"/cases/{rng.choice(person.cases)}/" if person.cases else "/cases/",
        "day_board": f"/visits/board/?unit={person.unit}",
        "continuity": f"/visits/board/continuity/?unit={person.unit}",
        "dashboard": "/indicators/",
    }
    if name in paths and (client or name not in ("journal", "client_page", "plan_page")):
        return "GET", paths[name], None
    visit = rng.choice(person.visits) if person.visits else ""
    return "GET", f"/visits/{visit}/" if visit else "/visits/", None


def cpu_seconds(pattern: str) -> float:
    """User + system CPU of every process whose command line matches, children included."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            if not re.search(pattern, cmdline):
                continue
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15]) / tick
    return total


SERVED: collections.Counter[str] = collections.Counter()  # answered as expected, per kind
PERSON_PAGES = ("visit", "client_page", "journal", "plan_page", "case_page")
PERSON_SAVES = ("check_in", "check_out", "journal_note")
LISTS = ("worklist", "search", "own_inbox", "review_list", "office_inbox", "day_board")


def served_as(name: str, method: str, path: str) -> str:
    """What a request showed, for the audit count: a save or a person's page that had nothing
    to act on falls back to a visit page, or to the worklist when the worker has no visit
    left today (their clients away), which lists and logs no one by itself."""
    if path == "/visits/":
        return "worklist"
    if method == "GET" and name in PERSON_PAGES + PERSON_SAVES and path.startswith("/visits/"):
        return "visit"
    return name


def step(client: Http, people: dict[str, list[Person]], rate: int, seed: int) -> None:
    rng = random.Random(seed)
    names, weights = list(MIX), list(MIX.values())
    times: dict[str, list[float]] = collections.defaultdict(list)
    errors: collections.Counter[str] = collections.Counter()
    lock = threading.Lock()

    def one(name: str) -> None:
        person = rng.choice(people[WHO[name]])
        method, path, form = action_path(name, person, rng)
        started = time.perf_counter()
        status, _ = client.request(person, method, path, form)
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            times[name].append(elapsed)
            # a page answers 200 (a redirect to the login page is an error); a save redirects
            if status != (200 if method == "GET" else 302):
                errors[f"{name} {status}"] += 1
            else:
                SERVED[served_as(name, method, path)] += 1
        if method == "POST" and path.endswith("/check-in/") and status == 302:
            with person.lock:  # a check-out offered before its check-in answered is refused
                person.to_check_out.append(path.split("/")[2])

    app0, db0, worker0 = cpu_seconds(APP), cpu_seconds(DB), cpu_seconds("celery")
    started = time.perf_counter()
    due = started
    with concurrent.futures.ThreadPoolExecutor(max_workers=400) as pool:
        while due - started < SECONDS:
            due += rng.expovariate(rate)
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            pool.submit(one, rng.choices(names, weights)[0])
    wall = time.perf_counter() - started
    app, db = cpu_seconds(APP) - app0, cpu_seconds(DB) - db0
    worker = cpu_seconds("celery") - worker0
    everything = sorted(t for ts in times.values() for t in ts)
    count = len(everything)
    q = statistics.quantiles(everything, n=100) if count > 1 else [0.0] * 99
    print(
        f"offered {rate:>4}/s  achieved {count / wall:6.1f}/s  p50 {q[49]:7.0f} ms  "
        f"p95 {q[94]:7.0f} ms  p99 {q[98]:7.0f} ms  errors {sum(errors.values())}  "
        f"CPU/request app {app / count * 1000:5.1f} ms (Celery {worker / count * 1000:.1f}) "
        f"db {db / count * 1000:5.1f} ms  "
        f"load {os.getloadavg()[0]:.1f}"
    )
    for name in names:
        if times[name]:
            p95 = statistics.quantiles(times[name], n=20)[-1] if len(times[name]) > 1 else 0
            print(f"    {name:14} n={len(times[name]):5}  p95 {p95:7.0f} ms")
    if errors:
        print("    errors:", dict(errors))


def serve(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The production stack as operators run it (scripts/serve): gunicorn, and a Celery
    worker and beat when a broker is set."""
    server = subprocess.Popen(  # noqa: S603 - our own script
        [str(ROOT / "scripts" / "serve")], env={**env, "PORT": str(PORT)}, cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    for _ in range(120):
        try:
            http.client.HTTPConnection("127.0.0.1", PORT, timeout=2).request("GET", "/healthz")
            return server
        except OSError:
            time.sleep(1)
    raise SystemExit("the app server did not start")


def audit_check(first_id: int) -> None:
    """After the run: every page and save that showed or changed a client wrote its entry,
    every list its entry (with one indexed hit per client), the worker sealed them all, and
    the trail verifies."""
    from kasam.audit import chain
    from kasam.audit.models import AuditEvent, AuditHit

    time.sleep(12)  # the worker seals every 5 s
    new = AuditEvent.objects.filter(id__gt=first_id)
    about_one = new.filter(client__isnull=False).count()
    lists = new.filter(client__isnull=True, action="search").count()
    hits = AuditHit.objects.filter(event__in=new).count()
    unsealed = new.filter(link__isnull=True).count()
    shown = sum(SERVED[name] for name in PERSON_PAGES + PERSON_SAVES)
    listed = sum(SERVED[name] for name in LISTS)
    findings = chain.verify()
    ours = [p for p in findings.problems if (entry := _entry_of(p)) is None or entry > first_id]
    older = len(findings.problems) - len(ours)  # entries of earlier runs, signed with their key
    print(
        f"audit: {about_one} entries about one client for {shown} pages and saves that show or "
        f"change one ({'ok' if about_one >= shown else 'MISSING ENTRIES'}); {lists} list "
        f"entries with {hits} client hits for {listed} lists (a list showing nobody writes "
        f"none); {unsealed} left unsealed by the worker; trail "
        f"{'intact' if not ours else 'NOT intact'} ({findings.checked} entries in the chain; "
        f"{older} problems reported about entries from before this run)"
    )
    for problem in ours[:10]:
        print("   ", problem)


def _entry_of(problem: str) -> int | None:
    """The entry a verify problem names (entries of earlier runs may have another key)."""
    found = re.search(r"entry (\d+)", problem)
    return int(found.group(1)) if found else None


def main() -> None:
    if os.environ.get(
        "KASAM_LOAD_DATABASE_URL"
    ):  # another database (a smoke run on the small demo)
        os.environ["DATABASE_URL"] = os.environ["KASAM_LOAD_DATABASE_URL"]
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasam.config.settings")
        import django

        django.setup()
    else:
        prepare("postgres")
    env = {
        **os.environ,
        "KASAM_ENV": "production",
        "SECRET_KEY": "load-benchmark-only-" + "x" * 40,
        "KASAM_SSL_REDIRECT": "false",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/3"),
        "CELERY_BROKER_URL": os.environ.get(
            "CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//"
        ),
        "KASAM_RATE_LOGIN": "100000/m",  # every login comes from 127.0.0.1 here
        "KASAM_ALLOW_TEST_IDS": "true",
    }
    people_list = staff()
    server = serve(env)
    try:
        client = Http()
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda p: log_in(client, p), people_list))
        print(f"{len(people_list)} staff logged in through the login page")
        people: dict[str, list[Person]] = collections.defaultdict(list)
        for person in people_list:
            people[person.role].append(person)
        from kasam.audit.models import AuditEvent

        first_id = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        step(client, people, 2, seed=0)  # warm-up, not counted
        print("(the line above is the warm-up)")
        for n, rate in enumerate(RATES):
            step(client, people, rate, seed=n + 1)
        audit_check(first_id)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
