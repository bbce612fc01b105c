"""Deviations (avvik / avvikelse): reported by anyone in under a minute, handled by the
responsible manager through an explicit state machine (workflow.py), with causes, measures
and their effect, and a learning summary at closure. Serious ones carry the country's
reporting duty and its deadline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasam.core.models import BaseModel
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client


class Deviation(BaseModel):
    class Status(models.TextChoices):
        REPORTED = "reported", _("reported")
        IN_REVIEW = "in_review", _("in review")
        INVESTIGATING = "investigating", _("being investigated")
        MEASURES = "measures", _("measures under way")
        FOLLOW_UP = "follow_up", _("effect being followed up")
        CLOSED = "closed", _("closed")
        REJECTED = "rejected", _("not a deviation")

    class Category(models.TextChoices):
        MEDICATION = "medication", _("medication")
        FALL = "fall", _("fall")
        MISSED_VISIT = "missed_visit", _("missed or late visit")
        NUTRITION = "nutrition", _("nutrition")
        PRESSURE_ULCER = "pressure_ulcer", _("pressure ulcer")
        VIOLENCE = "violence", _("violence or threats")
        EQUIPMENT = "equipment", _("equipment or welfare technology")
        PRIVACY = "privacy", _("information security and privacy")
        OTHER = "other", _("other")

    class Severity(models.IntegerChoices):
        NONE = 1, _("1 · no consequence")
        MINOR = 2, _("2 · minor")
        MODERATE = 3, _("3 · moderate")
        SERIOUS = 4, _("4 · serious")
        CRITICAL = 5, _("5 · critical or death")

    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.REPORTED
    )
    occurred_at = models.DateTimeField(_("when it happened"))
    unit = models.ForeignKey(
        OrganisationUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("where (unit)")
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    severity = models.PositiveSmallIntegerField(
        _("consequence"), choices=Severity.choices, default=Severity.MINOR
    )
    what_happened = models.TextField(_("what happened"), max_length=4000)
    immediate_action = models.TextField(_("what was done at once"), max_length=2000, blank=True)
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, null=True, blank=True, related_name="deviations"
    )
    visit = models.ForeignKey(
        "visits.Visit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reported_deviations"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_deviations",
        verbose_name=_("responsible manager"),
    )
    assessment = models.TextField(_("the manager's assessment"), max_length=4000, blank=True)
    causes = models.CharField(_("causes"), max_length=200, blank=True)  # comma-separated Cause
    cause_text = models.TextField(_("why it happened"), max_length=4000, blank=True)
    learning = models.TextField(_("what we learnt"), max_length=4000, blank=True)
    reporting_duty = models.BooleanField(_("reporting duty to the authorities"), default=False)
    report_due_on = models.DateField(_("report to the authorities by"), null=True, blank=True)
    reported_externally_on = models.DateField(
        _("reported to the authorities on"), null=True, blank=True
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["unit", "status"], name="deviation_unit_status")]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.occurred_at:%Y-%m-%d}"

    @property
    def cause_labels(self) -> list[str]:
        """The causes chosen, each by its label in the reader's language."""
        return [str(Cause(code).label) for code in self.causes.split(",") if code in Cause]


class Cause(models.TextChoices):
    PEOPLE = "people", _("people (knowledge, communication, workload)")
    ROUTINES = "routines", _("routines and procedures")
    EQUIPMENT = "equipment", _("equipment and technology")
    ENVIRONMENT = "environment", _("physical environment")
    ORGANISATION = "organisation", _("organisation and staffing")


