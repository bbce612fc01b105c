"""Surveys: the seeds' yearly templates, one-time codes, answers on the web or from paper."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import record_change
from kasam.core.errors import Refused
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import keeps_strategy
from kasam.surveys.models import Answer, Invitation, Question, Response, Survey

# The seeds' yearly surveys: the user survey (safety, respect, self-determination,
# integrity, meaningfulness — target 90 % satisfied) and the staff survey (participation,
# trust, well-being, work environment — target 80 %).
CREATE, UPDATE = AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE

TEMPLATES: dict[str, list[tuple[str, str, str, str]]] = {
    Survey.Kind.USERS: [
        (
            "safety",
            "Jeg føler meg trygg med hjelpen jeg får.",
            "Jag känner mig trygg med hjälpen jag får.",
            "I feel safe with the help I get.",
        ),
        (
            "respect",
            "Personalet behandler meg med respekt.",
            "Personalen bemöter mig med respekt.",
            "The staff treat me with respect.",
        ),
        (
            "self_determination",
            "Jeg kan bestemme over ting som er viktige for meg.",
            "Jag kan bestämma över saker som är viktiga för mig.",
            "I can decide about things that matter to me.",
        ),
        (
            "integrity",
            "Personalet respekterer hjemmet mitt og privatlivet mitt.",
            "Personalen respekterar mitt hem och min integritet.",
            "The staff respect my home and my privacy.",
        ),
        (
            "meaningfulness",
            "Hverdagen min oppleves meningsfull.",
            "Min vardag känns meningsfull.",
            "My everyday life feels meaningful.",
        ),
    ],
    Survey.Kind.STAFF: [
        (
            "participation",
            "Jeg kan påvirke hvordan arbeidet mitt gjøres.",
            "Jag kan påverka hur mitt arbete utförs.",
            "I can influence how my work is done.",
        ),
        (
            "trust",
            "Jeg har tillit til min nærmeste leder.",
            "Jag har förtroende för min närmaste chef.",
            "I trust my immediate manager.",
        ),
        ("wellbeing", "Jeg trives på jobben.", "Jag trivs på jobbet.", "I enjoy my work."),
        (
            "work_environment",
            "Arbeidsmiljøet er godt.",
            "Arbetsmiljön är god.",
            "The work environment is good.",
        ),
    ],
}
TEXT_QUESTION = (
    "Er det noe annet du vil si til oss?",
    "Är det något annat du vill säga till oss?",
    "Is there anything else you want to tell us?",
)


def _check(user: User) -> None:
    if not keeps_strategy(user):
        raise Refused(_("Only the quality lead prepares and opens surveys."))


@transaction.atomic
def from_template(*, user: User, kind: str, year: int, title: str) -> Survey:
    _check(user)
    survey = Survey.objects.create(title=title, kind=kind, year=year)
    for order, (dimension, nb, sv, en) in enumerate(TEMPLATES[kind]):
        Question.objects.create(
            survey=survey,
            order=order,
            text_nb=nb,
            text_sv=sv,
            text_en=en,
            type=Question.Type.SCALE,
            dimension=dimension,
        )
    nb, sv, en = TEXT_QUESTION
    Question.objects.create(
        survey=survey, order=99, text_nb=nb, text_sv=sv, text_en=en, type=Question.Type.TEXT
    )
    changes = {"title": (None, title), "kind": (None, kind), "year": (None, year)}
    record_change(user=user, action=CREATE, target=survey, changes=changes)
    return survey


@transaction.atomic
def set_status(*, user: User, survey: Survey, status: str) -> Survey:
    _check(user)
    if status == Survey.Status.OPEN and not survey.questions.exists():
        raise Refused(_("A survey needs questions before it opens."))
    changes = {"status": (survey.status, status)}
    survey.status = status
    survey.save(update_fields=["status", "updated_at"])
    record_change(user=user, action=UPDATE, target=survey, changes=changes)
    return survey


@transaction.atomic
def invite(*, user: User, survey: Survey, unit: OrganisationUnit, count: int) -> list[str]:
    """One-time codes for `count` respondents in the unit (to hand out on paper or by link)."""
    _check(user)
    if not 1 <= count <= 2000:
        raise Refused(_("Make between 1 and 2,000 codes at a time."))
    codes = [
        secrets.token_urlsafe(6)[:8].upper().replace("-", "X").replace("_", "Y")
        for _ in range(count)
    ]
    Invitation.objects.bulk_create(Invitation(survey=survey, unit=unit, code=c) for c in codes)
    # The codes themselves are not logged: they would tie the log to the answers.
    changes = {"unit": (None, unit), "codes_made": (None, count)}
    record_change(user=user, action=UPDATE, target=survey, changes=changes)
    return codes


@transaction.atomic
def answer_with_code(*, code: str, answers: dict[int, Any]) -> Response:
    """The respondent's answers; the code is used up, and nothing ties it to the answers."""
    invitation = (
        Invitation.objects.select_for_update()
        .filter(code=code.strip().upper(), used=False, survey__status=Survey.Status.OPEN)
        .select_related("survey", "unit")
        .first()
    )
    if invitation is None:
        raise Refused(_("The code is not valid, already used, or the survey is closed."))
    invitation.used = True
    invitation.save(update_fields=["used"])
    return _store(invitation.survey, invitation.unit, answers, Response.Channel.WEB)


