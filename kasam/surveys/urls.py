from django.urls import path

from kasam.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("<uuid:public_id>/", views.survey_detail, name="survey"),
    path("<uuid:public_id>/status/", views.set_status, name="status"),
    path("<uuid:public_id>/codes/", views.invite, name="invite"),
    path("<uuid:public_id>/paper/", views.paper, name="paper"),
    path("<uuid:public_id>/questions/", views.add_question, name="question-add"),
]
