from django.urls import path

from kasam.assessments import views

app_name = "assessments"

urlpatterns = [
    path("<uuid:public_id>/assessments/new/", views.assessment_new, name="assessment-new"),
    path(
        "<uuid:public_id>/assessments/<int:version>/",
        views.assessment_detail,
        name="assessment-detail",
    ),
    path("<uuid:public_id>/start-up/new/", views.startup_new, name="startup-new"),
    path(
        "<uuid:public_id>/start-up/<uuid:period_id>/",
        views.startup_mapping,
        name="startup-mapping",
    ),
]
