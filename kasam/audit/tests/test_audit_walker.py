"""Every page that shows a person logs it: crawl the demo municipality as each role and, for
every page, partial and export fetched, look for any client's name or national ID number in
what came back; each client found must have an audit entry by that user, written by that
very request. A new page is walked as soon as something links to it."""

from __future__ import annotations

import logging
import re

import pytest
from django.core.management import call_command

from kasam.accounts.models import User
from kasam.audit.models import AuditEvent, AuditHit
from kasam.core.tests.routes import WALKER_ROLES, crawl_as
from kasam.registry.models import Client

pytestmark = pytest.mark.django_db
ROLES = WALKER_ROLES


@pytest.fixture
def demo(settings) -> None:
    settings.KASAM_COUNTRY = "NO"
    call_command("demo", size="small", seed=5)


def _people() -> tuple[re.Pattern[str], dict[str, set[int]]]:
    """Every client's full name and ID number (a name may be several clients'), except names
    a staff member also has."""
    staff = {f"{u.first_name} {u.last_name}" for u in User.objects.all()}
    marks: dict[str, set[int]] = {}
    for client in Client.objects.all():
        name = f"{client.first_name} {client.last_name}"
        if name not in staff:
            marks.setdefault(name, set()).add(client.pk)
        marks.setdefault(client.national_id, set()).add(client.pk)
    pattern = re.compile("|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True)))
    return pattern, marks


class Watcher:
    def __init__(self, user: User) -> None:
        self.user = user
        self.pattern, self.marks = _people()
        self.last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        self.pages = 0
        self.unlogged: list[str] = []

    def __call__(self, url: str, response) -> None:
        new = AuditEvent.objects.filter(id__gt=self.last, actor=self.user)
        logged = set(new.values_list("client_id", flat=True))
        logged |= set(AuditHit.objects.filter(event__in=new).values_list("client_id", flat=True))
        self.last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        if response.status_code != 200:
            return
        self.pages += 1
        text = response.content.decode(errors="replace")
        for mark in set(self.pattern.findall(text)):
            if not self.marks[mark] & logged:
                self.unlogged.append(f"{url} shows client {mark!r} without an audit entry")


def test_no_page_shows_a_client_without_logging_it(demo, caplog):
    caplog.set_level(logging.CRITICAL, logger="django")
    unlogged, routes, pages = [], set(), 0
    for username in ROLES:
        user = User.objects.get(username=username)
        watcher = Watcher(user)
        site = crawl_as(user, watcher, per_route=3, limit=300)
        routes |= set(site.pages)
        pages += watcher.pages
        unlogged += watcher.unlogged
    print(f"\naudit walker: {pages} pages on {len(routes)} routes as {len(ROLES)} roles")
    assert len(routes) > 50
    assert not unlogged, "\n".join(sorted(set(unlogged)))
