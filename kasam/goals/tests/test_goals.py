"""The goal tree: the seeds' examples load, who may change what, closed periods are read-only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kasam.audit.models import AuditEvent
from kasam.conftest import _staff, login
from kasam.core.errors import Refused
from kasam.goals import services
from kasam.goals.examples import load_example
from kasam.goals.models import Action, Goal, Statement
from kasam.organisation.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def example(org):
    return load_example("NO", org["municipality"])


@pytest.fixture
def quinn(org):
    """The quality lead, at municipality level."""
    return _staff("quinn", org["municipality"], Membership.Role.QUALITY_LEAD)


@pytest.mark.parametrize("country", ["NO", "SE"])
def test_the_seeds_examples_load_a_full_tree(org, country):
    period = load_example(country, org["municipality"])
    levels = set(period.goals.values_list("level", flat=True))
    assert levels == {"direction", "success_factor", "effect"}
    assert period.statements.filter(kind="vision").exists()
    assert period.goals.filter(indicators__code="plan_and_contact").exists()
    assert Action.objects.filter(goal__period=period).exists()


def test_tree_page_shows_goals_with_traffic_lights(client, example, alice):
    login(client, alice)
    page = client.get(reverse("goals:tree")).content.decode()
    assert "Kvalitet i tjenestene" in page
    assert "Personlig kontakt innen 2 virkedager etter søknad" in page
    assert 'class="tree"' in page


def test_quality_lead_follows_up_an_action_and_a_care_worker_cannot(example, quinn, alice):
    action = Action.objects.filter(goal__period=example).first()
    services.follow_up_action(
        user=quinn, action=action, expected_version=1, status="in_progress", comment="Begun."
    )
    action.refresh_from_db()
    assert (action.status, action.comments.get().text) == ("in_progress", "Begun.")
    entry = AuditEvent.objects.get(object_type="action", actor=quinn)
    assert entry.object_id == str(action.public_id)
    assert entry.changes["status"] == {"old": "planned", "new": "in_progress"}
    with pytest.raises(Refused, match="unit's manager or the quality lead"):
        services.follow_up_action(user=alice, action=action, expected_version=2, status="done")


def test_unit_manager_breaks_a_goal_down_to_their_unit_only(example, dave, org):
    goal = Goal.objects.get(period=example, indicators__code="first_contact_in_time")
    mine = services.break_down(user=dave, goal=goal, unit=org["north"], title="Kontakt i Nord")
    assert mine.unit == org["north"]
    assert mine.parent == goal
    assert list(mine.indicators.all()) == list(goal.indicators.all())
    with pytest.raises(Refused):
        services.break_down(user=dave, goal=goal, unit=org["south"], title="Not mine")


def test_a_closed_period_is_read_only(client, example, quinn):
    services.close_plan_period(user=quinn, period=example)
    closing = AuditEvent.objects.get(object_type="planperiod")
    assert (closing.actor, closing.changes["closed_at"]["old"]) == (quinn, None)
    action = Action.objects.filter(goal__period=example).first()
    with pytest.raises(Refused, match="closed"):
        services.follow_up_action(user=quinn, action=action, expected_version=1, status="done")
    login(client, quinn)
    page = client.get(reverse("goals:goal", args=[action.goal.public_id])).content.decode()
    assert "Follow up" not in page


def test_action_pages_refuse_bad_input_and_stale_saves(client, example, quinn):
    action = Action.objects.filter(goal__period=example).first()
    login(client, quinn)
    url = reverse("goals:action-follow-up", args=[action.public_id])
    answer = client.post(url, {"version": 1, "status": "nonsense"}, follow=True)
    assert "Select a valid choice" in answer.content.decode()
    client.post(url, {"version": 1, "status": "done"})
    answer = client.post(url, {"version": 1, "status": "postponed"}, follow=True)
    assert "Someone else saved" in answer.content.decode()
    action.refresh_from_db()
    assert action.status == "done"


def test_unit_writes_what_a_principle_means_for_it(client, example, dave, alice, org):
    principle = Statement.objects.filter(period=example, kind="principle").first()
    url = reverse("goals:principle", args=[principle.public_id])
    data = {
        "unit": org["north"].public_id,
        "what_it_means": "Vi spør hver bruker hva som er viktig.",
        "we_succeed_when": "Alle planer har brukerens egne mål.",
        "indicators": [],
    }
    login(client, alice)
    assert client.post(url, data).status_code == 404  # a care worker keeps no unit's texts
    login(client, dave)
    assert client.post(url, {**data, "what_it_means": ""}).status_code == 400
    assert client.post(url, data).status_code == 302
    assert "Vi spør hver bruker" in client.get(url).content.decode()


def test_committee_report_pdf_has_the_tree_values_and_actions(client, example, quinn):
    from kasam.conftest import pdf_text

    action = Action.objects.filter(goal__period=example).first()
    services.follow_up_action(
        user=quinn, action=action, expected_version=1, status="in_progress", comment="Halfway."
    )
    login(client, quinn)
    answer = client.get(reverse("goals:report"), {"period": example.public_id, "figures": "2026"})
    assert answer["Content-Type"] == "application/pdf"
    text = pdf_text(answer.content)
    assert "Kvalitet i tjenestene" in text
    assert "Personal contact within 2 working days of an application" in text
    assert "Halfway." in text
    assert "in progress" in text
    assert f"Follow-up: {example.name}" in text  # the cover
    assert "Summary" in text
    assert "goals, followed by these indicator values" in text
    assert "no value or no target" in text


def test_committee_report_as_word_in_the_readers_language(client, example, quinn):
    import io

    from docx import Document

    action = Action.objects.filter(goal__period=example).first()
    services.follow_up_action(
        user=quinn, action=action, expected_version=1, status="in_progress", comment="Halvveis."
    )
    quinn.language = "sv"
    quinn.save(update_fields=["language"])
    login(client, quinn)
    answer = client.get(
        reverse("goals:report-docx"), {"period": example.public_id, "figures": "2026"}
    )
    assert answer["Content-Type"].endswith("wordprocessingml.document")
    assert answer["Content-Disposition"].endswith('goals-2026.docx"')
    word = Document(io.BytesIO(answer.content))
    assert word.core_properties.language == "sv-SE"
    headings = [p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert f"Uppföljning: {example.name} {example.starts_year}–{example.ends_year}" in headings
    assert "Sammanfattning" in headings
    assert "Kvalitet i tjenestene" in headings  # a perspective, in the plan's own words
    cells = {cell.text for table in word.tables for row in table.rows for cell in row.cells}
    assert "Nyckeltal" in cells
    assert "Halvveis." in cells
    assert "pågår" in cells


def test_actions_get_an_owner_and_the_quality_lead_closes_the_period(client, example, quinn, dave):
    goal = Goal.objects.filter(period=example, level="effect").first()
    login(client, quinn)
    client.post(
        reverse("goals:action-add", args=[goal.public_id]),
        {"title": "Ring within a day", "owner": dave.pk, "due_on": "2026-12-31"},
    )
    assert Action.objects.get(title="Ring within a day").owner == dave
    assert "Close the plan period" in client.get(reverse("goals:tree")).content.decode()
    client.post(reverse("goals:close", args=[example.public_id]))
    example.refresh_from_db()
    assert example.is_closed
    login(client, dave)
    answer = client.post(reverse("goals:close", args=[example.public_id]), follow=True)
    assert "Only the quality lead" in answer.content.decode()


def test_a_units_text_saved_after_the_page_was_read_is_not_overwritten(client, example, dave, org):
    principle = Statement.objects.filter(period=example, kind="principle").first()
    url = reverse("goals:principle", args=[principle.public_id])
    login(client, dave)
    read_at = "2026-01-01T08:00:00+00:00"  # the page was read before the other save
    data = {"unit": org["north"].public_id, "what_it_means": "Ours.", "read_at": read_at}
    data["we_succeed_when"] = "We see it."
    assert client.post(url, data).status_code == 302
    again = client.post(url, {**data, "what_it_means": "Mine, from an old page."})
    assert again.status_code == 409
    assert principle.unit_texts.get().what_it_means == "Ours."


def test_with_a_worker_the_committee_report_is_a_job(
    client, example, quinn, settings, django_capture_on_commit_callbacks
):
    from kasam.jobs.models import Job

    settings.KASAM_BACKGROUND_EXPORTS = True
    login(client, quinn)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.get(reverse("goals:report"), {"period": example.public_id})
    job = Job.objects.get(owner=quinn)
    assert answer.url == reverse("jobs:job", args=[job.public_id])
    download = client.get(reverse("jobs:download", args=[job.public_id]))
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
