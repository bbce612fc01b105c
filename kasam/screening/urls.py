from django.urls import path

from kasam.screening import views

app_name = "screening"

urlpatterns = [
    path("screening/overdue/", views.overdue, name="overdue"),
    path("<uuid:public_id>/screening/", views.screening, name="screening"),
]
