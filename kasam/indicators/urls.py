from django.urls import path

from kasam.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("import/", views.import_values, name="import"),
    path("close/", views.close_period, name="close"),
    path("export.<str:kind>", views.export, name="export"),
    path("<slug:code>/", views.indicator, name="indicator"),
    path("<slug:code>/records/", views.records, name="records"),
    path("<slug:code>/values/", views.enter_value, name="enter-value"),
]
