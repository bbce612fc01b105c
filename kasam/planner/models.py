"""What the planner needs beyond the care records: where people are, who works when and
what they may do, and each planning run with its inputs and result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kasam.careplans.models import PlanActivity
from kasam.core.models import BaseModel
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client


class Coordinates(models.Model):
    """Where a client lives (for the address it was found for), where a unit's office is,
    or where a staff member starts from home. Installations import them (or the demo
    places them); a client whose address changed has none until it is found again."""

    client = models.OneToOneField(
        Client, on_delete=models.CASCADE, null=True, blank=True, related_name="coordinates"
    )
    unit = models.OneToOneField(
        OrganisationUnit, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    home_of = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    for_address = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        verbose_name_plural = "coordinates"
        constraints = [
            models.CheckConstraint(
                name="coordinates_of_one_thing",
                condition=(
                    Q(client__isnull=False, unit__isnull=True, home_of__isnull=True)
                    | Q(client__isnull=True, unit__isnull=False, home_of__isnull=True)
                    | Q(client__isnull=True, unit__isnull=True, home_of__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="coordinates_on_earth",
                condition=Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180)
                & Q(longitude__lte=180),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.latitude:.5f}, {self.longitude:.5f}"

    @property
    def point(self) -> tuple[float, float]:
        return self.latitude, self.longitude


class Skill(models.Model):
    """A competence a staff member has, matched to the competence an activity needs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skills"
    )
    code = models.CharField(_("competence"), max_length=10, choices=PlanActivity.Competence.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "code"], name="one_skill_each")]

    def __str__(self) -> str:
        return f"{self.user}: {self.code}"


class Shift(models.Model):
    """A staff member's working time on one day: where it starts and ends, how they travel,
    and the break to be taken within its window."""

    class Place(models.TextChoices):
        OFFICE = "office", _("the office")
        HOME = "home", _("home")

    class Mode(models.TextChoices):
        CAR = "car", _("car")
        BIKE = "bike", _("bicycle")
        WALK = "walk", _("on foot")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="shifts",
        verbose_name=_("staff member"),
    )
    unit = models.ForeignKey(OrganisationUnit, on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("day"))
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    start_place = models.CharField(max_length=6, choices=Place.choices, default=Place.OFFICE)
    end_place = models.CharField(max_length=6, choices=Place.choices, default=Place.OFFICE)
    mode = models.CharField(_("travels by"), max_length=4, choices=Mode.choices, default=Mode.CAR)
    break_from = models.TimeField(_("break from"), null=True, blank=True)
    break_until = models.TimeField(_("break starts by"), null=True, blank=True)
    break_minutes = models.PositiveSmallIntegerField(_("break (minutes)"), default=0)

    class Meta:
        ordering = ["day", "starts", "user_id"]
        indexes = [models.Index(fields=["unit", "day"], name="shift_unit_day")]
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="one_shift_a_day"),
            models.CheckConstraint(
                name="shift_ends_after_start", condition=Q(ends__gt=models.F("starts"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.day} {self.starts}–{self.ends}"


class PlanRun(BaseModel):
    """One run of the optimiser for a unit's day: its inputs, settings, seed and result,
    so that a plan can be made again and explained."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("planning")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")
        PUBLISHED = "published", _("published")

    unit = models.ForeignKey(OrganisationUnit, on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("day"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    seconds = models.PositiveSmallIntegerField(_("seconds to plan"))
    seed = models.PositiveIntegerField(default=1)
    weights = models.JSONField(default=dict)
    fingerprint = models.CharField(max_length=64, blank=True)  # the day's visits when planned
    problem = models.JSONField(default=dict)  # the inputs, as the solver saw them
    result = models.JSONField(default=dict)  # routes, unplanned visits and reasons, figures
    message = models.CharField(max_length=300, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["unit", "day"], name="planrun_unit_day")]

    def __str__(self) -> str:
        return f"{self.unit} {self.day} {self.status}"
