"""Anonymous surveys: one-time codes, answers kept apart from respondents, results hidden for
small groups (and for a group that could be worked out from the total), last year beside."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from kasam.audit.models import AuditEvent
from kasam.conftest import _staff, login
from kasam.core.errors import Refused
from kasam.surveys import selectors, services
from kasam.surveys.models import Answer, Invitation, Response, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def quinn(org):
    from kasam.organisation.models import Membership

    return _staff("quinn", org["municipality"], Membership.Role.QUALITY_LEAD)


@pytest.fixture
def survey(quinn):
    made = services.from_template(user=quinn, kind="users", year=2026, title="Brukerundersøkelsen")
    return services.set_status(user=quinn, survey=made, status="open")


def _answer(survey, quinn, unit, level):
    code = services.invite(user=quinn, survey=survey, unit=unit, count=1)[0]
    scale = [q.pk for q in survey.questions.filter(type="scale")]
    return services.answer_with_code(code=code, answers=dict.fromkeys(scale, level))


def test_nothing_links_an_answer_to_a_respondent():
    for model in (Response, Answer):
        related = {f.related_model for f in model._meta.get_fields() if f.is_relation}
        assert Invitation not in related
        assert not any(m and m.__name__ == "User" for m in related)
    assert not {f.name for f in Response._meta.get_fields()} & {"created_at", "code", "ip"}


def test_changes_to_a_survey_are_logged_without_codes_or_answers(survey, quinn, org):
    code = services.invite(user=quinn, survey=survey, unit=org["north"], count=2)[0]
    services.answer_with_code(code=code, answers={})
    services.set_status(user=quinn, survey=survey, status="closed")
    entries = AuditEvent.objects.filter(object_id=str(survey.public_id)).order_by("id")
    assert [e.changes for e in entries][-2:] == [
        {
            "unit": {"old": None, "new": str(org["north"].public_id)},
            "codes_made": {"old": None, "new": 2},
        },
        {"status": {"old": "open", "new": "closed"}},
    ]
    assert all(e.actor == quinn for e in entries)
    assert not AuditEvent.objects.filter(changes__icontains=code).exists()


def test_a_code_is_used_once(survey, quinn, org):
    code = services.invite(user=quinn, survey=survey, unit=org["north"], count=1)[0]
    services.answer_with_code(code=code.lower(), answers={})
    with pytest.raises(Refused, match="not valid, already used"):
        services.answer_with_code(code=code, answers={})
    assert Response.objects.count() == 1


def test_small_groups_show_nothing_and_cannot_be_worked_out_from_the_total(survey, quinn, org):
    for _ in range(6):
        _answer(survey, quinn, org["north"], 5)
    for _ in range(5):
        _answer(survey, quinn, org["south"], 2)
    for _ in range(2):
        _answer(survey, quinn, org["office"], 4)  # too few
    assert selectors.results(survey)[1] == []  # nothing while open
    services.set_status(user=quinn, survey=survey, status="closed")
    total, cells, _questions = selectors.results(survey)
    by_name = {c.label: c for c in cells}
    assert by_name["Tildelingskontoret"].hidden
    assert by_name["Hjemmetjenesten Sør"].hidden  # the smallest other, or office = total − rest
    assert by_name["Hjemmetjenesten Nord"].satisfied == 100
    assert (total.respondents, round(total.satisfied)) == (13, 62)


def test_survey_indicator_hides_small_groups(survey, quinn, org):
    from kasam.indicators.tests.conftest import value

    for _ in range(5):
        _answer(survey, quinn, org["north"], 5)
    _answer(survey, quinn, org["south"], 1)
    services.set_status(user=quinn, survey=survey, status="closed")
    today = datetime.date.today()
    year = str(today.year)
    north = value("user_survey_satisfied", org["north"], year, today)
    assert north.value == 100
    assert north.status in ("*", "")  # this year: preliminary until it ends
    south = value("user_survey_satisfied", org["south"], year, today)
    assert (south.value, south.status) == (None, ":")


def test_last_year_is_shown_beside(survey, quinn, org):
    before = services.from_template(user=quinn, kind="users", year=2025, title="2025")
    services.set_status(user=quinn, survey=before, status="open")
    for _ in range(5):
        _answer(before, quinn, org["north"], 2)
    services.set_status(user=quinn, survey=before, status="closed")
    for _ in range(5):
        _answer(survey, quinn, org["north"], 5)
    services.set_status(user=quinn, survey=survey, status="closed")
    _total, cells, _questions = selectors.results(survey)
    assert (cells[0].satisfied, cells[0].last_year) == (100, 0)


def test_respondent_answers_on_the_public_page_without_login(client, survey, quinn, org):
    code = services.invite(user=quinn, survey=survey, unit=org["north"], count=1)[0]
    client.cookies["django_language"] = "en"
    assert client.post("/survey/", {"code": "NOPE"}).status_code == 400
    page = client.post("/survey/", {"code": code}).content.decode()
    assert "I feel safe with the help I get." in page
    answer = client.post("/survey/", {"code": code, "q1": "5", "q2": "4", "q6": "Thanks!"})
    assert "without your name or your code" in answer.content.decode()
    assert Answer.objects.filter(text="Thanks!").exists()
    assert Invitation.objects.get(code=code).used


def test_paper_entry_and_who_may_prepare(client, survey, quinn, org, alice):
    with pytest.raises(Refused):
        services.invite(user=alice, survey=survey, unit=org["north"], count=3)
    login(client, quinn)
    url = reverse("surveys:paper", args=[survey.public_id])
    client.post(url, {"unit": org["north"].public_id, "q1": "4"})
    assert Response.objects.get().channel == "paper"
    login(client, alice)
    assert client.post(url, {"unit": org["north"].public_id, "q1": "4"}).status_code == 400
    assert Survey.objects.get().responses.count() == 1


def test_the_builder_adds_questions_of_each_type_while_preparing(client, quinn, org):
    draft = services.from_template(user=quinn, kind="staff", year=2027, title="Staff 2027")
    login(client, quinn)
    url = reverse("surveys:question-add", args=[draft.public_id])
    base = {
        "text_nb": "Hvor jobber du?",
        "text_sv": "Var arbetar du?",
        "text_en": "Where do you work?",
    }
    answer = client.post(url, {**base, "type": "choice", "choices": "Day"}, follow=True)
    assert "at least two choices" in answer.content.decode()
    client.post(url, {**base, "type": "choice", "choices": "Day\nEvening\nNight"})
    client.post(url, {**base, "type": "yes_no"})
    assert list(draft.questions.values_list("type", flat=True))[-2:] == ["choice", "yes_no"]
    services.set_status(user=quinn, survey=draft, status="open")
    with pytest.raises(Refused, match="being prepared"):
        services.add_question(
            user=quinn, survey=draft, text_nb="x", text_sv="x", text_en="x", type="text"
        )


@pytest.mark.parametrize("code", ["A\x00B", "x" * 500, "ÅÄÖ1", "<b>"])
def test_a_code_that_cannot_be_ours_is_unknown_not_a_crash(client, code):
    answer = client.post("/survey/", {"code": code})
    assert answer.status_code == 400
    assert not Response.objects.exists()


def test_staff_survey_indicator_counts_a_mean_of_exactly_4_as_satisfied(quinn, org):
    """Definition: respondents whose mean answer is 4 or 5, in closed staff surveys, in the
    unit they answered for; user surveys and open surveys are not counted."""
    from kasam.indicators.tests.conftest import value

    staff_survey = services.from_template(user=quinn, kind="staff", year=2026, title="Ansatte")
    services.set_status(user=quinn, survey=staff_survey, status="open")
    scale = [q.pk for q in staff_survey.questions.filter(type="scale")]
    assert len(scale) >= 2
    for levels in ([4] * len(scale), [5] * len(scale), [3] + [4] * (len(scale) - 1)):
        for _ in range(2):
            code = services.invite(user=quinn, survey=staff_survey, unit=org["north"], count=1)[0]
            services.answer_with_code(code=code, answers=dict(zip(scale, levels, strict=True)))
    today = datetime.date.today()
    year = str(today.year)
    assert value("staff_survey_satisfied", org["north"], year, today).denominator == 0  # open
    users = services.set_status(
        user=quinn,
        survey=services.from_template(user=quinn, kind="users", year=2026, title="Brukere"),
        status="open",
    )
    for _ in range(5):
        _answer(users, quinn, org["north"], 1)
    services.set_status(user=quinn, survey=users, status="closed")
    services.set_status(user=quinn, survey=staff_survey, status="closed")
    north = value("staff_survey_satisfied", org["north"], year, today)
    assert (north.numerator, north.denominator) == (4, 6)  # 3,4,4…: a mean under 4
    assert value("user_survey_satisfied", org["north"], year, today).numerator == 0


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Self-determination"), ("nb", "Selvbestemmelse")]
)
def test_results_name_each_dimension_in_the_readers_language(
    client, survey, quinn, org, language, heading
):
    services.set_status(user=quinn, survey=survey, status="closed")
    quinn.language = language
    quinn.save()
    login(client, quinn)
    page = client.get(reverse("surveys:survey", args=[survey.public_id])).content.decode()
    assert f'<th scope="col">{heading}</th>' in page
    assert "self_determination" not in page


def test_closing_and_reopening_a_survey_are_confirmed_first(client, survey, quinn):
    login(client, quinn)
    url = reverse("surveys:status", args=[survey.public_id])
    asked = client.post(url, {"status": "closed"}).content.decode()
    assert "Close the survey?" in asked
    survey.refresh_from_db()
    assert survey.status == "open"
    client.post(url, {"status": "closed", "confirmed": "yes"})
    survey.refresh_from_db()
    assert survey.status == "closed"
    asked = client.post(url, {"status": "open"}).content.decode()
    assert "results are hidden" in asked
    survey.refresh_from_db()
    assert survey.status == "closed"
