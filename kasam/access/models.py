from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasam.core.models import BaseModel
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client


class EmergencyAccess(BaseModel):
    """Access to a record without a care relationship, for a stated reason and a limited time.

    Reviewed afterwards by a manager of the staff member's unit or of a unit serving the client.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="emergency_accesses",
        verbose_name=_("staff member"),
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member's unit"),
    )
    client = models.ForeignKey(
        Client,
        on_delete=models.PROTECT,
        related_name="emergency_accesses",
        verbose_name=_("client"),
    )
    reason = models.TextField(_("reason"), max_length=1000)
    granted_at = models.DateTimeField(_("granted"))
    expires_at = models.DateTimeField(_("expires"), db_index=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_comment = models.TextField(_("review comment"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "client", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.client} ({self.granted_at:%Y-%m-%d %H:%M})"
