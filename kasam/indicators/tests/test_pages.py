"""Dashboard, indicator card and drill-down: the last step shows only the clients the user
may see, and logs each of them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kasam.audit.models import AuditEvent
from kasam.audit.selectors import access_log_for
from kasam.conftest import login
from kasam.indicators.definitions import DEFINITION_VERSION
from kasam.indicators.tests.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def october_cases(kari, receive, contact):
    contact(receive(kari, "application", at(2026, 10, 5)), at(2026, 10, 6))
    receive(kari, "application", at(2026, 10, 6))  # never contacted


def test_dashboard_and_card_show_values_with_counts(client, alice, org, october_cases):
    login(client, alice)
    query = {"unit": org["municipality"].public_id, "period": "2026M10"}
    page = client.get(reverse("indicators:dashboard"), query).content.decode()
    assert "Personal contact within 2 working days of an application" in page
    assert "1 of 2" in page
    card = client.get(reverse("indicators:indicator", args=["first_contact_in_time"]), query)
    assert "<svg" in card.content.decode()
    assert "Units compared" in card.content.decode()


def test_bad_level_or_period_falls_back_and_unknown_indicator_is_404(client, alice):
    login(client, alice)
    assert client.get(reverse("indicators:dashboard"), {"period": "2026Q9"}).status_code == 200
    assert client.get(reverse("indicators:dashboard"), {"unit": "x"}).status_code == 200
    assert client.get(reverse("indicators:indicator", args=["nope"])).status_code == 404


def test_drill_down_lists_only_clients_in_a_care_relationship_and_logs_them(
    client, erin, charlie, kari, org, october_cases
):
    url = reverse("indicators:records", args=["first_contact_in_time"])
    query = {"unit": org["municipality"].public_id, "period": "2026M10"}
    login(client, erin)
    page = client.get(url, query).content.decode()
    assert "Kari Nordmann" in page
    assert access_log_for(kari).filter(actor=erin, action="search").exists()
    login(client, charlie)
    page = client.get(url, query).content.decode()
    assert "Kari Nordmann" not in page
    assert "1 more person is behind the number" in page
    assert not AuditEvent.objects.filter(actor=charlie).exists()


def test_exports_in_the_import_shape_as_csv_and_excel(client, alice, org, october_cases):
    import io

    from openpyxl import load_workbook

    from kasam.indicators import imports

    login(client, alice)
    query = {"unit": org["municipality"].public_id, "period": "2026M10"}
    csv = client.get(reverse("indicators:export", args=["csv"]), query).content.decode("utf-8-sig")
    assert csv.startswith("Indicator,Name,Unit,Municipality,Period,Value,Numerator,Denominator")
    assert not imports.preview(csv).problems  # the same shape as an import
    xlsx = client.get(reverse("indicators:export", args=["xlsx"]), query).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert [c.value for c in sheet[1]][:4] == ["Indicator", "Name", "Unit", "Municipality"]
    # rounded as the card shows it, with the version of the definitions it was computed by
    october = f",Testvik kommune,,2026M10,50,1,2,,{DEFINITION_VERSION}"
    lines = csv.splitlines()
    assert any(x.startswith("first_contact_in_time,") and x.endswith(october) for x in lines)
    alice.language = "nb"
    alice.save(update_fields=["language"])
    norwegian = client.get(reverse("indicators:export", args=["csv"]), query).content
    norwegian_csv = norwegian.decode("utf-8-sig")
    assert norwegian_csv.startswith("Indikator,Navn,Enhet,Kommune,Periode,Verdi,Teller,Nevner")
    assert not imports.preview(norwegian_csv).problems  # headings in any language read back
    export = reverse("indicators:export", args=["csv"])
    assert client.get(reverse("indicators:export", args=["pdf"]), query).status_code == 400
    for unclear in ({"period": "2025-11"}, {"unit": org["north"].public_id, "period": "x"}):
        assert client.get(export, unclear).status_code == 400
    assert client.get(export, {"unit": org["team_a"].public_id}).status_code == 400


def test_quality_lead_closes_a_period_from_the_dashboard(client, alice, org, october_cases):
    from kasam.conftest import _staff
    from kasam.indicators.models import ClosedPeriod
    from kasam.organisation.models import Membership

    url = reverse("indicators:close")
    login(client, alice)
    answer = client.post(url, {"period": "2026M10", "confirmed": "yes"})
    assert answer.status_code == 400
    assert "Only the quality lead" in answer.content.decode()
    quinn = _staff("quinn", org["municipality"], Membership.Role.QUALITY_LEAD)
    login(client, quinn)
    page = client.get(reverse("indicators:dashboard"), {"period": "2026M10"}).content.decode()
    assert "Close October 2026" in page
    asked = client.post(url, {"period": "2026M10"}).content.decode()
    assert "Close October 2026?" in asked
    assert "cannot be undone" in asked
    assert not ClosedPeriod.objects.exists()
    client.post(url, {"period": "2026M10", "confirmed": "yes"})
    assert ClosedPeriod.objects.filter(period="2026M10").exists()
    bogus = client.post(url, {"period": "bogus", "confirmed": "yes"})
    assert bogus.status_code == 400
    assert "is not a period" in bogus.content.decode()


def test_exported_values_are_rounded_as_the_card_shows_them():
    from decimal import Decimal

    from kasam.indicators.selectors import _as_shown

    assert _as_shown(Decimal("33.33333333333333333333333333")) == Decimal("33.3")
    assert str(_as_shown(2.0)) == "2"
    assert str(_as_shown(Decimal("9.95"))) == "10"
    assert _as_shown(None) is None


def test_every_live_indicator_states_what_it_counts_where_and_what_it_leaves_out():
    from kasam.indicators.definitions import DEFINITIONS
    from kasam.indicators.live import LIVE

    for code in LIVE:
        numerator, denominator, where = DEFINITIONS[code]
        assert all(str(text) for text in (numerator, denominator, where)), code


def test_with_a_worker_the_export_is_a_job_with_its_own_page(
    client, alice, org, october_cases, settings, django_capture_on_commit_callbacks
):
    from kasam.jobs.models import Job

    settings.KASAM_BACKGROUND_EXPORTS = True
    login(client, alice)
    query = {"unit": org["municipality"].public_id, "period": "2026M10"}
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.get(reverse("indicators:export", args=["csv"]), query)
    job = Job.objects.get(owner=alice)
    assert answer.url == reverse("jobs:job", args=[job.public_id])
    csv = client.get(reverse("jobs:download", args=[job.public_id])).content.decode("utf-8-sig")
    assert csv.startswith("Indicator,Name,Unit,Municipality,Period,Value")
    assert ",Testvik kommune,,2026M10,50,1,2," in csv


@pytest.mark.parametrize(
    ("language", "share", "month", "tertial"),
    [
        ("en", "50\u00a0%", "October 2026", "Tertial 3 2026"),
        ("nb", "50\u00a0%", "oktober 2026", "3. tertial 2026"),
        ("sv", "50\u00a0%", "oktober 2026", "Tertial 3 2026"),
    ],
)
def test_the_dashboard_writes_periods_and_shares_as_the_reader_does(
    client, alice, org, october_cases, language, share, month, tertial
):
    alice.language = language
    alice.save()
    login(client, alice)
    query = {"unit": org["municipality"].public_id, "period": "2026M10"}
    page = client.get(reverse("indicators:dashboard"), query).content.decode()
    assert f"<strong>{share}</strong>" in page
    assert month in page
    assert f">{tertial}</option>" in page  # the period picker
    shown = re.sub(r'(value|href)="[^"]*"', "", page)
    assert "2026M10" not in shown  # the code only in links and the picker's values
    card = reverse("indicators:indicator", args=["first_contact_in_time"])
    assert "2026M" not in re.sub(
        r'(value|href)="[^"]*"', "", client.get(card, query).content.decode()
    )


def test_numbers_are_grouped_and_decimals_marked_in_the_readers_language():
    from decimal import Decimal

    from django.utils import translation

    from kasam.indicators.charts import measured, number

    with translation.override("nb"):
        assert number(Decimal("1234.56")) == "1\u00a0234,6"
        assert measured(Decimal("45.6"), "percent") == "45,6\u00a0%"
        assert measured(Decimal("12"), "per_mille") == "12\u00a0‰"
    with translation.override("en"):
        assert number(Decimal("1234.56")) == "1,234.6"
        assert number(Decimal("7.0")) == "7"
        assert measured(Decimal("3"), "days") == "3"


def test_each_dashboard_row_draws_its_trend_readable_without_colour(client, alice, org):
    login(client, alice)
    query = {"unit": org["municipality"].public_id, "period": "2026M11"}
    page = client.get(reverse("indicators:dashboard"), query).content.decode()
    sparks = re.findall(r'<svg [^>]*class="spark">.*?</svg>', page)
    assert sparks
    assert all('role="img"' in spark and "the last 12 periods" in spark for spark in sparks)
    assert any("nov 26: 0" in spark for spark in sparks)  # the values, in words
