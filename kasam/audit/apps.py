from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kasam.audit"
    label = "audit"
