from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "kasam.visits"
    label = "visits"
