from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from kasam.audit.models import AuditEvent
from kasam.conftest import login
from kasam.factories import ServiceLinkFactory
from kasam.registry.models import Client, Relative

pytestmark = pytest.mark.django_db

CLIENT_PAGES = [
    "registry:client-detail",
    "registry:client-edit",
    "registry:client-history",
    "registry:relative-add",
    "audit:access-log",
    "audit:access-log-csv",
    "audit:access-log-pdf",
]


@pytest.mark.parametrize("name", CLIENT_PAGES)
def test_outsider_gets_404_on_every_client_page(as_charlie, kari, name):
    assert as_charlie.get(reverse(name, args=[kari.public_id])).status_code == 404
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("name", CLIENT_PAGES)
def test_member_of_serving_unit_gets_200_on_every_client_page(as_alice, kari, name):
    assert as_alice.get(reverse(name, args=[kari.public_id])).status_code == 200


def test_outsider_cannot_edit_or_archive_relatives(as_charlie, kari):
    relative = kari.relatives.get()
    edit = reverse("registry:relative-edit", args=[kari.public_id, relative.public_id])
    archive = reverse("registry:relative-archive", args=[kari.public_id, relative.public_id])
    assert as_charlie.get(edit).status_code == 404
    assert as_charlie.post(archive).status_code == 404
    relative.refresh_from_db()
    assert relative.archived_at is None


def test_search_by_name_and_by_national_id(as_alice, kari):
    by_name = as_alice.get(reverse("registry:client-search"), {"q": "NORDM kari"})
    by_id = as_alice.get(reverse("registry:client-search"), {"q": kari.national_id_display})
    assert "Kari Nordmann" in by_name.content.decode()
    assert "Kari Nordmann" in by_id.content.decode()


def test_search_returns_htmx_fragment(as_alice, kari):
    response = as_alice.get(
        reverse("registry:client-search"), {"q": "kari"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in response.content.decode()
    assert "Kari Nordmann" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"sort": "national_id"}, {"sort": "name; DROP TABLE"}, {"q": "a\x00b"}, {"q": "x" * 101}],
)
def test_search_refuses_bad_parameters_with_400(as_alice, kari, params):
    assert as_alice.get(reverse("registry:client-search"), params).status_code == 400


def test_search_with_sql_meta_characters_finds_nothing_and_breaks_nothing(as_alice, kari):
    response = as_alice.get(reverse("registry:client-search"), {"q": "' OR 1=1 --"})
    assert response.status_code == 200
    assert "Kari" not in response.content.decode()
    assert Client.objects.count() == 1


def test_unit_page_lists_only_visible_clients(client, alice, charlie, kari, org):
    from kasam.conftest import login

    url = reverse("organisation:unit-detail", args=[org["north"].public_id])
    assert "Kari Nordmann" in login(client, alice).get(url).content.decode()
    assert "Kari Nordmann" not in login(client, charlie).get(url).content.decode()


def test_unit_page_refuses_unknown_sort(as_alice, org):
    url = reverse("organisation:unit-detail", args=[org["north"].public_id])
    assert as_alice.get(url, {"sort": "password"}).status_code == 400


def test_unit_page_lists_a_page_in_few_queries(as_alice, org, django_assert_max_num_queries):
    for _ in range(30):
        ServiceLinkFactory(unit=org["north"])
    url = reverse("organisation:unit-detail", args=[org["north"].public_id])
    with django_assert_max_num_queries(21):
        assert as_alice.get(url).status_code == 200


def _registration(org, **overrides):
    data = {
        "national_id": "15858912382",
        "first_name": "Per",
        "last_name": "Hansen",
        "address": "Storgata 1",
        "postal_code": "0150",
        "city": "Oslo",
        "phone": "+47 41234567",
        "preferred_language": "nb",
        "status": "active",
        "unit": org["north"].pk,
    }
    return data | overrides


