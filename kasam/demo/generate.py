"""A synthetic municipality: organisation, staff, clients, relatives. Deterministic per seed.

Nobody in it is real. National ID numbers follow the official test-number conventions
(see kasam.core.synthetic_ids), so a production installation refuses them.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from faker import Faker
from simple_history.utils import bulk_create_with_history

from kasam.access.models import EmergencyAccess
from kasam.accounts.models import User
from kasam.core import synthetic_ids
from kasam.core.national_id import parse_national_id
from kasam.core.roles import Role
from kasam.demo.carework import generate_carework
from kasam.demo.casework import generate_casework
from kasam.demo.planning import generate_planning
from kasam.demo.quality import generate_quality
from kasam.goals.examples import load_example
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.organisation.services import create_unit
from kasam.registry.models import Client, Relative, ServiceLink

Kind = OrganisationUnit.Kind

DEMO_PASSWORD = "kasam-demo"  # noqa: S105 - printed for the demo on purpose

# One login per role, all working in the first home-care district (or where the role lives).
DEMO_LOGINS = [
    ("case.handler", Role.CASE_HANDLER),
    ("care.worker", Role.CARE_WORKER),
    ("nurse", Role.NURSE),
    ("contact.person", Role.CONTACT_PERSON),
    ("unit.manager", Role.UNIT_MANAGER),
    ("director", Role.UNIT_MANAGER),  # of the whole municipality: the national registers
    ("quality.lead", Role.QUALITY_LEAD),
    ("analyst", Role.ANALYST),
    ("admin", Role.ADMINISTRATOR),
]


@dataclass(frozen=True)
class Size:
    clients: int
    home_care: int
    nursing_homes: int
    staff_per_unit: int
    visit_history_days: int


SIZES = {
    "small": Size(
        clients=300, home_care=3, nursing_homes=2, staff_per_unit=8, visit_history_days=28
    ),
    "large": Size(
        clients=20_000, home_care=40, nursing_homes=25, staff_per_unit=30, visit_history_days=364
    ),
}

_WORDS = {
    "NO": {
        "municipality": "Testvik kommune",
        "area_care": "Helse og omsorg",
        "area_family": "Oppvekst og familie",
        "home_care": "Hjemmetjenesten {}",
        "nursing_home": "Sykehjemmet {} avdeling",
        "team": "Team {}",
        "disability": "Tjenester for funksjonshemmede",
        "child_family": "Barneverntjenesten",
        "case_office": "Tildelingskontoret",
        "startup": "HUR-teamet (hverdagsrehabilitering)",
        "day_centre": "Dagsenteret",
    },
    "SE": {
        "municipality": "Testviks kommun",
        "area_care": "Vård och omsorg",
        "area_family": "Individ- och familjeomsorg",
        "home_care": "Hemtjänsten {}",
        "nursing_home": "Särskilt boende {} avdelning",
        "team": "Grupp {}",
        "disability": "Funktionsstöd",
        "child_family": "Barn och familj",
        "case_office": "Biståndsenheten",
        "startup": "HUR-gruppen (vardagsrehabilitering)",
        "day_centre": "Dagverksamheten",
    },
}
_DISTRICTS = ["Nord", "Sør", "Øst", "Vest", "Sentrum", "Strand", "Skog", "Dal", "Berg", "Vik"]


@dataclass
class Demo:
    country: str
    seed: int
    fake: Faker
    rng: random.Random
    units: dict[str, list[OrganisationUnit]] = field(default_factory=dict)
    staff: dict[int, dict[str, list[User]]] = field(default_factory=dict)
    password: str = ""


@transaction.atomic
def generate(*, size: str, country: str, seed: int) -> dict[str, int]:
    fake = Faker("no_NO" if country == "NO" else "sv_SE")
    fake.seed_instance(seed)
    demo = Demo(country, seed, fake, random.Random(seed), password=make_password(DEMO_PASSWORD))
    spec = SIZES[size]
    _organisation(demo, spec)
    _staff(demo, spec)
    clients = _clients(demo, spec)
    relatives = _relatives(demo, clients)
    office = demo.units["case_office"][0]
    casework = generate_casework(
        clients=clients,
        office=office,
        family=demo.units["child_family"][0],
        handlers=demo.staff[office.pk][Role.CASE_HANDLER],
        seed=seed,
        share=0.7,
    )
    carework = generate_carework(seed=seed, past_days=spec.visit_history_days)
    planning = generate_planning(seed=seed, country=country)
    load_example(country, demo.units["root"][0])
    quality = generate_quality(country=country, seed=seed)
    emergencies = _emergency_accesses(demo, clients)
    return {
        "units": OrganisationUnit.objects.count(),
        "staff": User.objects.count(),
        "clients": len(clients),
        "relatives": relatives,
        **casework,
        **carework,
        **planning,
        **quality,
        "emergency accesses": emergencies,
    }


def _organisation(demo: Demo, spec: Size) -> None:
    words = _WORDS[demo.country]
    root = create_unit(name=words["municipality"], kind=Kind.MUNICIPALITY)
    care = create_unit(name=words["area_care"], kind=Kind.AREA, parent=root)
    family = create_unit(name=words["area_family"], kind=Kind.AREA, parent=root)
    demo.units = {"root": [root], "area": [care, family]}
    demo.units["home_care"] = [
        create_unit(name=words["home_care"].format(_district(i)), kind=Kind.HOME_CARE, parent=care)
        for i in range(spec.home_care)
    ]
    demo.units["team"] = [
        create_unit(
            name=words["team"].format(f"{unit.name.split()[-1]} {letter}"),
            kind=Kind.TEAM,
            parent=unit,
        )
        for unit in demo.units["home_care"]
        for letter in "AB"
    ]
    demo.units["nursing_home"] = [
        create_unit(
            name=words["nursing_home"].format(_district(i)), kind=Kind.NURSING_HOME, parent=care
        )
        for i in range(spec.nursing_homes)
    ]
    singles = [
        ("disability", Kind.DISABILITY, care),
        ("case_office", Kind.CASE_OFFICE, care),
        ("startup", Kind.STARTUP_TEAM, care),
        ("day_centre", Kind.DAY_CENTRE, care),
        ("child_family", Kind.CHILD_FAMILY, family),
    ]
    for key, kind, parent in singles:
        demo.units[key] = [create_unit(name=words[key], kind=kind, parent=parent)]


def _district(index: int) -> str:
    name = _DISTRICTS[index % len(_DISTRICTS)]
    return name if index < len(_DISTRICTS) else f"{name} {index // len(_DISTRICTS) + 1}"


def _new_user(demo: Demo, username: str, title: str = "") -> User:
    return User(
        username=username,
        first_name=demo.fake.first_name(),
        last_name=demo.fake.last_name(),
        password=demo.password,
        title=title,
    )


def _staff(demo: Demo, spec: Size) -> None:
    users: list[User] = []
    plan: list[tuple[User, OrganisationUnit, str]] = []
    first_district = demo.units["home_care"][0]
    for username, role in DEMO_LOGINS:
        user = _new_user(demo, username)
        user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
        users.append(user)
        top = username == "director"
        unit = demo.units["root"][0] if top else _unit_for_role(demo, role, first_district)
        plan.append((user, unit, role))
    for unit in _care_units(demo):
        for number in range(spec.staff_per_unit):
            role = _role_mix(unit, number)
            user = _new_user(demo, f"staff.{unit.pk}.{number}")
            users.append(user)
            plan.append((user, unit, role))
    User.objects.bulk_create(users)
    saved = {u.username: u for u in User.objects.filter(username__in=[u.username for u in users])}
    memberships = [
        Membership(
            user=saved[user.username], unit=unit, role=role, starts_on=datetime.date(2020, 1, 1)
        )
        for user, unit, role in plan
    ]
    bulk_create_with_history(memberships, Membership)
    for user, unit, role_name in plan:
        demo.staff.setdefault(unit.pk, {}).setdefault(role_name, []).append(saved[user.username])


def _unit_for_role(demo: Demo, role: Role, district: OrganisationUnit) -> OrganisationUnit:
    if role == Role.CASE_HANDLER:
        return demo.units["case_office"][0]
    if role in (Role.QUALITY_LEAD, Role.ANALYST, Role.ADMINISTRATOR):
        return demo.units["root"][0]
    return district


def _care_units(demo: Demo) -> list[OrganisationUnit]:
    keys = [
        "home_care",
        "nursing_home",
        "disability",
        "case_office",
        "startup",
        "day_centre",
        "child_family",
    ]
    return [unit for key in keys for unit in demo.units[key]]


def _role_mix(unit: OrganisationUnit, number: int) -> Role:
    if number == 0:
        return Role.UNIT_MANAGER
    if unit.kind == Kind.CASE_OFFICE:
        return Role.CASE_HANDLER
    return [Role.CARE_WORKER, Role.CARE_WORKER, Role.NURSE, Role.CONTACT_PERSON][number % 4]


def _serving_units(demo: Demo) -> list[tuple[OrganisationUnit, int]]:
    """Where clients live, with weights: most in home care, then nursing homes."""
    weighted = [(u, 10) for u in demo.units["home_care"]]
    weighted += [(u, 4) for u in demo.units["nursing_home"]]
    weighted += [(demo.units[k][0], 3) for k in ("disability", "startup", "day_centre")]
    weighted += [(demo.units["child_family"][0], 2)]
    return weighted


def _last_day_served(client: Client) -> datetime.date | None:
    """A client gone (deceased, moved away, inactive) is served until the day before."""
    if client.status_since is None:
        return None
    return max(client.status_since - datetime.timedelta(days=1), datetime.date(2024, 1, 1))


def _clients(demo: Demo, spec: Size) -> list[Client]:
    fake, rng = demo.fake, demo.rng
    weighted = _serving_units(demo)
    units = [u for u, _ in weighted]
    weights = [w for _, w in weighted]
    case_handlers = demo.staff[demo.units["case_office"][0].pk][Role.CASE_HANDLER]
    seen: set[str] = set()
    clients, links = [], []
    for _ in range(spec.clients):
        unit = rng.choices(units, weights)[0]
        number = _unique_id(demo, seen, unit)
        contacts = demo.staff[unit.pk].get(Role.CONTACT_PERSON, [])
        client = Client(
            national_id=number,
            birth_date=_birth_date(number, demo.country),
            first_name=fake.first_name(),
            last_name=fake.last_name(),
            address=fake.street_address(),
            postal_code=fake.postcode().replace(" ", "")[:5],
            city=fake.city(),
            phone=_phone(demo),
            preferred_language=_language(demo),
            interpreter_needed=rng.random() < 0.04,
            protected_identity=rng.random() < 0.01,
            status=rng.choices(["active", "inactive", "deceased", "moved"], [90, 6, 2, 2])[0],
            contact_person=rng.choice(contacts) if contacts else None,
            case_handler=rng.choice(case_handlers),
        )
        if client.status != Client.Status.ACTIVE:  # gone some time in the past two years
            client.status_since = timezone.localdate() - datetime.timedelta(rng.randint(20, 700))
        client.refresh_search_name()
        clients.append(client)
        links.append((client, _link_unit(demo, unit)))
    bulk_create_with_history(clients, Client, batch_size=1000)
    saved = dict(Client.objects.values_list("national_id", "pk"))
    service_links = [
        ServiceLink(
            client_id=saved[c.national_id],
            unit=u,
            starts_on=datetime.date(2024, 1, 1),
            ends_on=_last_day_served(c),
        )
        for c, u in links
    ]
    bulk_create_with_history(service_links, ServiceLink, batch_size=1000)
    for client in clients:
        client.pk = saved[client.national_id]
    return clients


def _link_unit(demo: Demo, unit: OrganisationUnit) -> OrganisationUnit:
    """Some home-care clients are served by one of the district's teams."""
    teams = [t for t in demo.units["team"] if t.parent_id == unit.pk]
    if teams and demo.rng.random() < 0.3:
        return demo.rng.choice(teams)
    return unit


