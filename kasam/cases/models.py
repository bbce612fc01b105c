"""Intake: case types with two layers of deadlines, cases, first contact and status changes."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kasam.core.models import BaseModel, TranslatedName
from kasam.core.validators import validate_plain_text
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client


class CaseType(TranslatedName, BaseModel):
    """An installation's kind of case; its deadlines are rows of DeadlineRule."""

    class Kind(models.TextChoices):
        APPLICATION = "application", _("application")
        REFERRAL = "referral", _("referral")
        CONCERN = "concern", _("report of concern")

    code = models.SlugField(_("code"), max_length=40)
    country = models.CharField(_("country"), max_length=2)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    appeal_days = models.PositiveSmallIntegerField(
        _("days to appeal a decision"), default=21, help_text=_("Calendar days from the decision.")
    )
    appeal_handling_days = models.PositiveSmallIntegerField(
        _("days to handle an appeal"),
        default=7,
        help_text=_("Calendar days to reconsider an appeal or send it on to the appeal body."),
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["country", "code"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="case_type_code_per_country")
        ]


class DeadlineRule(models.Model):
    """One deadline of a case type: statutory (the law) or local (the municipality's promise)."""

    class Milestone(models.TextChoices):
        FIRST_CONTACT = "first_contact", _("first personal contact")
        SCREENING = "screening", _("decision whether to investigate")
        DECISION = "decision", _("decision")

    class Layer(models.TextChoices):
        STATUTORY = "statutory", _("statutory")
        LOCAL = "local", _("local promise")

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", _("working days")
        CALENDAR_DAYS = "calendar_days", _("calendar days")
        WEEKS = "weeks", _("weeks")
        MONTHS = "months", _("months")

    case_type = models.ForeignKey(CaseType, on_delete=models.CASCADE, related_name="rules")
    milestone = models.CharField(_("milestone"), max_length=20, choices=Milestone.choices)
    layer = models.CharField(_("layer"), max_length=10, choices=Layer.choices)
    amount = models.PositiveSmallIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=15, choices=Unit.choices)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case_type", "milestone", "layer"], name="one_rule_per_layer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_type.code} {self.milestone} {self.layer}: {self.amount} {self.unit}"


class Case(BaseModel):
    """An application, referral or report of concern, from intake to its close."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        FIRST_CONTACT = "first_contact", _("first contact made")
        UNDER_ASSESSMENT = "under_assessment", _("under assessment")
        DECIDED = "decided", _("decided")
        CLOSED = "closed", _("closed")
        WITHDRAWN = "withdrawn", _("withdrawn")
        FORWARDED = "forwarded", _("forwarded")

    class Source(models.TextChoices):
        CLIENT = "client", _("the person themselves")
        RELATIVE = "relative", _("relative")
        HOSPITAL = "hospital", _("hospital")
        GP = "gp", _("GP")
        SCHOOL = "school", _("school or kindergarten")
        ANONYMOUS = "anonymous", _("anonymous")
        OTHER = "other", _("other")

    class Channel(models.TextChoices):
        DIGITAL = "digital", _("digital form")
        ELECTRONIC_MESSAGE = "electronic_message", _("electronic message")
        LETTER = "letter", _("letter")
        PHONE = "phone", _("phone")
        MEETING = "meeting", _("in person")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("normal")
        URGENT = "urgent", _("urgent")

    OPEN = (Status.RECEIVED, Status.FIRST_CONTACT, Status.UNDER_ASSESSMENT)
    ENDED = (Status.CLOSED, Status.WITHDRAWN, Status.FORWARDED)

    case_type = models.ForeignKey(
        CaseType, on_delete=models.PROTECT, related_name="cases", verbose_name=_("case type")
    )
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="cases")
    unit = models.ForeignKey(
        OrganisationUnit, on_delete=models.PROTECT, related_name="cases", verbose_name=_("unit")
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("case handler"),
    )
    source = models.CharField(_("applied or reported by"), max_length=20, choices=Source.choices)
    source_name = models.CharField(
        _("name of the sender"), max_length=120, blank=True, validators=[validate_plain_text]
    )
    received_at = models.DateTimeField(_("received"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    request = models.TextField(_("what is asked for"), max_length=4000)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    next_due_on = models.DateField(_("next deadline"), null=True, blank=True)
    forwarded_to = models.CharField(
        _("forwarded to"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["next_due_on", "received_at"]
        indexes = [
            models.Index(fields=["unit", "status", "next_due_on"], name="case_unit_inbox"),
            models.Index(fields=["handler", "status", "next_due_on"], name="case_handler_inbox"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"{self.received_at:%Y}-{self.pk:05d}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class CaseDeadline(models.Model):
    """A case's deadline for one milestone, computed once from the rules when it is received."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    milestone = models.CharField(max_length=20, choices=DeadlineRule.Milestone.choices)
    statutory_due = models.DateField(_("statutory deadline"), null=True, blank=True)
    local_due = models.DateField(_("local promise"), null=True, blank=True)
    met_at = models.DateTimeField(_("met"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "milestone"], name="one_deadline_per_milestone")
        ]

    def __str__(self) -> str:
        return f"{self.milestone}: {self.due}"

    @property
    def due(self) -> datetime.date:
        """The stricter of the two layers: it drives the inbox."""
        dates = [d for d in (self.statutory_due, self.local_due) if d is not None]
        return min(dates)


class FirstContact(BaseModel):
    class Method(models.TextChoices):
        PHONE = "phone", _("phone call")
        HOME_VISIT = "home_visit", _("home visit")
        MEETING = "meeting", _("meeting at the office")
        VIDEO = "video", _("video call")

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="first_contact")
    contacted_at = models.DateTimeField(_("contacted"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("made by")
    )
    method = models.CharField(_("how"), max_length=20, choices=Method.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)


class CaseTransition(models.Model):
    """Who moved the case from one status to another, and when. Never changed afterwards."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Case.Status.choices)
    to_status = models.CharField(max_length=20, choices=Case.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField()
    note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