class Measure(BaseModel):
    """A measure against the deviation's causes, with an owner, a deadline and its effect."""

    deviation = models.ForeignKey(Deviation, on_delete=models.PROTECT, related_name="measures")
    title = models.CharField(_("measure"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("deadline"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    effect = models.TextField(_("effect seen"), max_length=2000, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class DeviationEvent(models.Model):
    """Who moved the deviation, when, and why: append-only."""

    deviation = models.ForeignKey(Deviation, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=14, blank=True)
    to_status = models.CharField(max_length=14)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField()
    note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    @property
    def moved(self) -> bool:
        """A step from one status to another (else a note, such as a measure added)."""
        return self.from_status != self.to_status

    @property
    def from_label(self) -> str:
        return str(Deviation.Status(self.from_status).label) if self.from_status else ""

    @property
    def to_label(self) -> str:
        return str(Deviation.Status(self.to_status).label)


class Feedback(BaseModel):
    """Praise, a suggestion or a complaint from a client, a relative or anyone, sent on the
    public page or registered by staff from a phone call or a letter."""

    class Kind(models.TextChoices):
        PRAISE = "praise", _("praise")
        SUGGESTION = "suggestion", _("suggestion")
        COMPLAINT = "complaint", _("complaint")

    class Channel(models.TextChoices):
        WEB = "web", _("the public page")
        PHONE = "phone", _("phone")
        PAPER = "paper", _("letter or form")
        MEETING = "meeting", _("in person")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        ANSWERED = "answered", _("answered")
        APPEAL = "appeal", _("sent to the appeal process")

    kind = models.CharField(_("what it is"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("your message"), max_length=4000)
    unit = models.ForeignKey(
        OrganisationUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("which service it is about"),
    )
    channel = models.CharField(_("received by"), max_length=8, choices=Channel.choices)
    sender_name = models.CharField(_("your name"), max_length=120, blank=True)
    sender_contact = models.CharField(
        _("email or phone, if you want an answer"), max_length=120, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    reply_due_on = models.DateField(_("answer by"))
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handler"),
    )
    reply = models.TextField(_("answer"), max_length=4000, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    replied_at = models.DateTimeField(_("answered"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    appeal = models.ForeignKey(
        "decisions.Appeal", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["reply_due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"


class Improvement(BaseModel):
    """Improvement work in plan–do–study–act cycles, gathering the deviations it answers."""

    class Phase(models.TextChoices):
        PLAN = "plan", _("plan")
        DO = "do", _("do")
        STUDY = "study", _("study")
        ACT = "act", _("act")
        DONE = "done", _("done")

    title = models.CharField(_("title"), max_length=200)
    unit = models.ForeignKey(
        OrganisationUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    aim = models.TextField(_("what we want to achieve"), max_length=2000)
    phase = models.CharField(_("phase"), max_length=6, choices=Phase.choices, default=Phase.PLAN)
    plan = models.TextField(
        _("plan: what we will try, and how we will measure it"), max_length=4000, blank=True
    )
    do = models.TextField(_("do: what we did"), max_length=4000, blank=True)
    study = models.TextField(_("study: what the measurements show"), max_length=4000, blank=True)
    act = models.TextField(_("act: what we keep, change or drop"), max_length=4000, blank=True)
    deviations = models.ManyToManyField(
        Deviation, blank=True, related_name="improvements", verbose_name=_("deviations")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class ImprovementMeasurement(models.Model):
    improvement = models.ForeignKey(
        Improvement, on_delete=models.CASCADE, related_name="measurements"
    )
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["measured_on", "pk"]

    def __str__(self) -> str:
        return f"{self.measured_on}: {self.value}"


class ParticipationSession(BaseModel):
    """The participation model (delaktighetsmodellen): clients (or staff) meet trained guides
    on a theme; their views go to the staff group, who answer; both meet at the end and
    agree on actions. No participant is named."""

    class Group(models.TextChoices):
        CLIENTS = "clients", _("clients")
        STAFF = "staff", _("staff")

    unit = models.ForeignKey(
        OrganisationUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    theme = models.CharField(_("theme"), max_length=200)
    group = models.CharField(_("who take part"), max_length=8, choices=Group.choices)
    participants = models.PositiveSmallIntegerField(_("how many take part"))
    guides = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("trained guides")
    )
    started_on = models.DateField(_("first meeting"))
    views = models.TextField(_("the participants' views"), max_length=6000, blank=True)
    staff_response = models.TextField(_("the staff group's response"), max_length=6000, blank=True)
    closing_meeting_on = models.DateField(_("joint closing meeting"), null=True, blank=True)
    agreed_actions = models.TextField(_("actions agreed"), max_length=4000, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.theme

    @property
    def stage(self) -> str:
        if self.closing_meeting_on:
            return "closed"
        return "response" if self.views else "views"


class ImprovementAction(BaseModel):
    """What the improvement work does, by whom and by when."""

    improvement = models.ForeignKey(Improvement, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("deadline"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title
