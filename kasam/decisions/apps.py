from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "kasam.decisions"
    label = "decisions"

    def ready(self) -> None:
        from kasam.cases.sections import Section, register
        from kasam.decisions import views

        register(Section("decisions/partials/case_section.html", views.case_section, order=20))
        register(
            Section("decisions/partials/inbox_section.html", views.inbox_section, page="inbox")
        )
