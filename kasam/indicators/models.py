"""Indicators: definitions with direction, target and traffic-light thresholds; values that
are stored (closed periods, imports, manual entries, other municipalities' figures).

Live values are never stored while a period is open: they are computed from the records
on demand (`kasam.indicators.compute`). Closing a period stores them, and they never change
afterwards."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kasam.core.models import BaseModel, TranslatedName
from kasam.indicators import formulas
from kasam.indicators.periods import Kind
from kasam.organisation.models import OrganisationUnit


class Indicator(TranslatedName, BaseModel):
    class Source(models.TextChoices):
        LIVE = "live", _("computed live from the records")
        SURVEY = "survey", _("survey results")
        IMPORT = "import", _("imported series")
        MANUAL = "manual", _("entered by hand")

    class Measure(models.TextChoices):
        PERCENT = "percent", _("per cent")
        NUMBER = "number", _("number")
        DAYS = "days", _("working days")
        PER_MILLE = "per_mille", _("per 1,000")
        CURRENCY = "currency", _("kroner")
        HOURS = "hours", _("hours")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")

    class Rollup(models.TextChoices):
        SUM = "sum", _("sum over the period (flows)")
        LAST = "last", _("value at the end of the period (stocks)")
        MEDIAN = "median", _("median of the records in the period")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    numerator_text = models.TextField(_("numerator (in words)"), max_length=1000, blank=True)
    denominator_text = models.TextField(_("denominator (in words)"), max_length=1000, blank=True)
    measure = models.CharField(_("unit of measure"), max_length=10, choices=Measure.choices)
    factor = models.DecimalField(_("factor"), max_digits=8, decimal_places=2, default=Decimal(1))
    direction = models.CharField(_("direction"), max_length=6, choices=Direction.choices)
    rollup = models.CharField(_("roll-up"), max_length=6, choices=Rollup.choices)
    ratio = models.BooleanField(
        _("a ratio"),
        default=True,
        help_text=_("The value is numerator ÷ denominator × factor; otherwise the numerator."),
    )
    period_kind = models.CharField(
        _("period type"), max_length=1, choices=Kind.choices, default=Kind.MONTH
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    green_from = models.DecimalField(
        _("green from"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Green at this value or better (usually the target)."),
    )
    yellow_from = models.DecimalField(
        _("yellow from"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Yellow at this value or better; red beyond it."),
    )
    by_gender = models.BooleanField(_("broken down by gender"), default=False)
    by_age = models.BooleanField(_("broken down by age band"), default=False)
    external_code = models.CharField(
        _("national key-figure code (Kolada, KOSTRA)"), max_length=40, blank=True
    )
    formula = models.CharField(
        _("formula over imported series"),
        max_length=300,
        blank=True,
        help_text=_("For example: cost / population_80 * 1000"),
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A formula must be plain arithmetic over indicators that exist."""
        if not self.formula:
            return
        try:
            names = formulas.names_in(self.formula)
        except formulas.FormulaError as error:
            raise ValidationError({"formula": str(error)}) from error
        known = set(Indicator.objects.filter(code__in=names).values_list("code", flat=True))
        if names - known:
            unknown = ", ".join(sorted(names - known))
            raise ValidationError({"formula": _("Unknown series: %(names)s") % {"names": unknown}})


class Target(models.Model):
    """A target for one unit (and its subtree) or one period, overriding the indicator's."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(
        OrganisationUnit, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    period = models.CharField(_("period"), max_length=8, blank=True)
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period"], name="one_target_per_unit_and_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.unit} {self.period}: {self.value}"


class ClosedPeriod(BaseModel):
    """A period whose values are stored: nothing recomputes them afterwards."""

    period = models.CharField(_("period"), max_length=8, unique=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    def __str__(self) -> str:
        return self.period


class StoredValue(BaseModel):
    """A value kept in the database: frozen when a period closed, imported, or entered."""

    class Origin(models.TextChoices):
        CLOSED = "closed", _("stored when the period closed")
        IMPORT = "import", _("imported")
        MANUAL = "manual", _("entered by hand")

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    unit = models.ForeignKey(
        OrganisationUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Another municipality's figure (by its national code), for comparison; empty for ours.
    municipality = models.CharField(_("other municipality"), max_length=12, blank=True)
    period = models.CharField(_("period"), max_length=8, db_index=True)
    numerator = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4, null=True, blank=True)
    origin = models.CharField(_("origin"), max_length=8, choices=Origin.choices)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "municipality", "period", "origin"],
                name="one_stored_value",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.value}"


class SourceVersion(models.Model):
    """A counter per kind of record that the live indicators read ("cases", "visits:2026-11"
    …), raised in the same transaction as every write to such records. Cached indicator
    figures are keyed by these counters, so a cache can never outlive the data it was
    computed from. A new counter starts at a random number, so that a database restored or
    rebuilt never meets the figures cached for an older one."""

    name = models.CharField(max_length=40, primary_key=True)
    version = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.name}: {self.version}"


class KeptTally(models.Model):
    """A closed month's raw tallies of one live indicator (or, for an indicator that reads
    across months, those of its whole window), kept in the database under the digest of the
    cache key (indicator, month or window, source counters) they were computed for: the
    shared cache may be emptied (a restart, a new Redis) and the dashboard still does not
    count years of records again. One row per indicator and month (or window); a new
    counter makes a new digest, and the row is computed again and replaced, so it is never
    stale."""

    slot = models.CharField(max_length=80, unique=True)
    digest = models.CharField(max_length=64)
    tallies = models.BinaryField()  # pickled, as the shared cache holds them
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.slot


class ImportRun(BaseModel):
    """Who imported which file, and how many lines were stored or left out."""

    filename = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(max_length=64)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    imported = models.PositiveIntegerField(_("lines imported"))
    skipped = models.PositiveIntegerField(_("lines left out"))

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
