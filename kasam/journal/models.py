"""Journal notes: never edited or deleted; a correction is a new note that marks the old one
as entered in error."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasam.careplans.models import PlanActivity, PlanGoal
from kasam.core.models import BaseModel
from kasam.registry.models import Client


class JournalNote(BaseModel):
    class Category(models.TextChoices):
        DAILY_CARE = "daily_care", _("daily care")
        HEALTH = "health", _("health")
        NUTRITION = "nutrition", _("nutrition")
        FALL = "fall", _("fall")
        SOCIAL = "social", _("social")

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="journal_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    text = models.TextField(_("note"), max_length=8000)
    goal = models.ForeignKey(
        PlanGoal, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("goal")
    )
    activity = models.ForeignKey(
        PlanActivity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("activity"),
    )
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
        verbose_name=_("corrects"),
    )
    # A phone that sends the same note twice (flaky network) sends the same key.
    submission_key = models.UUIDField(unique=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.client} {self.created_at:%Y-%m-%d}"

    @property
    def entered_in_error(self) -> bool:
        return hasattr(self, "corrected_by")
