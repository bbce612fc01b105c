from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kasam.core.models import BaseModel
from kasam.core.roles import Role
from kasam.core.validators import validate_plausible_date


class OrganisationUnit(BaseModel):
    """A node in the tree municipality -> areas -> units -> teams."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        AREA = "area", _("area")
        HOME_CARE = "home_care", _("home-care district")
        NURSING_HOME = "nursing_home", _("nursing-home ward")
        DISABILITY = "disability", _("disability service")
        CHILD_FAMILY = "child_family", _("child and family service")
        CASE_OFFICE = "case_office", _("case-handling office")
        STARTUP_TEAM = "startup_team", _("start-up and reablement team")
        DAY_CENTRE = "day_centre", _("day centre")
        TEAM = "team", _("team")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    # Materialised path of primary keys ("/1/4/9/") so that a subtree is one prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    service_from = models.TimeField(
        _("services from"), null=True, blank=True, help_text=_("Empty: around the clock.")
    )
    service_to = models.TimeField(_("services until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    @property
    def serves_clients(self) -> bool:
        return self.kind not in (self.Kind.MUNICIPALITY, self.Kind.AREA)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self) -> MembershipQuerySet:
        today = timezone.localdate()
        return self.filter(starts_on__lte=today).exclude(ends_on__lt=today)


class Membership(BaseModel):
    """A staff member's role in a unit or team."""

    Role = Role

    # Roles whose members work with clients and so see the clients their unit serves.
    CARE_ROLES = (
        Role.CASE_HANDLER,
        Role.CARE_WORKER,
        Role.NURSE,
        Role.CONTACT_PERSON,
        Role.UNIT_MANAGER,
    )

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("staff member"),
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("unit"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("to"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role", "starts_on"], name="membership_unique_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


class AbsenceQuerySet(models.QuerySet["Absence"]):
    def on(self, day: datetime.date | models.expressions.OuterRef) -> AbsenceQuerySet:
        """Away on the day (a date, or the day of an outer query's row)."""
        return self.filter(starts_on__lte=day).exclude(ends_on__lt=day)


class Absence(BaseModel):
    """A staff member away from work (sick, on holiday, on a course): recorded by their
    manager, so that the day is planned without them. Only the kind, never a diagnosis."""

    class Kind(models.TextChoices):
        SICK = "sick", _("sick")
        HOLIDAY = "holiday", _("on holiday")
        COURSE = "course", _("on a course")
        LEAVE = "leave", _("on leave")
        OTHER = "other", _("away for another reason")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="absences",
        verbose_name=_("staff member"),
    )
    kind = models.CharField(_("why"), max_length=10, choices=Kind.choices)
    starts_on = models.DateField(_("from"), validators=[validate_plausible_date])
    ends_on = models.DateField(
        _("to"),
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text=_("Empty: not known yet."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = AbsenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("absence")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="absence_ends_after_it_starts",
                violation_error_message=_("An absence ends on or after the day it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.starts_on}"
