from django.urls import path

from kasam.interop import views

app_name = "fhir"
urlpatterns = [
    path("metadata", views.Metadata.as_view(), name="metadata"),
    path("Patient", views.PatientSearch.as_view(), name="patient-search"),
    path("Patient/<str:public_id>", views.PatientRead.as_view(), name="patient"),
]
