from django.apps import AppConfig


class PlannerConfig(AppConfig):
    name = "kasam.planner"
    label = "planner"
