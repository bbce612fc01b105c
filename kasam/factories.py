"""factory_boy factories for tests. People are synthetic; numbers follow test-number rules."""

from __future__ import annotations

import datetime
from typing import Any

import factory
from django.conf import settings
from django.contrib.auth.hashers import make_password
from faker import Faker

from kasam.accounts.models import User
from kasam.core import synthetic_ids
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.registry.models import Client, Relative, ServiceLink

_PASSWORD_HASH: dict[str, str] = {}
TEST_PASSWORD = "correct horse battery staple"  # noqa: S105


def password_hash() -> str:
    # Hash once per run: Argon2 is slow on purpose.
    if "hash" not in _PASSWORD_HASH:
        _PASSWORD_HASH["hash"] = make_password(TEST_PASSWORD)
    return _PASSWORD_HASH["hash"]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    password = factory.LazyFunction(password_hash)
    language = "en"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationUnit

    name = factory.Sequence(lambda n: f"Unit {n}")
    kind = OrganisationUnit.Kind.HOME_CARE
    parent = None
    path = "/"

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> OrganisationUnit:
        from kasam.organisation.services import create_unit

        return create_unit(name=kwargs["name"], kind=kwargs["kind"], parent=kwargs["parent"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Membership.Role.CARE_WORKER
    starts_on = datetime.date(2020, 1, 1)


def _national_id(n: int) -> str:
    fake = Faker()
    fake.seed_instance(n)
    return synthetic_ids.generate(settings.KASAM_COUNTRY, fake, birth_year=1930 + n % 60)


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    national_id = factory.Sequence(_national_id)
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    search_name = factory.LazyAttribute(lambda c: f"{c.first_name} {c.last_name}".casefold())
    birth_date = datetime.date(1940, 1, 1)
    address = factory.Faker("street_address", locale="no_NO")
    postal_code = "0150"
    city = "Oslo"
    preferred_language = "nb"


class RelativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relative

    client = factory.SubFactory(ClientFactory)
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    relation = Relative.Relation.CHILD
    role = Relative.Role.NEXT_OF_KIN


class ServiceLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceLink

    client = factory.SubFactory(ClientFactory)
    unit = factory.SubFactory(UnitFactory)
    starts_on = datetime.date(2020, 1, 1)
