"""Anonymous surveys. Invitations (one-time codes) and answers live in separate tables that
never refer to each other: a response knows its survey, its unit and its day, nothing about
who gave it. Results are shown only for groups large enough (SURVEY_MIN_GROUP)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kasam.core.models import BaseModel
from kasam.organisation.models import OrganisationUnit


class Survey(BaseModel):
    class Kind(models.TextChoices):
        USERS = "users", _("user survey")
        STAFF = "staff", _("staff survey")
        RELATIVES = "relatives", _("relatives' survey")
        OTHER = "other", _("other survey")

    class Status(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        OPEN = "open", _("open for answers")
        CLOSED = "closed", _("closed: results shown")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )

    class Meta:
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"


# The seeds' survey dimensions by their code (kasam.surveys.services.TEMPLATES); an
# installation's own questions keep the dimension as typed.
DIMENSIONS = {
    "safety": _("safety"),
    "respect": _("respect"),
    "self_determination": _("self-determination"),
    "integrity": _("integrity and privacy"),
    "meaningfulness": _("meaningful everyday life"),
    "participation": _("influence on the work"),
    "trust": _("trust in the manager"),
    "wellbeing": _("well-being"),
    "work_environment": _("work environment"),
}


class Question(models.Model):
    class Type(models.TextChoices):
        SCALE = "scale", _("scale 1–5")
        YES_NO = "yes_no", _("yes or no")
        CHOICE = "choice", _("choice")
        TEXT = "text", _("free text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    text_nb = models.CharField(_("question (Norwegian bokmål)"), max_length=300)
    text_sv = models.CharField(_("question (Swedish)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300)
    type = models.CharField(_("type"), max_length=8, choices=Type.choices)
    choices = models.TextField(
        _("choices, one per line"), blank=True, help_text=_("For choice questions.")
    )
    dimension = models.CharField(_("dimension"), max_length=40, blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        language = (get_language() or "en")[:2]
        return str(getattr(self, f"text_{language}", "") or self.text_en)

    @property
    def dimension_label(self) -> str:
        return str(DIMENSIONS.get(self.dimension, self.dimension))

    @property
    def options(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Invitation(models.Model):
    """A one-time code for one respondent in a unit. It is only marked used: nothing tells
    which response it gave."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    unit = models.ForeignKey(OrganisationUnit, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=12, unique=True)
    used = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.code


class Response(models.Model):
    """One respondent's answers: the survey, the unit and the day; no person, no code."""

    class Channel(models.TextChoices):
        WEB = "web", _("answered on the web")
        PAPER = "paper", _("entered from paper")

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    unit = models.ForeignKey(OrganisationUnit, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField()
    channel = models.CharField(max_length=6, choices=Channel.choices)

    def __str__(self) -> str:
        return f"{self.survey} {self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    number = models.PositiveSmallIntegerField(null=True, blank=True)  # scale 1–5, yes=1 no=0
    text = models.TextField(max_length=2000, blank=True)  # free text or the chosen option

    def __str__(self) -> str:
        return f"{self.question_id}: {self.number if self.number is not None else self.text}"
