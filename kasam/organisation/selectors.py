from __future__ import annotations

from django.db.models import QuerySet

from kasam.accounts.models import User
from kasam.organisation.models import Membership, OrganisationUnit


def active_units() -> QuerySet[OrganisationUnit]:
    return OrganisationUnit.objects.filter(archived_at__isnull=True)


def staff_of(unit: OrganisationUnit) -> QuerySet[Membership]:
    return Membership.objects.current().filter(unit=unit).select_related("user")


def units_of(user: User) -> QuerySet[OrganisationUnit]:
    unit_ids = Membership.objects.current().filter(user=user).values("unit_id")
    return active_units().filter(pk__in=unit_ids)
