from django.urls import path

from kasam.quality import views

app_name = "quality"

urlpatterns = [
    path("deviations/", views.deviation_list, name="list"),
    path("deviations/new/", views.report, name="report"),
    path("deviations/<uuid:public_id>/", views.deviation_detail, name="deviation"),
    path("deviations/<uuid:public_id>/move/", views.move, name="move"),
    path("deviations/<uuid:public_id>/measures/", views.add_measure, name="measure-add"),
]
