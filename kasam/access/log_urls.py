from django.urls import path

from kasam.access import log_views as views

app_name = "audit"  # the client's access log: kept under the name it always had
urlpatterns = [
    path("<uuid:public_id>/access-log/", views.access_log, name="access-log"),
    path("<uuid:public_id>/access-log.csv", views.access_log_csv, name="access-log-csv"),
    path("<uuid:public_id>/access-log.pdf", views.access_log_pdf, name="access-log-pdf"),
]
