from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "kasam.interop"
    label = "interop"
