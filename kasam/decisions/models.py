"""Decisions (vedtak / beslut): services from the catalogue, letters, appeals and revisions.

A made decision is never edited: a revision is a new decision that supersedes it from a date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kasam.cases.models import Case
from kasam.core.models import BaseModel, TranslatedName
from kasam.core.validators import validate_plausible_date
from kasam.organisation.models import OrganisationUnit


class Service(TranslatedName, BaseModel):
    """An entry of the installation's service catalogue."""

    class ScopeUnit(models.TextChoices):
        HOURS_WEEK = "hours_week", _("hours per week")
        VISITS_WEEK = "visits_week", _("visits per week")
        DAYS = "days", _("days")
        PLACE = "place", _("place")
        NONE = "none", _("no scope")

    code = models.SlugField(_("code"), max_length=40)
    country = models.CharField(_("country"), max_length=2)
    scope_unit = models.CharField(_("unit of scope"), max_length=12, choices=ScopeUnit.choices)
    min_scope = models.DecimalField(_("smallest scope"), max_digits=6, decimal_places=2, default=0)
    max_scope = models.DecimalField(_("largest scope"), max_digits=6, decimal_places=2, default=168)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    register_code = models.CharField(_("national register code"), max_length=40, blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["country", "code"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="service_code_per_country")
        ]

    @property
    def has_scope(self) -> bool:
        return self.scope_unit not in (self.ScopeUnit.NONE, self.ScopeUnit.PLACE)


class Decision(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        MADE = "made", _("made")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    justification = models.TextField(_("reasons"), max_length=8000)
    valid_from = models.DateField(_("valid from"))
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    superseded_on = models.DateField(_("superseded from"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    appeal_deadline = models.DateField(_("appeal deadline"), null=True, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-valid_from", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.valid_from}"

    @property
    def is_current(self) -> bool:
        return self.status == self.Status.MADE and self.superseded_on is None


class DecisionLine(models.Model):
    """One service in a decision: granted, partly granted or refused, with its scope."""

    class Outcome(models.TextChoices):
        GRANTED = "granted", pgettext_lazy("decision outcome", "granted")
        PARTLY = "partly", pgettext_lazy("decision outcome", "partly granted")
        REFUSED = "refused", pgettext_lazy("decision outcome", "refused")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, verbose_name=_("service"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    scope = models.DecimalField(_("scope"), max_digits=6, decimal_places=2, null=True, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    review_on = models.DateField(_("review date"), null=True, blank=True, db_index=True)
    provider = models.ForeignKey(
        OrganisationUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("providing unit"),
    )
    justification = models.TextField(_("justification"), max_length=4000, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.service.code}: {self.outcome}"

    @property
    def is_granted(self) -> bool:
        return self.outcome != self.Outcome.REFUSED


class DecisionLetter(BaseModel):
    """The letter as sent: stored with the case, never regenerated in place."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="letters")
    language = models.CharField(_("language"), max_length=2)
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.decision} ({self.language})"


class Appeal(BaseModel):
    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("upheld")
        CHANGED = "changed", _("changed")
        SENT_ON = "sent_on", _("sent on to the appeal body")

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="appeals")
    received_on = models.DateField(_("received"), validators=[validate_plausible_date])
    in_time = models.BooleanField(_("lodged in time"))
    handle_by = models.DateField(_("to be handled by"))
    grounds = models.TextField(_("what the appeal says"), max_length=8000, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    outcome_note = models.TextField(_("note on the outcome"), max_length=4000, blank=True)
    new_decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="from_appeal"
    )
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        ordering = ["-received_on"]

    def __str__(self) -> str:
        return f"{self.decision} {self.received_on}"
