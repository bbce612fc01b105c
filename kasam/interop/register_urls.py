from django.urls import path

from kasam.interop import register_views

app_name = "registers"
urlpatterns = [
    path("", register_views.registers, name="registers"),
    path("file/", register_views.make, name="make"),
]
