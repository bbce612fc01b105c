from django.urls import path

from kasam.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.client_search, name="client-search"),
    path("new/", views.client_register, name="client-register"),
    path("<uuid:public_id>/", views.client_detail, name="client-detail"),
    path("<uuid:public_id>/edit/", views.client_edit, name="client-edit"),
    path("<uuid:public_id>/history/", views.client_history, name="client-history"),
    path("<uuid:public_id>/relatives/new/", views.relative_add, name="relative-add"),
    path(
        "<uuid:public_id>/relatives/<uuid:relative_id>/edit/",
        views.relative_edit,
        name="relative-edit",
    ),
    path(
        "<uuid:public_id>/relatives/<uuid:relative_id>/archive/",
        views.relative_archive,
        name="relative-archive",
    ),
    path("<uuid:public_id>/door/", views.client_door, name="client-door"),
    path("<uuid:public_id>/warnings/new/", views.warning_add, name="warning-add"),
    path(
        "<uuid:public_id>/warnings/<uuid:warning_id>/archive/",
        views.warning_archive,
        name="warning-archive",
    ),
    path("<uuid:public_id>/stays/new/", views.stay_add, name="stay-add"),
    path("<uuid:public_id>/stays/<uuid:stay_id>/home/", views.stay_end, name="stay-end"),
]
