from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasam.core.models import BaseModel


class RegisterRun(BaseModel):
    """The run log of the national registers: one row per file made, with what it held.
    The file itself is not kept (it names every person); its checksum is."""

    register = models.CharField(_("register"), max_length=20)
    period = models.CharField(_("period"), max_length=7)
    spec = models.CharField(_("specification"), max_length=100)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("made by")
    )
    persons = models.PositiveIntegerField(_("persons"))
    rows = models.PositiveIntegerField(_("rows"))
    left_out = models.PositiveIntegerField(_("persons left out"))
    with_warnings = models.PositiveIntegerField(_("persons with warnings"))
    checksum = models.CharField(_("SHA-256 of the file"), max_length=64)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("register run")

    def __str__(self) -> str:
        return f"{self.register} {self.period}"
