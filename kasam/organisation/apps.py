from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "kasam.organisation"
    label = "organisation"

    def ready(self) -> None:
        from kasam.organisation.selectors import todays_figures
        from kasam.organisation.today import register

        register("organisation", todays_figures)
