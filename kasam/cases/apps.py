from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "kasam.cases"
    label = "cases"