def test_register_client_stores_normalised_number_links_unit_and_audits(as_alice, alice, org):
    response = as_alice.post(
        reverse("registry:client-register"), _registration(org, national_id="158589 12382")
    )
    assert response.status_code == 302
    client = Client.objects.get()
    assert client.national_id == "15858912382"
    assert client.service_links.get().unit == org["north"]
    event = AuditEvent.objects.get()
    assert (event.action, event.basis, event.actor) == ("create", "registration", alice)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("national_id", "15858912383", "check digits"),
        ("national_id", "１５８５８９１２３８２", "0-9"),
        ("first_name", "<script>alert(1)</script>", "letters"),
        ("last_name", "Robert'); DROP TABLE registry_client;--", "letters"),
        ("first_name", "A" * 81, "at most 80"),
        ("address", "Storgata\x001", "Null characters"),
        ("phone", "call me", "phone number"),
    ],
)
def test_register_client_refuses_bad_input_and_stores_nothing(as_alice, org, field, value, message):
    response = as_alice.post(
        reverse("registry:client-register"), _registration(org, **{field: value})
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Client.objects.exists()
    assert not AuditEvent.objects.exists()


def test_duplicate_national_id_is_refused_with_a_clear_message(as_alice, kari, org):
    response = as_alice.post(
        reverse("registry:client-register"), _registration(org, national_id=kari.national_id)
    )
    assert response.status_code == 400
    assert "already registered" in response.content.decode()
    assert Client.objects.count() == 1


def test_register_refuses_a_unit_the_user_is_not_in(as_alice, org):
    response = as_alice.post(
        reverse("registry:client-register"), _registration(org, unit=org["south"].pk)
    )
    assert response.status_code == 400
    assert not Client.objects.exists()


def test_messages_come_in_the_users_language(as_alice, alice, org):
    alice.language = "sv"
    alice.save()
    response = as_alice.post(
        reverse("registry:client-register"), _registration(org, national_id="1")
    )
    assert "siffror" in response.content.decode()


def test_html_in_free_text_is_stored_as_typed_and_shown_escaped(as_alice, kari):
    url = reverse("registry:relative-add", args=[kari.public_id])
    data = {
        "first_name": "Eva",
        "last_name": "Berg",
        "relation": "child",
        "role": "other",
        "address": "<b>Vei</b> <script>x()</script>",
    }
    assert as_alice.post(url, data).status_code == 302
    page = as_alice.get(reverse("registry:client-history", args=[kari.public_id])).content.decode()
    assert "<script>x()" not in page
    assert Relative.objects.filter(address__startswith="<b>").exists()


def test_edit_client_records_history_and_audit(as_alice, alice, kari):
    url = reverse("registry:client-edit", args=[kari.public_id])
    data = {
        "first_name": "Kari",
        "last_name": "Nordmann-Berg",
        "preferred_language": "nb",
        "status": "active",
        "postal_code": "0150",
        "city": "Oslo",
        "address": "Ny vei 2",
        "version": 1,
    }
    assert as_alice.post(url, data).status_code == 302
    kari.refresh_from_db()
    assert kari.last_name == "Nordmann-Berg"
    assert kari.history.first().history_user == alice
    assert AuditEvent.objects.filter(action="update", client=kari).count() == 1
    history = as_alice.get(reverse("registry:client-history", args=[kari.public_id]))
    assert "Nordmann-Berg" in history.content.decode()


def test_archiving_a_relative_keeps_the_row(as_alice, kari):
    relative = kari.relatives.get()
    url = reverse("registry:relative-archive", args=[kari.public_id, relative.public_id])
    assert as_alice.post(url).status_code == 302
    relative.refresh_from_db()
    assert relative.archived_at is not None
    assert (
        "Ola Nordmann"
        not in as_alice.get(
            reverse("registry:client-detail", args=[kari.public_id])
        ).content.decode()
    )


def test_protected_identity_hides_the_address(as_alice, kari):
    kari.protected_identity = True
    kari.save()
    page = as_alice.get(reverse("registry:client-detail", args=[kari.public_id])).content.decode()
    assert kari.address not in page


def _client_edit(kari, **changes):
    data = {
        "first_name": "Kari",
        "last_name": "Nordmann",
        "preferred_language": "nb",
        "status": "active",
        "version": 1,
    }
    return reverse("registry:client-edit", args=[kari.public_id]), data | changes


def test_the_second_of_two_edits_from_the_same_version_is_refused_and_kept(
    client, alice, dave, kari
):
    url, first = _client_edit(kari, phone="+47 11111111")
    _, second = _client_edit(kari, city="Bergen")
    assert login(client, alice).post(url, first).status_code == 302
    answer = login(client, dave).post(url, second)
    assert answer.status_code == 409
    page = answer.content.decode()
    assert "Someone else saved changes" in page
    assert "Saved meanwhile: +47 11111111" in page  # their change, next to the field
    assert 'value="Bergen"' in page  # the second user's input is kept
    assert 'name="version" value="2"' in page  # saving again, having seen it, goes through
    kari.refresh_from_db()
    assert (kari.phone, kari.city, kari.version) == ("+47 11111111", "", 2)
    again = client.post(url, {**second, "phone": "+47 11111111", "version": 2})
    assert again.status_code == 302
    kari.refresh_from_db()
    assert (kari.phone, kari.city, kari.version) == ("+47 11111111", "Bergen", 3)


def test_a_stale_relative_edit_is_refused(client, alice, kari):
    relative = kari.relatives.get()
    url = reverse("registry:relative-edit", args=[kari.public_id, relative.public_id])
    data = {"first_name": "Ola", "last_name": "Nordmann", "relation": "child", "role": "other"}
    login(client, alice)
    assert client.post(url, {**data, "phone": "+47 22222222", "version": 1}).status_code == 302
    assert client.post(url, {**data, "email": "ola@example.org", "version": 1}).status_code == 409
    relative.refresh_from_db()
    assert (relative.phone, relative.email) == ("+47 22222222", "")


def test_a_status_of_someone_no_longer_served_needs_its_day(as_alice, kari):
    url, data = _client_edit(kari, status="deceased")
    refused = as_alice.post(url, data)
    assert refused.status_code == 400
    assert "Give the day the status took effect" in refused.content.decode()
    assert as_alice.post(url, {**data, "status_since": "2026-11-15"}).status_code == 302
    kari.refresh_from_db()
    assert (kari.status, kari.status_since) == ("deceased", datetime.date(2026, 11, 15))
    assert not kari.served_on(datetime.date(2026, 11, 15))
    assert kari.served_on(datetime.date(2026, 11, 14))


def test_the_client_form_is_in_sections_with_the_version_kept(as_alice, kari):
    page = as_alice.get(reverse("registry:client-edit", args=[kari.public_id])).content.decode()
    legends = [part.split("</legend>")[0] for part in page.split("<legend>")[1:]]
    assert legends == ["Who", "Where and how to reach them", "Language", "Status"]
    assert 'name="version"' in page  # the hidden field, in no section, is still sent
    new = as_alice.get(reverse("registry:client-register")).content.decode()
    assert "<legend>Served by</legend>" in new
    assert new.index('name="national_id"') < new.index('name="first_name"')
