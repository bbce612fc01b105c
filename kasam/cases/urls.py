from django.urls import path

from kasam.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.case_register, name="case-register"),
    path("<uuid:public_id>/", views.case_detail, name="case-detail"),
    path("<uuid:public_id>/edit/", views.case_edit, name="case-edit"),
    path("<uuid:public_id>/first-contact/", views.first_contact, name="first-contact"),
    path("<uuid:public_id>/status/", views.case_status, name="case-status"),
]
