from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from kasam.audit.models import AuditEvent
from kasam.core.roles import Role
from kasam.core.serializer_fields import NationalIdField
from kasam.registry.models import Client, Relative, status_since_needed
from kasam.registry.selectors import SORTS

_ADDRESS_FIELDS = ("address", "postal_code", "city")


class ClientSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    national_id = serializers.SerializerMethodField()
    contact_person = serializers.UUIDField(
        source="contact_person.public_id", read_only=True, default=None
    )
    case_handler = serializers.UUIDField(
        source="case_handler.public_id", read_only=True, default=None
    )
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        help_text="The version you read; a change must send it, and is refused with 409 "
        "if someone saved the client since.",
    )

    class Meta:
        model = Client
        fields = [
            "id",
            "version",
            "national_id",
            "birth_date",
            "first_name",
            "last_name",
            "address",
            "postal_code",
            "city",
            "phone",
            "preferred_language",
            "interpreter_needed",
            "status",
            "status_since",
            "protected_identity",
            "contact_person",
            "case_handler",
        ]
        read_only_fields = ["birth_date"]
        # Shown as null when the client has a protected identity; null sent means empty.
        extra_kwargs = {name: {"allow_null": True} for name in _ADDRESS_FIELDS}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        client = self.instance if isinstance(self.instance, Client) else None
        status = attrs.get("status", client.status if client else Client.Status.ACTIVE)
        since = attrs.get("status_since", client.status_since if client else None)
        if status in Client.GONE and since is None:
            raise serializers.ValidationError({"status_since": [status_since_needed()]})
        return {k: "" if k in _ADDRESS_FIELDS and v is None else v for k, v in attrs.items()}

    def get_national_id(self, client: Client) -> str:
        return client.national_id_display

    def to_representation(self, instance: Client) -> dict[str, Any]:
        data = super().to_representation(instance)
        if instance.protected_identity:
            for name in _ADDRESS_FIELDS:
                data[name] = None
        return data


class ClientCreateSerializer(ClientSerializer):
    national_id = NationalIdField()  # type: ignore[assignment]
    unit = serializers.UUIDField(write_only=True)

    class Meta(ClientSerializer.Meta):
        fields = [*ClientSerializer.Meta.fields, "unit"]

    def validate_national_id(self, value: Any) -> Any:
        if Client.objects.filter(national_id=value.number).exists():
            raise serializers.ValidationError(_("A client with this number is already registered."))
        return value


class ClientQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, max_length=100, allow_blank=True)
    ordering = serializers.ChoiceField(required=False, choices=list(SORTS))


class RelativeSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = Relative
        fields = [
            "id",
            "first_name",
            "last_name",
            "relation",
            "role",
            "consent_to_information",
            "phone",
            "email",
            "address",
        ]


class AccessLogEntrySerializer(serializers.ModelSerializer):
    who = serializers.CharField(source="actor.display_name")
    unit = serializers.CharField(source="seen_unit_name", default="")
    actor_role = serializers.ChoiceField(source="seen_role", choices=Role.choices, allow_blank=True)
    basis = serializers.ChoiceField(
        source="seen_basis", choices=AuditEvent.Basis.choices, allow_blank=True
    )

    class Meta:
        model = AuditEvent
        fields = ["occurred_at", "who", "actor_role", "unit", "action", "basis"]
