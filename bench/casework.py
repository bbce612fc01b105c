"""Benchmark of case work on the large demo municipality (three years of cases).

    .venv/bin/python bench/casework.py sqlite
    .venv/bin/python bench/casework.py postgres   # needs PostgreSQL on 127.0.0.1:5432

Builds a fresh database with `kasam demo --size large`, then reports p50/p95 server time
(in-process, through the whole middleware stack, audit writes included) of a case handler's
own inbox and review list, the case office's (the busiest unit), a case page and the client
page.
"""

from __future__ import annotations

import sys

from foundation import _report, _timed, prepare


def main(kind: str) -> None:
    prepare(kind)
    from django.test import Client

    from kasam.accounts.models import User
    from kasam.cases.models import Case

    user = User.objects.get(username="case.handler")
    mine = Case.objects.filter(handler=user)
    first = Case.objects.filter(handler=user).first()
    assert first is not None, "the demo gives case.handler cases"
    office = first.unit
    open_in_office = Case.objects.filter(unit=office, status__in=Case.OPEN).count()
    case = mine.filter(status="decided").order_by("-received_at").first()
    assert case is not None, "the demo has decided cases"
    http = Client(HTTP_HOST="127.0.0.1")
    http.force_login(user)
    print(
        f" case.handler: {mine.count()} cases of {Case.objects.count()}; "
        f"{open_in_office} open in {office}"
    )
    _report("own inbox (open cases, soonest deadline first)", _timed(http, "/cases/"))
    _report("own review list (loaded by the inbox)", _timed(http, "/cases/reviews/"))
    _report("case office inbox", _timed(http, f"/cases/?unit={office.public_id}&handler="))
    _report(
        "case office review list", _timed(http, f"/cases/reviews/?unit={office.public_id}&handler=")
    )
    _report("case page (decided, assessment, decision)", _timed(http, f"/cases/{case.public_id}/"))
    _report("client page with cases", _timed(http, f"/clients/{case.client.public_id}/"))


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("sqlite", "postgres"):
        sys.exit(__doc__)
    main(sys.argv[1])
