from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "kasam.access"
    label = "access"

    def ready(self) -> None:
        from kasam.access.selectors import todays_figures
        from kasam.organisation.today import register as add_figures

        add_figures("access", todays_figures)
        from kasam.access import log_exports
        from kasam.jobs.registry import register

        register(log_exports.KIND, log_exports.produce)
