from django.urls import path

from kasam.interop import directory_views, export_views, record_views, views

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
    path("RelatedPerson", record_views.RelatedPersonSearch.as_view(), name="relatedperson-search"),
    path(
        "RelatedPerson/<str:public_id>",
        record_views.RelatedPersonRead.as_view(),
        name="relatedperson",
    ),
    path("EpisodeOfCare", record_views.EpisodeOfCareSearch.as_view(), name="episodeofcare-search"),
    path(
        "EpisodeOfCare/<str:public_id>",
        record_views.EpisodeOfCareRead.as_view(),
        name="episodeofcare",
    ),
    path(
        "ServiceRequest", record_views.ServiceRequestSearch.as_view(), name="servicerequest-search"
    ),
    path(
        "ServiceRequest/<str:public_id>",
        record_views.ServiceRequestRead.as_view(),
        name="servicerequest",
    ),
    path("CareTeam", record_views.CareTeamSearch.as_view(), name="careteam-search"),
    path("CareTeam/<str:public_id>", record_views.CareTeamRead.as_view(), name="careteam"),
    path("Observation", record_views.ObservationSearch.as_view(), name="observation-search"),
    path("Observation/<str:public_id>", record_views.ObservationRead.as_view(), name="observation"),
    path("AuditEvent", record_views.AuditEventSearch.as_view(), name="auditevent-search"),
    path(
        "MeasureReport", directory_views.MeasureReportSearch.as_view(), name="measurereport-search"
    ),
    path("Practitioner", directory_views.PractitionerSearch.as_view(), name="practitioner-search"),
    path(
        "Practitioner/<str:public_id>",
        directory_views.PractitionerRead.as_view(),
        name="practitioner",
    ),
    path(
        "PractitionerRole",
        directory_views.PractitionerRoleSearch.as_view(),
        name="practitionerrole-search",
    ),
    path(
        "PractitionerRole/<str:public_id>",
        directory_views.PractitionerRoleRead.as_view(),
        name="practitionerrole",
    ),
    path(
        "MeasureReport/$open-data",
        directory_views.MeasureReportOpenData.as_view(),
        name="measurereport-open-data",
    ),
    path("$export", export_views.ExportStart.as_view(), name="export"),
    path("Group/<str:public_id>/$export", export_views.ExportStart.as_view(), name="group-export"),
    path(
        "$export-status/<str:public_id>",
        export_views.ExportStatus.as_view(),
        name="export-status",
    ),
    path(
        "$export-file/<str:public_id>/<str:kind>.ndjson",
        export_views.ExportFile.as_view(),
        name="export-file",
    ),
    path("$process-message", views.ProcessMessage.as_view(), name="process-message"),
]
