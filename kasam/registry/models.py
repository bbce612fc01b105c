from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kasam.core.models import BaseModel
from kasam.core.national_id import format_stored
from kasam.core.validators import (
    validate_person_name,
    validate_phone,
    validate_plain_text,
    validate_plausible_date,
    validate_postal_code,
)
from kasam.organisation.models import OrganisationUnit


class Language(models.TextChoices):
    NB = "nb", _("Norwegian bokmål")
    NN = "nn", _("Norwegian nynorsk")
    SV = "sv", _("Swedish")
    EN = "en", _("English")
    SE = "se", _("Northern Sami")
    FI = "fi", _("Finnish")
    AR = "ar", _("Arabic")
    SO = "so", _("Somali")
    PL = "pl", _("Polish")
    UK = "uk", _("Ukrainian")
    FA = "fa", _("Persian")
    TI = "ti", _("Tigrinya")


# The languages Kasam writes documents in, for each language a client may prefer; other
# languages get the installation's language (and an interpreter).
DOCUMENT_LANGUAGES = {"nb": "nb", "nn": "nb", "sv": "sv", "en": "en"}


class Client(BaseModel):
    """A person who receives, or has asked for, the municipality's care services."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        INACTIVE = "inactive", _("inactive")
        DECEASED = "deceased", _("deceased")
        MOVED = "moved", _("moved away")

    # Statuses in which a person is no longer served, from `status_since` on.
    GONE = (Status.INACTIVE, Status.DECEASED, Status.MOVED)

    national_id = models.CharField(_("national ID number"), max_length=12, unique=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    first_name = models.CharField(_("first name"), max_length=80, validators=[validate_person_name])
    last_name = models.CharField(_("last name"), max_length=80, validators=[validate_person_name])
    # Lower-cased "first last" for search that behaves the same on SQLite and PostgreSQL.
    search_name = models.CharField(max_length=161, db_index=True, editable=False)
    address = models.CharField(
        _("address"), max_length=120, blank=True, validators=[validate_plain_text]
    )
    postal_code = models.CharField(
        _("postal code"), max_length=6, blank=True, validators=[validate_postal_code]
    )
    city = models.CharField(_("city"), max_length=60, blank=True, validators=[validate_person_name])
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices
    )
    interpreter_needed = models.BooleanField(_("needs an interpreter"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    status_since = models.DateField(
        _("status from"),
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text=_("The day the status took effect (the day of death, of moving away)."),
    )
    protected_identity = models.BooleanField(
        _("protected identity"),
        default=False,
        help_text=_("The address is never shown or exported."),
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contact_person_for",
        verbose_name=_("contact person"),
    )
    case_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_handler_for",
        verbose_name=_("case handler"),
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["search_name"])

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def document_language(self) -> str:
        """nb, sv or en: the language of the letters and printouts the client receives."""
        return DOCUMENT_LANGUAGES.get(self.preferred_language, settings.LANGUAGE_CODE)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def national_id_display(self) -> str:
        return format_stored(self.national_id)

    @property
    def shown_address(self) -> str:
        """The address as it may be shown: never for a person with protected identity."""
        if self.protected_identity:
            return ""
        return ", ".join(p for p in (self.address, f"{self.postal_code} {self.city}".strip()) if p)

    def refresh_search_name(self) -> None:
        self.search_name = f"{self.first_name} {self.last_name}".casefold()

    def clean(self) -> None:
        if self.status in self.GONE and self.status_since is None:
            raise ValidationError({"status_since": status_since_needed()})

    def served_on(self, day: datetime.date) -> bool:
        """Whether the person is still served on `day` (not gone by then)."""
        gone = self.status in self.GONE and self.status_since is not None
        return not gone or day < self.status_since  # type: ignore[operator]


def home_after_start() -> str:
    return gettext("The day home again comes after the first day away.")


def status_since_needed() -> str:
    return gettext("Give the day the status took effect (the day of death, of moving away).")


class HomeAccess(BaseModel):
    """How staff get in at the client's door: the entrance, and the key box code, which is
    shown only to the staff given a visit, around its time, each showing logged."""

    client = models.OneToOneField(
        Client, on_delete=models.PROTECT, related_name="home_access", verbose_name=_("client")
    )
    entrance = models.CharField(
        _("entrance"),
        max_length=300,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("How to get in: which door, stairs, lift, dog, what to ring."),
    )
    key_box_code = models.CharField(
        _("key box code"), max_length=20, blank=True, validators=[validate_plain_text]
    )

    history = HistoricalRecords(excluded_fields=["key_box_code"])

    class Meta:
        verbose_name = _("entrance and key")
        verbose_name_plural = _("entrances and keys")

    def __str__(self) -> str:
        return f"{self.client}"


class ClientWarning(BaseModel):
    """What anyone at the door must know first: an allergy, a risk, infection precautions."""

    class Kind(models.TextChoices):
        ALLERGY = "allergy", _("allergy")
        RISK = "risk", _("risk")
        INFECTION = "infection", _("infection precautions")
        OTHER = "other", _("other warning")

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="warnings", verbose_name=_("client")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("warning"), max_length=300, validators=[validate_plain_text])
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("warning")
        verbose_name_plural = _("warnings")
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return f"{self.client}: {self.kind}"


class Stay(BaseModel):
    """A time the client is away from home, in hospital or on a short-term stay. The home
    visits of those days are cancelled (kept, with the reason) and come back when the client
    is home again."""

    class Kind(models.TextChoices):
        HOSPITAL = "hospital", _("in hospital")
        SHORT_STAY = "short_stay", _("short-term stay")

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="stays", verbose_name=_("client")
    )
    kind = models.CharField(_("where"), max_length=10, choices=Kind.choices)
    starts_on = models.DateField(_("away from"), validators=[validate_plausible_date])
    # The first day at home again; open while nobody knows.
    home_on = models.DateField(
        _("home again"), null=True, blank=True, validators=[validate_plausible_date]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stay away from home")
        verbose_name_plural = _("stays away from home")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["client", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.client} {self.kind} {self.starts_on}–{self.home_on or ''}"

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.home_on is None or day < self.home_on)

    def clean(self) -> None:
        if None not in (self.home_on, self.starts_on) and self.home_on <= self.starts_on:  # type: ignore[operator]
            raise ValidationError({"home_on": home_after_start()})


class Relative(BaseModel):
    """A relative or representative of a client."""

    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("spouse or partner")
        CHILD = "child", _("child")
        PARENT = "parent", _("parent")
        SIBLING = "sibling", _("sibling")
        OTHER_FAMILY = "other_family", _("other family")
        FRIEND = "friend", _("friend or neighbour")
        REPRESENTATIVE = "representative", _("appointed representative")

    class Role(models.TextChoices):
        NEXT_OF_KIN = "next_of_kin", _("next of kin")
        GUARDIAN = "guardian", _("guardian")
        OTHER = "other", _("other")

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="relatives", verbose_name=_("client")
    )
    first_name = models.CharField(_("first name"), max_length=80, validators=[validate_person_name])
    last_name = models.CharField(_("last name"), max_length=80, validators=[validate_person_name])
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    version = models.PositiveIntegerField(default=1, editable=False)
    consent_to_information = models.BooleanField(
        _("consents to receive information"), default=False
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), max_length=120, blank=True)
    address = models.CharField(
        _("address"), max_length=120, blank=True, validators=[validate_plain_text]
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("relative")
        verbose_name_plural = _("relatives")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class ServiceLinkQuerySet(models.QuerySet["ServiceLink"]):
    def current(self) -> ServiceLinkQuerySet:
        today = timezone.localdate()
        return self.filter(starts_on__lte=today).exclude(ends_on__lt=today)


class ServiceLink(BaseModel):
    """A unit or team serves a client from a date (and, when it stops, until a date)."""

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="service_links", verbose_name=_("client")
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        on_delete=models.PROTECT,
        related_name="service_links",
        verbose_name=_("unit"),
    )
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("to"), null=True, blank=True)

    objects = ServiceLinkQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("serving unit")
        verbose_name_plural = _("serving units")
        indexes = [models.Index(fields=["unit", "client"])]

    def __str__(self) -> str:
        return f"{self.unit} → {self.client}"
