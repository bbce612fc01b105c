"""The number of deviations waiting for the manager, shown in the menu on every page: this
is how the responsible manager is told."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q
from django.http import HttpRequest

from kasam.access.selectors import care_memberships
from kasam.accounts.models import User
from kasam.organisation.models import Membership
from kasam.quality.models import Deviation
from kasam.quality.workflow import OPEN


def deviations_to_handle(request: HttpRequest) -> dict[str, int]:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {}
    # The memberships are read once per request (and usually already are): only managers
    # cost a query here.
    managed = [
        m.unit.path for m in care_memberships(user) if m.role == Membership.Role.UNIT_MANAGER
    ]
    if not managed:
        return {}
    under = reduce(or_, (Q(unit__path__startswith=path) for path in managed))
    return {"deviations_to_handle": Deviation.objects.filter(under, status__in=OPEN).count()}
