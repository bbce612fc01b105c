from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Public UUID (never expose the integer key) and timestamps."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class TranslatedName(models.Model):
    """Reference data an installation can correct: a name in each interface language."""

    name_nb = models.CharField(_("name (Norwegian bokmål)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        return str(getattr(self, f"name_{language}", "") or self.name_en)


class Submission(models.Model):
    """A form sent once: the key the page gave the form, and where the first send led. The
    same key sent again (a double tap, a resend after a dropped connection, the back button)
    goes there instead of saving twice (kasam.core.middleware.OncePerSubmissionMiddleware)."""

    key = models.UUIDField(unique=True)
    user_id = models.BigIntegerField(null=True)
    location = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return str(self.key)
