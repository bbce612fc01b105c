from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "kasam.access"
    label = "access"
