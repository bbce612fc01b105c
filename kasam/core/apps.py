from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kasam.core"
    label = "core"
