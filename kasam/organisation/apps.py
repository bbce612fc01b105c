from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "kasam.organisation"
    label = "organisation"
