from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kasam.core.roles import Role


class AuditEventQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("Audit entries cannot be changed.")

    def delete(self) -> NoReturn:
        raise PermissionError("Audit entries cannot be deleted.")


class AppendOnly(models.Model):
    """Rows that are written once and never changed or deleted through the ORM (the
    database refuses it too on PostgreSQL: kasam.audit.chain)."""

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("Audit entries cannot be deleted.")


class AuditEvent(AppendOnly):
    """One read, search hit, export, print or change of a client's data. Append-only."""

    class Action(models.TextChoices):
        READ = "read", _("read")
        SEARCH = "search", _("found in search or list")
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        EXPORT = "export", _("exported")
        PRINT = "print", _("printed")

    class Basis(models.TextChoices):
        UNIT = "unit", _("works in a serving unit")
        CONTACT_PERSON = "contact_person", _("contact person")
        CASE_HANDLER = "case_handler", _("case handler")
        EMERGENCY = "emergency", _("emergency access")
        OVERSIGHT = "oversight", _("manager's review")
        REGISTRATION = "registration", _("registering the client")
        REGISTER = "register", _("statutory report to a national register")
        BULK_EXPORT = "bulk_export", _("bulk export by the unit's manager")

    occurred_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("staff member"),
    )
    actor_role = models.CharField(_("role"), max_length=20, blank=True, choices=Role.choices)
    actor_unit = models.ForeignKey(
        "organisation.OrganisationUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    client = models.ForeignKey(
        "registry.Client",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("client"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object"), max_length=40)
    object_id = models.CharField(max_length=40, blank=True)
    basis = models.CharField(_("basis"), max_length=20, choices=Basis.choices, blank=True)
    emergency_access = models.ForeignKey(
        "access.EmergencyAccess",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # For changes to official figures and other records that are not a person's: each
    # changed field with its old and new value.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    # HMAC of the fields above with the installation's audit key (kasam.audit.chain): a row
    # changed or added below the application no longer matches.
    digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["client", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.object_type}"

    @property
    def is_emergency(self) -> bool:
        return self.seen_basis == self.Basis.EMERGENCY

    # How the entry reads in one client's access log (audit.selectors.access_log_for): a
    # list entry carries each client's basis in its hit (AuditHit), annotated as hit_*.
    @property
    def seen_basis(self) -> str:
        return self.basis or getattr(self, "hit_basis", None) or ""

    @property
    def seen_basis_label(self) -> str:
        return str(self.Basis(self.seen_basis).label) if self.seen_basis else ""

    @property
    def seen_role(self) -> str:
        return self.actor_role or getattr(self, "hit_role", None) or ""

    @property
    def seen_role_label(self) -> str:
        return str(Role(self.seen_role).label) if self.seen_role else ""

    @property
    def seen_unit_name(self) -> str:
        if self.actor_unit is not None:
            return self.actor_unit.name
        return getattr(self, "hit_unit_name", None) or ""


class AuditHit(AppendOnly):
    """One client shown by a list entry (action "search"): the list writes one signed entry
    whose `changes["shown"]` holds every client with the basis they were seen on, and one
    narrow row per client here, so that a client's access log finds it by index. `verify`
    checks these rows against the signed list."""

    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="hits")
    client = models.ForeignKey("registry.Client", on_delete=models.PROTECT, related_name="+")
    basis = models.CharField(max_length=20, choices=AuditEvent.Basis.choices)
    actor_role = models.CharField(max_length=20, blank=True, choices=Role.choices)
    actor_unit = models.ForeignKey(
        "organisation.OrganisationUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    emergency_access = models.ForeignKey(
        "access.EmergencyAccess",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        indexes = [models.Index(fields=["client", "event"])]
        constraints = [
            models.UniqueConstraint(fields=["event", "client"], name="one_hit_per_client")
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.client_id} {self.basis}"

    # The fields of a hit as the entry's signed list holds them, in this order.
    SIGNED = ("client_id", "basis", "actor_role", "actor_unit_id", "emergency_access_id")

    def signed(self) -> list[Any]:
        """The hit as the entry's signed list holds it."""
        return [getattr(self, name) for name in self.SIGNED]


class ChainLink(AppendOnly):
    """The audit trail's order, sealed: each link hashes the one before it with its entry's
    digest, so a missing, changed or inserted entry breaks the chain from there on.
    Append-only, like the entries; written by kasam.audit.chain.seal()."""

    position = models.PositiveBigIntegerField(unique=True)
    event = models.OneToOneField(AuditEvent, on_delete=models.PROTECT, related_name="link")
    chain = models.CharField(max_length=64)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position} {self.chain[:12]}"
