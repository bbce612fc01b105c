"""Care plans (tiltaksplan / genomförandeplan): made with the client, resting on granted
services, agreed before they count, and versioned: every change is a new version."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kasam.core.models import BaseModel
from kasam.decisions.models import Decision, DecisionLine
from kasam.registry.models import Client


class CarePlan(BaseModel):
    client = models.OneToOneField(Client, on_delete=models.PROTECT, related_name="care_plan")

    def __str__(self) -> str:
        return str(self.client)


class PlanVersion(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        AGREED = "agreed", _("agreed and current")
        DECLINED = "declined", _("declined")
        SUPERSEDED = "superseded", _("superseded")

    class Method(models.TextChoices):
        PAPER = "paper", _("signed on paper")
        SCANNED = "scanned", _("signed and scanned")
        DIGITAL = "digital", _("confirmed digitally")

    plan = models.ForeignKey(CarePlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, verbose_name=_("decision it rests on")
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contact person"),
    )
    review_on = models.DateField(_("next review"), null=True, blank=True)
    comprehensible = models.TextField(
        _("how the plan makes the situation comprehensible"), max_length=2000, blank=True
    )
    manageable = models.TextField(_("… manageable"), max_length=2000, blank=True)
    meaningful = models.TextField(_("… meaningful"), max_length=2000, blank=True)
    agreement_method = models.CharField(
        _("how it was agreed"), max_length=10, choices=Method.choices, blank=True
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    superseded_on = models.DateField(_("superseded on"), null=True, blank=True, editable=False)
    agreed_by = models.CharField(
        _("agreed by (client or representative)"), max_length=120, blank=True
    )
    witness = models.CharField(_("witness"), max_length=120, blank=True)
    declined_reason = models.TextField(_("why it was declined"), max_length=2000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    version = models.PositiveIntegerField(default=1, editable=False)
    # When the current plan is next due for review: its own date, then each review's.
    next_review_on = models.DateField(null=True, blank=True, db_index=True, editable=False)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class PlanGoal(models.Model):
    """The client's own goal, in their own words."""

    plan_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="goals")
    own_words = models.TextField(_("the goal in the client's own words"), max_length=2000)
    how_we_know = models.TextField(_("how we will know it is reached"), max_length=2000)
    follow_up_on = models.DateField(_("follow-up date"))
    # When the goal of a current plan is next followed up: its own date, then each
    # follow-up's; empty once it is reached.
    next_follow_up_on = models.DateField(null=True, blank=True, db_index=True, editable=False)
    reached_on = models.DateField(_("reached on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.own_words[:40]


class GoalReview(BaseModel):
    """A follow-up of one of the client's goals: how far it has come, in words."""

    class Progress(models.TextChoices):
        REACHED = "reached", _("reached")
        ON_THE_WAY = "on_the_way", _("on the way")
        NOT_YET = "not_yet", _("not reached yet")
        CHANGED = "changed", _("the client wants another goal")

    goal = models.ForeignKey(PlanGoal, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(_("followed up on"))
    progress = models.CharField(_("progress"), max_length=12, choices=Progress.choices)
    comment = models.TextField(_("what the client and we see"), max_length=4000)
    next_follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.goal} {self.reviewed_on}"


class HelpKind(models.TextChoices):
    """Kinds of help for which the client may choose who helps (the seeds' "brukervalg")."""

    OWN_TIME = "own_time", _("own time")
    CONVERSATION = "conversation", _("conversation")
    PERSONAL_HYGIENE = "personal_hygiene", _("personal hygiene")
    RELATIVES = "relatives", _("contact with relatives")
    OTHER = "other", _("other help")


WEEKDAYS = [
    ("0", _("Mon")),
    ("1", _("Tue")),
    ("2", _("Wed")),
    ("3", _("Thu")),
    ("4", _("Fri")),
    ("5", _("Sat")),
    ("6", _("Sun")),
]


class PlanActivity(models.Model):
    """What is done for one granted service, how, when, by how many, and what the client does."""

    class Competence(models.TextChoices):
        ANY = "any", _("any care worker")
        NURSE = "nurse", _("nurse")
        DELEGATED = "delegated", _("delegated to give medicines")
        HOIST = "hoist", _("trained to use a hoist")

    plan_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="activities"
    )
    line = models.ForeignKey(
        DecisionLine, on_delete=models.PROTECT, verbose_name=_("granted service")
    )
    what = models.CharField(_("what is done"), max_length=200)
    how = models.TextField(_("how: the client's habits and wishes"), max_length=2000, blank=True)
    days = models.CharField(_("days"), max_length=20, blank=True, help_text="0=Mon … 6=Sun")
    as_needed = models.BooleanField(_("as needed"), default=False)
    window_start = models.TimeField(_("from"), null=True, blank=True)
    window_end = models.TimeField(_("to"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(1), MaxValueValidator(720)]
    )
    staff_count = models.PositiveSmallIntegerField(
        _("staff"), default=1, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    competence = models.CharField(
        _("competence needed"), max_length=10, choices=Competence.choices, default="any"
    )
    client_does = models.TextField(_("what the client does"), max_length=2000, blank=True)
    # A second visit tied to the first (eye drops again after half an hour, a meal after
    # insulin): how long, and how many minutes after the first visit starts it starts.
    follow_up_minutes = models.PositiveSmallIntegerField(
        _("second visit, minutes"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    follow_up_after = models.PositiveSmallIntegerField(
        _("second visit starts at the earliest (minutes after the first starts)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(720)],
    )
    follow_up_within = models.PositiveSmallIntegerField(
        _("second visit starts at the latest (minutes after the first starts)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(720)],
    )
    help_kind = models.CharField(
        _("kind of help (for the client's choice of staff)"),
        max_length=20,
        choices=HelpKind.choices,
        blank=True,
    )

    class Meta:
        ordering = ["window_start", "pk"]

    def __str__(self) -> str:
        return self.what

    @property
    def follow_up(self) -> tuple[int, int, int] | None:
        """(minutes, at the earliest, at the latest) of the second visit, if there is one."""
        if self.follow_up_minutes is None:
            return None
        return self.follow_up_minutes, self.follow_up_after or 0, self.follow_up_within or 0

    @property
    def weekdays(self) -> list[int]:
        return [int(d) for d in self.days.split(",") if d.strip()]

    @property
    def days_label(self) -> str:
        """The days as people write them: "every day", "Mon–Fri", "Mon, Thu"."""
        days = sorted(set(self.weekdays))
        if days == list(range(7)):
            return str(_("every day"))
        if days == list(range(5)):
            return f"{WEEKDAYS[0][1]}–{WEEKDAYS[4][1]}"
        return ", ".join(str(WEEKDAYS[day][1]) for day in days)


class PlanReview(BaseModel):
    """A follow-up of the current plan with the client: what went well, what changes."""

    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    went_well = models.TextField(_("what went well"), max_length=4000)
    changes = models.TextField(_("what changes"), max_length=4000, blank=True)
    next_review_on = models.DateField(_("next review"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan_version} {self.reviewed_on}"


class StaffChoice(BaseModel):
    """The client's own choice of who helps with a kind of help (the seeds' "brukervalg")."""

    Kind = HelpKind

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="staff_choices")
    kind = models.CharField(_("kind of help"), max_length=20, choices=Kind.choices)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="chosen_by",
        verbose_name=_("chosen staff member"),
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return f"{self.client}: {self.kind}"


class CoordinatedPlan(BaseModel):
    """The coordinated individual plan (individuell plan / SIP) for a client with complex
    needs: a coordinator, the client's overall goal, and who takes part. The services come
    from the client's current decisions; the units serving the client take part."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="coordinated_plans")
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordinates",
        verbose_name=_("coordinator"),
    )
    started_on = models.DateField(_("started on"))
    overall_goal = models.TextField(_("the client's overall goal"), max_length=4000)
    other_units = models.ManyToManyField(
        "organisation.OrganisationUnit",
        blank=True,
        related_name="+",
        verbose_name=_("other units of the municipality taking part"),
    )
    external_parties = models.TextField(
        _("parties outside the municipality (GP, hospital, NAV, school …)"),
        max_length=2000,
        blank=True,
    )
    next_meeting_on = models.DateField(_("next meeting"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[other_units])

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_coordinated_plan",
            )
        ]

    def __str__(self) -> str:
        return f"{self.client}: {self.coordinator}"
