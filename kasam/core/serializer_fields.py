from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kasam.core.national_id import InvalidNationalId, NationalId, format_stored, parse_national_id
from kasam.core.validators import implausible_date_message, validate_plausible_date


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


# A public id in a URL: only the canonical form, so that a malformed id is a 404 at the router
# instead of a crash in the database lookup.
UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


class Moment(serializers.DateTimeField):
    """A point in time a care record can mean (no year 1 or 9999)."""

    default_validators = [validate_plausible_date]

    def to_internal_value(self, value: Any) -> datetime.datetime:
        try:
            return super().to_internal_value(value)
        except OverflowError as error:  # REST framework's time zone check on year 1
            raise serializers.ValidationError(implausible_date_message()) from error


class Day(serializers.DateField):
    """A date a care record can mean (no year 1 or 9999)."""

    default_validators = [validate_plausible_date]


@extend_schema_field(
    {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$", "example": "08:00"}
)
class ClockTime(serializers.TimeField):
    """A time of day on the municipality's clock, without a time zone (08:00, 13:30:00); the
    schema says so, since OpenAPI's "time" format requires an offset."""
