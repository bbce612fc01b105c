"""The strategy layer: a plan period with vision, values and principles, and a goal tree by
perspective (direction goals → success factors → effect goals with a measurable target),
with actions. A closed period can be read, not changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kasam.core.models import BaseModel, TranslatedName
from kasam.indicators.models import Indicator
from kasam.organisation.models import OrganisationUnit


class Perspective(TranslatedName, models.Model):
    """Clients, economy, staff and leaders, processes, society: configurable in the admin."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class PlanPeriod(BaseModel):
    name = models.CharField(_("name"), max_length=200)
    starts_year = models.PositiveSmallIntegerField(_("first year"))
    ends_year = models.PositiveSmallIntegerField(_("last year"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_year", "name"]

    def __str__(self) -> str:
        return f"{self.name} {self.starts_year}–{self.ends_year}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Statement(BaseModel):
    """The vision, a value or a principle of the period."""

    class Kind(models.TextChoices):
        VISION = "vision", _("vision")
        VALUE = "value", _("value")
        PRINCIPLE = "principle", _("principle")

    period = models.ForeignKey(PlanPeriod, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), max_length=4000, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class UnitPrinciple(BaseModel):
    """A unit's own words for a principle (the Norwegian principles template)."""

    principle = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="unit_texts")
    unit = models.ForeignKey(OrganisationUnit, on_delete=models.PROTECT, related_name="+")
    what_it_means = models.TextField(_("what it means for us to do"), max_length=4000)
    we_succeed_when = models.TextField(_("we know we succeed when"), max_length=4000)
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="+", verbose_name=_("indicators")
    )
    history = HistoricalRecords(m2m_fields=[indicators])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["principle", "unit"], name="one_text_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.principle}"


class Goal(BaseModel):
    class Level(models.TextChoices):
        DIRECTION = "direction", _("direction goal")
        SUCCESS_FACTOR = "success_factor", _("success factor")
        EFFECT = "effect", _("effect goal")

    period = models.ForeignKey(PlanPeriod, on_delete=models.CASCADE, related_name="goals")
    perspective = models.ForeignKey(
        Perspective, on_delete=models.PROTECT, verbose_name=_("perspective")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    unit = models.ForeignKey(
        OrganisationUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    target_text = models.CharField(_("measurable target"), max_length=300, blank=True)
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="goals", verbose_name=_("indicators")
    )
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(m2m_fields=[indicators])

    class Meta:
        ordering = ["perspective__order", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Action(BaseModel):
    """How we will do it: an action with an owner, a deadline and a status."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        POSTPONED = "postponed", _("postponed")
        CANCELLED = "cancelled", _("cancelled")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("what we will do"), max_length=400)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ActionComment(BaseModel):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    text = models.TextField(_("comment"), max_length=4000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:40]
