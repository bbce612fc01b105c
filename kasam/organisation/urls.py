from django.urls import path

from kasam.organisation import views

app_name = "organisation"
urlpatterns = [
    path("", views.unit_list, name="unit-list"),
    path("today/", views.today, name="today"),
    path("away/", views.away, name="away"),
    path("away/<uuid:public_id>/back/", views.back, name="away-back"),
    path("<uuid:public_id>/", views.unit_detail, name="unit-detail"),
]
