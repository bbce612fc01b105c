from django.urls import path

from kasam.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<uuid:public_id>/", views.job, name="job"),
    path("<uuid:public_id>/download/", views.download, name="download"),
    path("<uuid:public_id>/retry/", views.retry, name="retry"),
]
