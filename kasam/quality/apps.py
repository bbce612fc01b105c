from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "kasam.quality"
    label = "quality"
