from django.urls import path

from kasam.goals import views

app_name = "goals"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("report.pdf", views.report, name="report"),
    path("report.docx", views.report, {"kind": "docx"}, name="report-docx"),
    path("periods/<uuid:public_id>/close/", views.close, name="close"),
    path("goal/<uuid:public_id>/", views.goal_detail, name="goal"),
    path("goal/<uuid:public_id>/actions/", views.add_action, name="action-add"),
    path("goal/<uuid:public_id>/break-down/", views.break_down, name="break-down"),
    path("actions/<uuid:public_id>/", views.follow_up, name="action-follow-up"),
    path("principles/<uuid:public_id>/", views.principle, name="principle"),
]
