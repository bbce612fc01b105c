from django.urls import path

from kasam.visits import views

app_name = "visits"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("clients/", views.my_clients, name="my-clients"),
    path("board/", views.day_board, name="board"),
    path("handover/", views.handover, name="handover"),
    path("board/continuity/", views.board_continuity, name="board-continuity"),
    path("<uuid:public_id>/assign/", views.assign, name="assign"),
    path("board/assign/", views.assign_many, name="assign-many"),
    path("<uuid:public_id>/", views.visit_detail, name="visit"),
    path("<uuid:public_id>/check-in/", views.check_in, name="check-in"),
    path("<uuid:public_id>/check-out/", views.check_out, name="check-out"),
]
