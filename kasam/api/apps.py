from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kasam.api"
    label = "api"
