from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import serializers

from kasam.core.national_id import InvalidNationalId, NationalId, parse_national_id


class NationalIdField(serializers.CharField):
    """Accepts a national ID of the installation's country; returns a NationalId."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=20, **kwargs)

    def to_internal_value(self, data: Any) -> NationalId:  # type: ignore[override]
        text = super().to_internal_value(data)
        try:
            return parse_national_id(
                text, country=settings.KASAM_COUNTRY, allow_test=settings.KASAM_ALLOW_TEST_IDS
            )
        except InvalidNationalId as error:
            raise serializers.ValidationError(error.message) from error
