from django.urls import path

from kasam.audit import views

app_name = "audit"
urlpatterns = [
    path("<uuid:public_id>/access-log/", views.access_log, name="access-log"),
    path("<uuid:public_id>/access-log.csv", views.access_log_csv, name="access-log-csv"),
    path("<uuid:public_id>/access-log.pdf", views.access_log_pdf, name="access-log-pdf"),
]
