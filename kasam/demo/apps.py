from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kasam.demo"
    label = "demo"