def _unique_id(demo: Demo, seen: set[str], unit: OrganisationUnit) -> str:
    young = unit.kind in (Kind.CHILD_FAMILY,)
    while True:
        year = demo.rng.randint(2010, 2022) if young else demo.rng.randint(1925, 1965)
        number = synthetic_ids.generate(demo.country, demo.fake, birth_year=year)
        if number not in seen:
            seen.add(number)
            return number


def _birth_date(number: str, country: str) -> datetime.date:
    birth = parse_national_id(number, country=country).birth_date
    assert birth is not None
    return birth


def _phone(demo: Demo) -> str:
    prefix = "+47 4" if demo.country == "NO" else "+46 70"
    return f"{prefix}{demo.rng.randint(1000000, 9999999)}"


def _language(demo: Demo) -> str:
    home = "nb" if demo.country == "NO" else "sv"
    return demo.rng.choices([home, "en", "ar", "so", "pl", "uk", "fi"], [85, 3, 3, 2, 3, 2, 2])[0]


def _relatives(demo: Demo, clients: list[Client]) -> int:
    fake, rng = demo.fake, demo.rng
    relations = list(Relative.Relation.values)
    relatives = []
    for client in clients:
        for index in range(rng.choices([0, 1, 2, 3], [15, 40, 35, 10])[0]):
            relatives.append(
                Relative(
                    client_id=client.pk,
                    first_name=fake.first_name(),
                    last_name=client.last_name if rng.random() < 0.6 else fake.last_name(),
                    relation=rng.choice(relations),
                    role=Relative.Role.NEXT_OF_KIN if index == 0 else Relative.Role.OTHER,
                    consent_to_information=rng.random() < 0.8,
                    phone=_phone(demo),
                )
            )
    bulk_create_with_history(relatives, Relative, batch_size=2000)
    return len(relatives)


