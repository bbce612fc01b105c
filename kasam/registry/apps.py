from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "kasam.registry"
    label = "registry"
