"""Decisions: services from the catalogue, rules, letters in the client's language, revisions
and appeals."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kasam.audit.models import AuditEvent
from kasam.audit.selectors import access_log_for
from kasam.audit.services import Actor
from kasam.cases.models import Case
from kasam.cases.selectors import get_case_for
from kasam.conftest import login, pdf_text
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused
from kasam.decisions import services
from kasam.decisions.models import Appeal, Decision, Service
from kasam.decisions.services import Line

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def assessing(application):
    Case.objects.filter(pk=application.pk).update(status=Case.Status.UNDER_ASSESSMENT)
    application.refresh_from_db()
    return application


def _service(code: str) -> Service:
    return Service.objects.get(country="NO", code=code)


def _lines(org):
    return [
        Line(
            _service("home_nursing"),
            "granted",
            TODAY,
            Decimal("3.5"),
            review_on=TODAY + datetime.timedelta(days=20),
            provider=org["north"],
            justification="Needs help with wound care.",
        ),
        Line(_service("practical_help"), "partly", TODAY, Decimal(2), provider=org["north"]),
    ]


def _draft(erin, case, org, **kwargs):
    return services.draft_decision(
        actor=Actor(erin),
        access=get_case_for(erin, case.public_id),
        justification="Kari can no longer manage her medicines and cleaning alone.",
        valid_from=TODAY,
        lines=kwargs.pop("lines", None) or _lines(org),
        **kwargs,
    )


def _make(erin, case, decision):
    return services.make_decision(
        actor=Actor(erin),
        access=get_case_for(erin, case.public_id),
        decision=decision,
        expected_version=decision.version,
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"lines": []}, "at least one service"),
        ({"ends_on": TODAY - datetime.timedelta(days=1)}, "end date is before the start date"),
        ({"scope": Decimal(200)}, "between 0.25 and 168 hours per week"),
        ({"scope": None}, "between 0.25 and 168"),
    ],
)
def test_bad_decisions_are_refused(erin, assessing, org, change, message):
    lines = _lines(org)
    if "lines" in change:
        lines = change["lines"]
    else:
        for name, value in change.items():
            setattr(lines[0], name, value)
    with pytest.raises(Refused, match=message):
        services.check_lines(lines)


def test_refused_service_needs_no_scope(org):
    services.check_lines([Line(_service("home_nursing"), "refused", TODAY)])


def test_no_decision_on_a_closed_case(erin, assessing, org):
    Case.objects.filter(pk=assessing.pk).update(status=Case.Status.CLOSED)
    assessing.refresh_from_db()
    with pytest.raises(Refused, match="cannot be made on a case that is closed"):
        _draft(erin, assessing, org)


def test_making_a_decision_decides_the_case_and_writes_the_letter(erin, assessing, org):
    decision = _draft(erin, assessing, org)
    letter = _make(erin, assessing, decision)
    assessing.refresh_from_db()
    decision.refresh_from_db()
    assert assessing.status == "decided"
    assert decision.is_current
    assert assessing.deadlines.get(milestone="decision").met_at is not None
    # 28 calendar days (Norway, four weeks) from today, moved off a weekend or holiday
    assert decision.appeal_deadline >= timezone.localdate() + datetime.timedelta(days=28)
    text = pdf_text(bytes(letter.pdf))
    assert letter.language == "nb"
    for expected in (
        "Helsetjenester i hjemmet",
        "Praktisk bistand",
        "Innvilget",
        "Delvis innvilget",
        "3,5 timer per uke",
        "medicines and cleaning",
        "§ 3-2",
        "Statsforvalteren",
        "Slik klager du",
    ):
        assert expected in text, expected
    assert AuditEvent.objects.filter(object_type="decisionletter", action="print").exists()


@pytest.mark.parametrize(
    ("language", "country_words"),
    [("sv", ("Hemsjukvård", "Så överklagar du")), ("en", ("Home nursing", "How to appeal"))],
)
def test_letter_in_the_clients_language(erin, assessing, org, language, country_words):
    assessing.client.preferred_language = language
    assessing.client.save()
    letter = _make(erin, assessing, _draft(erin, assessing, org))
    text = pdf_text(bytes(letter.pdf))
    assert letter.language == language
    for expected in country_words:
        assert expected in text


def test_a_made_decision_cannot_be_edited(erin, assessing, org):
    decision = _draft(erin, assessing, org)
    _make(erin, assessing, decision)
    decision.refresh_from_db()
    with pytest.raises(Refused, match="never changed"):
        services.update_draft(
            actor=Actor(erin),
            access=get_case_for(erin, assessing.public_id),
            decision=decision,
            expected_version=decision.version,
            justification="x",
            valid_from=TODAY,
            lines=_lines(org),
        )


def test_two_handlers_on_one_draft(erin, assessing, org):
    decision = _draft(erin, assessing, org)
    stale = Decision.objects.get(pk=decision.pk)
    access = get_case_for(erin, assessing.public_id)
    services.update_draft(
        actor=Actor(erin),
        access=access,
        decision=decision,
        expected_version=1,
        justification="First",
        valid_from=TODAY,
        lines=_lines(org),
    )
    with pytest.raises(StaleEdit):
        services.update_draft(
            actor=Actor(erin),
            access=access,
            decision=stale,
            expected_version=1,
            justification="Second",
            valid_from=TODAY,
            lines=_lines(org),
        )
    decision.refresh_from_db()
    assert decision.justification == "First"


def test_revision_supersedes_from_a_date_and_keeps_the_old(erin, assessing, org):
    old = _draft(erin, assessing, org)
    _make(erin, assessing, old)
    old.refresh_from_db()
    access = get_case_for(erin, assessing.public_id)
    later = TODAY + datetime.timedelta(days=14)
    new = services.revise(
        actor=Actor(erin),
        access=access,
        decision=old,
        valid_from=later,
        justification="More help needed after a fall.",
    )
    assert [line.starts_on for line in new.lines.all()] == [later, later]
    _make(erin, assessing, new)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.superseded_on == later
    assert not old.is_current
    assert new.is_current
    assert new.supersedes == old
    assert Decision.objects.filter(case=assessing).count() == 2
    with pytest.raises(Refused, match="Only the current decision"):
        services.revise(
            actor=Actor(erin), access=access, decision=old, valid_from=later, justification="again"
        )


def test_appeals_deadline_and_outcomes(erin, assessing, org):
    decision = _draft(erin, assessing, org)
    _make(erin, assessing, decision)
    decision.refresh_from_db()
    access = get_case_for(erin, assessing.public_id)
    on_time = services.register_appeal(
        actor=Actor(erin), access=access, decision=decision, received_on=decision.appeal_deadline
    )
    late = services.register_appeal(
        actor=Actor(erin),
        access=access,
        decision=decision,
        received_on=decision.appeal_deadline + datetime.timedelta(days=1),
    )
    assert on_time.in_time
    assert not late.in_time
    assert on_time.handle_by >= on_time.received_on + datetime.timedelta(days=21)
    services.settle_appeal(actor=Actor(erin), access=access, appeal=late, outcome="sent_on")
    assert late.new_decision is None
    changed = services.settle_appeal(
        actor=Actor(erin), access=access, appeal=on_time, outcome=Appeal.Outcome.CHANGED
    )
    assert changed.new_decision is not None
    assert changed.new_decision.supersedes == decision
    with pytest.raises(Refused, match="already has an outcome"):
        services.settle_appeal(actor=Actor(erin), access=access, appeal=on_time, outcome="upheld")


def test_pages_from_draft_to_letter(client, erin, assessing, org):
    login(client, erin)
    url = reverse("decisions:decision-new", args=[assessing.public_id])
    form = {
        "valid_from": TODAY.isoformat(),
        "justification": "Needs help.",
        "lines-TOTAL_FORMS": 3,
        "lines-INITIAL_FORMS": 0,
        "lines-0-service": _service("safety_alarm").pk,
        "lines-0-outcome": "granted",
        "lines-0-starts_on": TODAY.isoformat(),
        "lines-1-service": _service("meals").pk,
        "lines-1-outcome": "granted",
        "lines-1-starts_on": TODAY.isoformat(),
        "lines-1-scope": "20",
    }
    response = client.post(url, form)
    assert response.status_code == 400
    assert "between 1 and 14 visits per week" in response.content.decode()
    response = client.post(url, {**form, "lines-1-scope": "7"})
    decision = Decision.objects.get()
    assert response.status_code == 302
    ids = [assessing.public_id, decision.public_id]
    make = reverse("decisions:decision-make", args=ids)
    asked = client.post(make, {"version": decision.version}).content.decode()
    assert "Make the decision?" in asked
    assert reverse("decisions:letter-preview", args=ids) in asked
    decision.refresh_from_db()
    assert decision.status == "draft"  # asked first: nothing made yet
    preview = client.get(reverse("decisions:letter-preview", args=ids), {"language": "en"})
    assert "Safety alarm" in pdf_text(preview.content)  # the service in the language chosen
    assert not decision.letters.exists()
    bad = client.post(make, {"version": decision.version, "confirmed": "yes", "language": "de"})
    assert bad.status_code == 400
    decision.refresh_from_db()
    assert decision.status == "draft"
    client.post(make, {"version": decision.version, "confirmed": "yes", "language": "nb"})
    letter = decision.letters.get()
    assert letter.language == "nb"
    pdf = client.get(
        reverse(
            "decisions:letter-pdf", args=[assessing.public_id, decision.public_id, letter.public_id]
        )
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert "Trygghetsalarm" in pdf_text(pdf.content)
    assert AuditEvent.objects.filter(object_type="decisionletter", action="read").exists()


def test_decisions_near_review_appear_in_the_inbox(client, erin, assessing, org, charlie):
    _make(erin, assessing, _draft(erin, assessing, org))
    login(client, erin)
    html = client.get(reverse("cases:inbox")).content.decode()
    assert "Decisions to review soon" in html
    assert reverse("decisions:reviews") in html
    listed = client.get(reverse("decisions:reviews"), HTTP_HX_REQUEST="true")
    assert "Kari Nordmann" in listed.content.decode()  # review date in 20 days
    assert access_log_for(assessing.client).filter(actor=erin, action="search")
    login(client, charlie)
    assert "Kari Nordmann" not in client.get(reverse("decisions:reviews")).content.decode()


def test_outsider_cannot_see_decisions(as_charlie, erin, assessing, org):
    decision = _draft(erin, assessing, org)
    url = reverse("decisions:decision-detail", args=[assessing.public_id, decision.public_id])
    assert as_charlie.get(url).status_code == 404


def test_outsider_cannot_open_the_letter_or_act_on_the_decision(
    client, charlie, erin, assessing, org
):
    letter = _make(erin, assessing, _draft(erin, assessing, org))
    decision = letter.decision
    login(client, charlie)
    args = [assessing.public_id, decision.public_id]
    assert (
        client.get(reverse("decisions:letter-pdf", args=[*args, letter.public_id])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("decisions:appeal-new", args=args), {"received_on": "2026-11-30"}
        ).status_code
        == 404
    )
    assert client.post(reverse("decisions:decision-revise", args=args), {}).status_code == 404
    assert not AuditEvent.objects.filter(actor=charlie).exists()


def test_outsider_cannot_preview_or_make_a_draft(client, charlie, erin, assessing, org):
    decision = _draft(erin, assessing, org)
    login(client, charlie)
    args = [assessing.public_id, decision.public_id]
    preview = client.get(reverse("decisions:letter-preview", args=args), {"language": "nb"})
    assert preview.status_code == 404
    assert not preview.content.startswith(b"%PDF")
    made = client.post(reverse("decisions:decision-make", args=args), {"confirm": "on"})
    assert made.status_code == 404
    decision.refresh_from_db()
    assert decision.status == "draft"
    assert not AuditEvent.objects.filter(actor=charlie).exists()


def test_the_letter_is_a_tagged_pdf_with_letterhead_reference_and_approval(
    erin, assessing, org, settings
):
    from kasam.conftest import pdf_catalogue

    settings.KASAM_BRAND_NAME = "Testvik kommune"
    settings.KASAM_BRAND_ADDRESS = "Postboks 1, 9999 Testvik"
    settings.KASAM_BRAND_CONTACT = "Telefon 99 99 99 99 · post@testvik.kommune.no"
    erin.title = "Saksbehandler"
    erin.save()
    letter = _make(erin, assessing, _draft(erin, assessing, org))
    text = pdf_text(bytes(letter.pdf))
    for expected in (
        "Testvik kommune",
        "Postboks 1, 9999 Testvik",
        "post@testvik.kommune.no",
        "Vår referanse",
        assessing.number,
        "Saksbehandler",
        "Godkjent elektronisk av Erin Test",
    ):
        assert expected in text, expected
    catalog = pdf_catalogue(bytes(letter.pdf))
    assert catalog["/Lang"] == "nb"
    assert "/StructTreeRoot" in catalog  # tagged: headings and tables for screen readers
    assert catalog["/MarkInfo"].get_object()["/Marked"]


def test_the_municipalitys_logo_stands_on_the_letter(erin, assessing, org, settings):
    import io

    from pypdf import PdfReader

    settings.KASAM_BRAND_LOGO = "kasam/icon-192.png"
    letter = _make(erin, assessing, _draft(erin, assessing, org))
    first = PdfReader(io.BytesIO(bytes(letter.pdf))).pages[0]
    assert len(first.images) == 1  # the logo, from the app's own static files
    settings.KASAM_BRAND_LOGO = ""
    again = _make(erin, assessing, _draft(erin, assessing, org))
    assert not PdfReader(io.BytesIO(bytes(again.pdf))).pages[0].images


def test_a_draft_letter_says_it_is_not_a_decision(client, erin, assessing, org):
    decision = _draft(erin, assessing, org)
    login(client, erin)
    url = reverse("decisions:letter-preview", args=[assessing.public_id, decision.public_id])
    assert "Dette er ikke et vedtak" in pdf_text(client.get(url, {"language": "nb"}).content)
