from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "kasam.screening"
    label = "screening"