EMERGENCY_REASONS = {
    "NO": "Ringt inn som vikar i natt, brukeren falt.",
    "SE": "Inringd som vikarie i natt, kunden föll.",
}


def _emergency_accesses(demo: Demo, clients: list[Client]) -> int:
    """A year of emergency accesses (taken in the past and expired): about one a month per
    150 clients, taken by care staff for a client another unit serves, most reviewed by
    their manager within the week, some late, some never; a few by the analyst, of no unit."""
    rng, now = demo.rng, timezone.now()
    active = [c for c in clients if c.status == Client.Status.ACTIVE]
    units = demo.units["home_care"] + demo.units["nursing_home"]
    analyst = User.objects.get(username="analyst")
    grants = []
    for _ in range(max(12, len(clients) * 12 // 150)):
        unit = rng.choice(units)
        staff = demo.staff[unit.pk]
        taker = analyst if rng.random() < 0.1 else rng.choice(staff[Role.CARE_WORKER])
        granted = now - datetime.timedelta(days=rng.uniform(0, 365))
        grant = EmergencyAccess(
            user=taker,
            unit=None if taker == analyst else unit,
            client=rng.choice(active),
            reason=EMERGENCY_REASONS[demo.country],
            granted_at=granted,
            expires_at=granted + datetime.timedelta(hours=12),
        )
        review = rng.choices([rng.uniform(0.2, 6.5), rng.uniform(8, 20), None], [80, 12, 8])[0]
        if review is not None and granted + datetime.timedelta(days=review) < now:
            grant.reviewed_at = granted + datetime.timedelta(days=review)
            grant.reviewed_by = staff[Role.UNIT_MANAGER][0]
        grants.append(grant)
    EmergencyAccess.objects.bulk_create(grants)
    return len(grants)
