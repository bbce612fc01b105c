from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "kasam.jobs"
    label = "jobs"
