from django.urls import path

from kasam.interop import views

app_name = "fhir"
urlpatterns = [
    path("metadata", views.Metadata.as_view(), name="metadata"),
    path("Patient", views.PatientSearch.as_view(), name="patient-search"),
    path("Patient/<str:public_id>", views.PatientRead.as_view(), name="patient"),
    path("Encounter", views.EncounterSearch.as_view(), name="encounter-search"),
    path("Encounter/<str:public_id>", views.EncounterRead.as_view(), name="encounter"),
    path("Organization", views.OrganizationSearch.as_view(), name="organization-search"),
    path("Organization/<str:public_id>", views.OrganizationRead.as_view(), name="organization"),
    path("CarePlan", views.CarePlanSearch.as_view(), name="careplan-search"),
    path("CarePlan/<str:public_id>", views.CarePlanRead.as_view(), name="careplan"),
    path("Goal", views.GoalSearch.as_view(), name="goal-search"),
    path("Goal/<str:public_id>", views.GoalRead.as_view(), name="goal"),
    path("RelatedPerson", views.RelatedPersonSearch.as_view(), name="relatedperson-search"),
    path("RelatedPerson/<str:public_id>", views.RelatedPersonRead.as_view(), name="relatedperson"),
    path("EpisodeOfCare", views.EpisodeOfCareSearch.as_view(), name="episodeofcare-search"),
    path("EpisodeOfCare/<str:public_id>", views.EpisodeOfCareRead.as_view(), name="episodeofcare"),
    path("ServiceRequest", views.ServiceRequestSearch.as_view(), name="servicerequest-search"),
    path(
        "ServiceRequest/<str:public_id>", views.ServiceRequestRead.as_view(), name="servicerequest"
    ),
    path("CareTeam", views.CareTeamSearch.as_view(), name="careteam-search"),
    path("CareTeam/<str:public_id>", views.CareTeamRead.as_view(), name="careteam"),
    path("Observation", views.ObservationSearch.as_view(), name="observation-search"),
    path("Observation/<str:public_id>", views.ObservationRead.as_view(), name="observation"),
    path("AuditEvent", views.AuditEventSearch.as_view(), name="auditevent-search"),
    path("MeasureReport", views.MeasureReportSearch.as_view(), name="measurereport-search"),
    path("$process-message", views.ProcessMessage.as_view(), name="process-message"),
]
