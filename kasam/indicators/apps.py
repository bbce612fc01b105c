from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "kasam.indicators"
    label = "indicators"
