"""Nutrition and fall-risk screening with due dates: the gaps inspectors find most often."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasam.core.models import BaseModel
from kasam.registry.models import Client


class Screening(BaseModel):
    class Kind(models.TextChoices):
        NUTRITION = "nutrition", _("nutrition")
        FALL = "fall", _("fall risk")

    class Tool(models.TextChoices):
        MNA_SF = "mna_sf", "MNA-SF"
        MUST = "must", "MUST"
        DOWNTON = "downton", "Downton"

    class Appetite(models.TextChoices):
        GOOD = "good", _("good")
        REDUCED = "reduced", _("reduced")
        POOR = "poor", _("poor")

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="screenings")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    measured_on = models.DateField(_("date"))
    tool = models.CharField(_("tool"), max_length=10, choices=Tool.choices)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(14)]
    )
    weight_kg = models.DecimalField(
        _("weight (kg)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(400)],
    )
    appetite = models.CharField(_("appetite"), max_length=10, choices=Appetite.choices, blank=True)
    at_risk = models.BooleanField(_("at risk"), editable=False)
    next_due_on = models.DateField(_("next screening"), editable=False, db_index=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    submission_key = models.UUIDField(unique=True)

    class Meta:
        ordering = ["-measured_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.client} {self.kind} {self.measured_on}"
