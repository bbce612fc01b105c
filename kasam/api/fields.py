from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kasam.core.national_id import InvalidNationalId, NationalId, format_stored, parse_national_id


@extend_schema_field(OpenApiTypes.STR)
class NationalIdField(serializers.Field):
    """Accepts a national ID of the installation's country; returns a NationalId."""

    def to_internal_value(self, data: Any) -> NationalId:
        if not isinstance(data, str) or len(data) > 20:
            raise serializers.ValidationError(
                _("Enter the number as text of at most 20 characters.")
            )
        try:
            return parse_national_id(
                data, country=settings.KASAM_COUNTRY, allow_test=settings.KASAM_ALLOW_TEST_IDS
            )
        except InvalidNationalId as error:
            raise serializers.ValidationError(error.message) from error

    def to_representation(self, value: Any) -> str:
        return format_stored(str(value))
