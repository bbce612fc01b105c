from django.apps import AppConfig


class CareplansConfig(AppConfig):
    name = "kasam.careplans"
    label = "careplans"

    def ready(self) -> None:
        from kasam.careplans.selectors import todays_figures
        from kasam.organisation.today import register

        register("careplans", todays_figures)
