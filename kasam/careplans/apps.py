from django.apps import AppConfig


class CareplansConfig(AppConfig):
    name = "kasam.careplans"
    label = "careplans"
