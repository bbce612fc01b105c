"""The roles staff have in units (kept here, at the bottom, so the audit trail can name a
role without importing the organisation)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASE_HANDLER = "case_handler", _("case handler")
    CARE_WORKER = "care_worker", _("care worker")
    NURSE = "nurse", _("nurse")
    CONTACT_PERSON = "contact_person", _("contact person")
    UNIT_MANAGER = "unit_manager", _("unit manager")
    QUALITY_LEAD = "quality_lead", _("quality lead")
    ANALYST = "analyst", _("analyst or committee member")
    ADMINISTRATOR = "administrator", _("administrator")
