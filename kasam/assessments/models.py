"""Assessment: "What matters to you?", the national functional scale, and the start-up period.

Scales (IPLOS in Norway, IBIC in Sweden) are data an installation can correct in the admin.
An assessment is never changed: a new one is a new version beside the old.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasam.cases.models import Case
from kasam.core.models import BaseModel, TranslatedName
from kasam.core.validators import validate_plausible_date
from kasam.organisation.models import OrganisationUnit


class Scale(TranslatedName, BaseModel):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    country = models.CharField(_("country"), max_length=2)
    describes_needs = models.BooleanField(
        _("needs, resources and goals per item"),
        default=False,
        help_text=_("IBIC documents needs, resources and goals for each life area."),
    )

    class Meta:
        ordering = ["country", "code"]


class ScaleItem(TranslatedName):
    """A variable (IPLOS) or life area (IBIC)."""

    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(_("code"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["scale", "order"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "code"], name="scale_item_code"),
        ]


class ScaleLevel(TranslatedName):
    """A score and its wording, e.g. IPLOS 3 "medium need" or ICF 2 "moderate difficulty"."""

    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="levels")
    value = models.PositiveSmallIntegerField(_("value"))

    class Meta:
        ordering = ["scale", "value"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "value"], name="scale_level_value"),
        ]


class StartupPeriod(BaseModel):
    """The start-up team's mapping period (the seeds' HUR group) before a decision."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="startup_periods")
    team = models.ForeignKey(
        OrganisationUnit, on_delete=models.PROTECT, verbose_name=_("start-up team")
    )
    starts_on = models.DateField(_("starts"), validators=[validate_plausible_date])
    weeks = models.PositiveSmallIntegerField(
        _("weeks"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    observations = models.TextField(_("what the team observed"), max_length=8000, blank=True)
    manages_self = models.TextField(_("what the person manages"), max_length=4000, blank=True)
    recommendation = models.TextField(_("recommendation"), max_length=4000, blank=True)
    completed_at = models.DateTimeField(_("mapping completed"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{self.team} {self.starts_on}"

    @property
    def ends_on(self) -> datetime.date:
        return self.starts_on + datetime.timedelta(weeks=self.weeks) - datetime.timedelta(days=1)


class Assessment(BaseModel):
    """One version of a case's assessment, starting from the person's own words."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assessments")
    version = models.PositiveSmallIntegerField(_("version"))
    what_matters = models.TextField(_("What matters to you?"), max_length=8000)
    own_goals = models.TextField(_("the person's own goals"), max_length=4000, blank=True)
    strengths = models.TextField(_("strengths and resources"), max_length=4000, blank=True)
    manages_self = models.TextField(_("what the person manages"), max_length=4000, blank=True)
    relatives_view = models.TextField(_("the relatives' view"), max_length=4000, blank=True)
    handler_assessment = models.TextField(
        _("the case handler's assessment"), max_length=8000, blank=True
    )
    reablement_potential = models.BooleanField(_("potential for reablement"), default=False)
    weight_kg = models.DecimalField(
        _("weight (kg)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(400)],
    )
    nutrition_tool = models.CharField(
        _("nutrition screening"),
        max_length=10,
        blank=True,
        choices=[("mna_sf", "MNA-SF"), ("must", "MUST")],
    )
    nutrition_score = models.PositiveSmallIntegerField(
        _("nutrition score"), null=True, blank=True, validators=[MaxValueValidator(14)]
    )
    fall_risk_tool = models.CharField(
        _("fall-risk screening"),
        max_length=10,
        blank=True,
        choices=[("downton", "Downton"), ("frat", "FRAT")],
    )
    fall_risk_score = models.PositiveSmallIntegerField(
        _("fall-risk score"), null=True, blank=True, validators=[MaxValueValidator(20)]
    )
    startup_period = models.ForeignKey(
        StartupPeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("start-up mapping"),
    )
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        ordering = ["case", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="assessment_version"),
        ]

    def __str__(self) -> str:
        return f"{self.case} v{self.version}"


class ItemScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="scores")
    item = models.ForeignKey(ScaleItem, on_delete=models.PROTECT)
    level = models.ForeignKey(ScaleLevel, on_delete=models.PROTECT, null=True, blank=True)
    needs = models.TextField(_("needs"), max_length=2000, blank=True)
    resources = models.TextField(_("resources"), max_length=2000, blank=True)
    goals = models.TextField(_("goals"), max_length=2000, blank=True)

    class Meta:
        ordering = ["item__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="one_score_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.level.value if self.level else '–'}"
