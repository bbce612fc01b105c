from __future__ import annotations

import re

from django.conf import settings
from django.db.models import Q, QuerySet

from kasam.access.selectors import ClientAccess, access_bases, care_memberships, clients_visible_to
from kasam.accounts.models import User
from kasam.core.national_id import InvalidNationalId, parse_national_id
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client, ClientWarning, HomeAccess, Relative, ServiceLink, Stay

# The only sort orders a list accepts; anything else is refused before it reaches a query.
SORTS = {
    "name": ("last_name", "first_name", "id"),
    "-name": ("-last_name", "-first_name", "-id"),
    "birth_date": ("birth_date", "id"),
    "-birth_date": ("-birth_date", "-id"),
}
_ID_LIKE = re.compile(r"[0-9 +\-]+")


def _search_filter(query: str) -> Q:
    text = query.strip()
    if _ID_LIKE.fullmatch(text):
        try:
            number = parse_national_id(text, country=settings.KASAM_COUNTRY).number
        except InvalidNationalId:
            digits = re.sub(r"[^0-9]", "", text)
            return Q(national_id__contains=digits)
        return Q(national_id=number)
    condition = Q()
    for term in text.casefold().split():
        condition &= Q(search_name__contains=term)
    return condition


def search_clients(user: User, *, query: str, sort: str = "name") -> list[ClientAccess]:
    """Visible clients matching a name or national ID, with the basis for each hit."""
    memberships = care_memberships(user)
    clients = list(
        clients_visible_to(user, memberships=memberships)
        .filter(_search_filter(query))
        .order_by(*SORTS[sort])[: settings.KASAM_SEARCH_LIMIT]
    )
    return _with_bases(user, clients, memberships)


def clients_of_unit(
    user: User, *, unit: OrganisationUnit, sort: str = "name", offset: int = 0, limit: int = 50
) -> tuple[list[ClientAccess], int]:
    """The unit's (and its teams') current clients that the user may see; one page of them."""
    memberships = care_memberships(user)
    served = ServiceLink.objects.current().filter(unit__path__startswith=unit.path)
    queryset = clients_visible_to(user, memberships=memberships).filter(
        pk__in=served.values("client_id")
    )
    total = queryset.count()
    clients = list(queryset.order_by(*SORTS[sort])[offset : offset + limit])
    return _with_bases(user, clients, memberships), total


def _with_bases(user: User, clients: list[Client], memberships: list) -> list[ClientAccess]:
    bases = access_bases(user, clients, memberships=memberships)
    return [ClientAccess(client, bases[client.pk]) for client in clients]


def relatives_of(client: Client) -> QuerySet[Relative]:
    return client.relatives.filter(archived_at__isnull=True)


def serving_links_of(client: Client) -> QuerySet[ServiceLink]:
    return client.service_links.current().select_related("unit")


def warnings_of(client: Client) -> QuerySet[ClientWarning]:
    """What anyone at the door must know first (those no longer true are archived)."""
    return client.warnings.filter(archived_at__isnull=True)


def home_access_of(client: Client) -> HomeAccess:
    """The client's entrance and key box (empty when none is recorded)."""
    return HomeAccess.objects.filter(client=client).first() or HomeAccess(client=client)


def relatives_to_call(client: Client) -> QuerySet[Relative]:
    """Relatives who consented to be told, with a phone number: whom staff may call."""
    return relatives_of(client).filter(consent_to_information=True).exclude(phone="")


def stays_of(client: Client) -> QuerySet[Stay]:
    """The client's stays away from home, the latest first."""
    return client.stays.all()


def registration_units_for(user: User) -> QuerySet[OrganisationUnit]:
    """Units where the user may register a new client: their own care units."""
    unit_ids = [m.unit_id for m in care_memberships(user)]
    return OrganisationUnit.objects.filter(pk__in=unit_ids, archived_at__isnull=True)
