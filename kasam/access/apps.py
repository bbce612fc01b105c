from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "kasam.access"
    label = "access"

    def ready(self) -> None:
        from kasam.access import log_exports
        from kasam.jobs.registry import register

        register(log_exports.KIND, log_exports.produce)
