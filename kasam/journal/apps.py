from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "kasam.journal"
    label = "journal"
