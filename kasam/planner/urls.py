from django.urls import path

from kasam.planner import views

app_name = "planner"

urlpatterns = [
    path("", views.board, name="board"),
    path("start/", views.start, name="start"),
    path("runs/<uuid:public_id>/", views.run_status, name="run"),
    path("runs/<uuid:public_id>/cancel/", views.cancel, name="cancel"),
    path("runs/<uuid:public_id>/publish/", views.publish, name="publish"),
    path("visits/<uuid:public_id>/move/", views.move, name="move"),
]