@transaction.atomic
def enter_paper(
    *, user: User, survey: Survey, unit: OrganisationUnit, answers: dict[int, Any]
) -> Response:
    """Staff type in a paper form: who entered it is not stored with the answers either."""
    if survey.status != Survey.Status.OPEN:
        raise Refused(_("The survey is not open for answers."))
    if not keeps_strategy(user):
        raise Refused(_("Only the quality lead's team enters paper answers."))
    response = _store(survey, unit, answers, Response.Channel.PAPER)
    # Logged against the survey, not the response: who typed it in stays apart from it.
    changes = {"unit": (None, unit), "paper_forms_entered": (None, 1)}
    record_change(user=user, action=UPDATE, target=survey, changes=changes)
    return response


def _store(
    survey: Survey, unit: OrganisationUnit, answers: dict[int, Any], channel: str
) -> Response:
    response = Response.objects.create(
        survey=survey, unit=unit, submitted_on=timezone.localdate(), channel=channel
    )
    rows = []
    for question in survey.questions.all():
        given = answers.get(question.pk)
        if given in (None, ""):
            continue
        if question.type in (Question.Type.SCALE, Question.Type.YES_NO):
            rows.append(Answer(response=response, question=question, number=int(given)))
        else:
            rows.append(Answer(response=response, question=question, text=str(given)[:2000]))
    Answer.objects.bulk_create(rows)
    return response


@transaction.atomic
def add_question(
    *,
    user: User,
    survey: Survey,
    type: str,
    text_nb: str,
    text_sv: str,
    text_en: str,
    choices: str = "",
    dimension: str = "",
) -> Question:
    """A question of any type, in the three languages, while the survey is being prepared."""
    _check(user)
    if survey.status != Survey.Status.DRAFT:
        raise Refused(_("Questions are added while the survey is being prepared."))
    if type == Question.Type.CHOICE and len([c for c in choices.splitlines() if c.strip()]) < 2:
        raise Refused(_("A choice question needs at least two choices, one per line."))
    last = survey.questions.aggregate(last=Max("order"))["last"]
    question = Question(
        survey=survey,
        order=(last or 0) + 1,
        type=type,
        text_nb=text_nb,
        text_sv=text_sv,
        text_en=text_en,
        choices=choices,
        dimension=dimension,
    )
    question.full_clean()
    question.save()
    changes = {"question": (None, question.text_en or question.text_nb or question.text_sv)}
    record_change(user=user, action=UPDATE, target=survey, changes=changes)
    return question
