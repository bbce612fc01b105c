from django.urls import path

from kasam.journal import views

app_name = "journal"

urlpatterns = [
    path("<uuid:public_id>/journal/", views.journal, name="journal"),
    path("<uuid:public_id>/journal/<uuid:note_id>/correct/", views.correct, name="correct"),
]
