from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "kasam.goals"
    label = "goals"
