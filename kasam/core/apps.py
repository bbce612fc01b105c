from django.apps import AppConfig
from django.db import models


class CoreConfig(AppConfig):
    name = "kasam.core"
    label = "core"

    def ready(self) -> None:
        from rest_framework.serializers import ModelSerializer

        from kasam.core.serializer_fields import ClockTime, Day, Moment

        # Every API date refuses what no care record can mean (year 1, year 9999).
        ModelSerializer.serializer_field_mapping[models.DateTimeField] = Moment
        ModelSerializer.serializer_field_mapping[models.DateField] = Day
        ModelSerializer.serializer_field_mapping[models.TimeField] = ClockTime
