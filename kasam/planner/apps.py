from django.apps import AppConfig


class PlannerConfig(AppConfig):
    name = "kasam.planner"
    label = "planner"

    def ready(self) -> None:
        from kasam.organisation.today import register
        from kasam.planner.selectors import todays_figures

        register("planner", todays_figures)
