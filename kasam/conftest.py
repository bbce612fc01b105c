"""Personas shared by every test: a client served by Home care North, and staff around her.

alice: care worker in North (sees the client); bob: care worker in North's team A (does not,
the client is served by North itself); carol: contact person; dave: unit manager of North;
erin: case handler in the case office; charlie: care worker in South (an outsider).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import translation

from kasam.accounts.models import User
from kasam.factories import (
    ClientFactory,
    MembershipFactory,
    RelativeFactory,
    ServiceLinkFactory,
    UnitFactory,
    UserFactory,
)
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.registry.models import Client

Kind = OrganisationUnit.Kind
Role = Membership.Role


@pytest.fixture(autouse=True)
def _english():
    """Messages outside requests in English, so that tests can match on them."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_indicator_cache():
    """Each test's database starts anew; so do the cached figures and the rate limits."""
    from django.core.cache import cache

    from kasam.indicators.cache import forget

    forget()
    cache.clear()


@pytest.fixture
def org(db) -> dict[str, OrganisationUnit]:
    municipality = UnitFactory(name="Testvik kommune", kind=Kind.MUNICIPALITY)
    area = UnitFactory(name="Helse og omsorg", kind=Kind.AREA, parent=municipality)
    north = UnitFactory(name="Hjemmetjenesten Nord", kind=Kind.HOME_CARE, parent=area)
    team_a = UnitFactory(name="Nord team A", kind=Kind.TEAM, parent=north)
    south = UnitFactory(name="Hjemmetjenesten Sør", kind=Kind.HOME_CARE, parent=area)
    office = UnitFactory(name="Tildelingskontoret", kind=Kind.CASE_OFFICE, parent=area)
    return {
        "municipality": municipality,
        "area": area,
        "north": north,
        "team_a": team_a,
        "south": south,
        "office": office,
    }


def _staff(username: str, unit: OrganisationUnit, role: str) -> User:
    user = UserFactory(username=username, first_name=username.capitalize(), last_name="Test")
    MembershipFactory(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def alice(org) -> User:
    return _staff("alice", org["north"], Role.CARE_WORKER)


@pytest.fixture
def bob(org) -> User:
    return _staff("bob", org["team_a"], Role.CARE_WORKER)


@pytest.fixture
def carol(org) -> User:
    return _staff("carol", org["south"], Role.CONTACT_PERSON)


@pytest.fixture
def dave(org) -> User:
    return _staff("dave", org["north"], Role.UNIT_MANAGER)


@pytest.fixture
def erin(org) -> User:
    return _staff("erin", org["office"], Role.CASE_HANDLER)


@pytest.fixture
def charlie(org) -> User:
    return _staff("charlie", org["south"], Role.CARE_WORKER)


@pytest.fixture
def kari(org, carol, erin) -> Client:
    client = ClientFactory(
        first_name="Kari",
        last_name="Nordmann",
        contact_person=carol,
        case_handler=erin,
        search_name="kari nordmann",
    )
    ServiceLinkFactory(client=client, unit=org["north"])
    RelativeFactory(client=client, first_name="Ola", last_name="Nordmann")
    return client


def login(http: HttpClient, user: User) -> HttpClient:
    http.force_login(user)
    return http


@pytest.fixture
def as_alice(client, alice) -> HttpClient:
    return login(client, alice)


@pytest.fixture
def as_charlie(client, charlie) -> HttpClient:
    return login(client, charlie)


@pytest.fixture
def application(kari, erin, org):
    """An application from Kari, received Monday 2 November 2026 at 09:00, handled by Erin."""
    import datetime
    import zoneinfo

    from kasam.audit.services import Actor
    from kasam.cases.models import CaseType
    from kasam.cases.services import register_case

    received = datetime.datetime(2026, 11, 2, 9, tzinfo=zoneinfo.ZoneInfo("Europe/Oslo"))
    access = register_case(
        actor=Actor(erin),
        case_type=CaseType.objects.get(country="NO", code="application"),
        unit=org["office"],
        client=kari,
        handler=erin,
        source="client",
        received_at=received,
        channel="digital",
        request="Help with showering and meals.",
    )
    return access.case


@pytest.fixture
def decision(application, erin, org):
    """Made on 23 November 2026: home nursing granted (3 h a week, from North), meals refused."""
    import datetime

    from kasam.decisions.models import Decision, DecisionLine, Service

    today = datetime.date(2026, 11, 23)
    decision = Decision.objects.create(
        case=application,
        status=Decision.Status.MADE,
        justification="Needs help.",
        valid_from=today,
        drafted_by=erin,
        decided_by=erin,
    )
    for code, outcome, scope in (("home_nursing", "granted", 3), ("meals", "refused", None)):
        DecisionLine.objects.create(
            decision=decision,
            service=Service.objects.get(country="NO", code=code),
            outcome=outcome,
            scope=scope,
            starts_on=today,
            provider=org["north"],
        )
    return decision


def pdf_text(data: bytes) -> str:
    """The text of a PDF, for asserting what a letter or export says."""
    import io

    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())  # table cells break lines anywhere


def pdf_catalogue(data: bytes) -> Any:
    """A PDF's document catalogue (/Lang, /StructTreeRoot, /MarkInfo), for accessibility."""
    import io

    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    catalogue = PdfReader(io.BytesIO(data)).trailer["/Root"].get_object()
    assert isinstance(catalogue, DictionaryObject)
    return catalogue
