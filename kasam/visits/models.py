"""Visits generated from the current plans' weekly patterns, and what was done on them.

A visit carries one plan activity on one day. NI (Sweden) keeps planned and performed apart:
the planned fields never change once the visit is documented; check-in/out and the outcome
are what was performed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasam.careplans.models import PlanActivity
from kasam.core.models import BaseModel
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client

# Visits still to be made: not begun, not documented, not cancelled.
TO_MAKE = models.Q(checked_in_at=None, outcome="", cancelled_because="")


class Visit(BaseModel):
    class Outcome(models.TextChoices):
        DONE = "done", _("done")
        PARTLY = "partly", _("partly done")
        NOT_DONE = "not_done", _("not done")

    class Reason(models.TextChoices):
        DECLINED = "declined", _("the client declined")
        NOT_HOME = "not_home", _("not at home")
        HOSPITAL = "hospital", _("in hospital")
        OTHER = "other", _("other reason")

    class Cancelled(models.TextChoices):
        """Why a visit will not be made: set from the client's status, stays away and the
        decided service's end (kasam.visits.generation), never typed."""

        DECEASED = "deceased", _("the client has died")
        MOVED = "moved", _("the client has moved away")
        INACTIVE = "inactive", _("the client is no longer served")
        HOSPITAL = "hospital", _("the client is in hospital")
        SHORT_STAY = "short_stay", _("the client is on a short-term stay")
        SERVICE_ENDED = "ended", _("the service has ended")

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="visits")
    activity = models.ForeignKey(PlanActivity, on_delete=models.PROTECT, related_name="visits")
    unit = models.ForeignKey(OrganisationUnit, on_delete=models.PROTECT, related_name="visits")
    day = models.DateField(_("day"), db_index=True)
    window_start = models.TimeField(_("from"), null=True, blank=True)
    window_end = models.TimeField(_("to"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("minutes"))
    staff_count = models.PositiveSmallIntegerField(_("staff"), default=1)
    competence = models.CharField(_("competence needed"), max_length=10)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("staff member"),
    )
    second_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="second_visits",
        verbose_name=_("second staff member"),
    )
    # What the planner (or the manager) set: when the visit starts, and whether it stays.
    # The second visit of an activity that has one (PlanActivity.follow_up): part 1, tied to
    # the first; the planner starts it within the activity's minutes after the first.
    part = models.PositiveSmallIntegerField(default=0, editable=False)
    follows = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_up"
    )
    planned_start = models.TimeField(_("planned start"), null=True, blank=True)
    locked = models.BooleanField(_("locked"), default=False)
    replanned_at = models.DateTimeField(_("re-planned"), null=True, blank=True)
    # Raised by every change of who and when (assign, move, publish): a move made from an
    # old copy of the board is refused instead of undoing someone else's change.
    version = models.PositiveIntegerField(default=1, editable=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices, blank=True)
    # A cancelled visit is kept (the board shows it, the history keeps it) but is on nobody's
    # worklist and cannot be documented; it comes back when its reason goes (a stay ends).
    cancelled_because = models.CharField(
        _("cancelled because"), max_length=10, choices=Cancelled.choices, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["day", "window_start", "pk"]
        indexes = [
            models.Index(fields=["staff", "day"], name="visit_worklist"),
            models.Index(fields=["unit", "day"], name="visit_day_board"),
            # Visits made, counted per unit and month for the indicators.
            models.Index(
                fields=["day", "unit"],
                name="visit_made",
                condition=models.Q(checked_in_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client} {self.day} {self.window_start}"

    @property
    def cancelled(self) -> bool:
        return bool(self.cancelled_because)

    @property
    def documented(self) -> bool:
        return self.checked_in_at is not None or bool(self.outcome)
