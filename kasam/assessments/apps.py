from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "kasam.assessments"
    label = "assessments"

    def ready(self) -> None:
        from kasam.assessments import views
        from kasam.cases.sections import Section, register

        register(Section("assessments/partials/case_section.html", views.case_section, order=10))
