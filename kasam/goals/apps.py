from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "kasam.goals"
    label = "goals"

    def ready(self) -> None:
        from kasam.goals import reports
        from kasam.jobs.registry import register

        register(reports.KIND, reports.produce)
