from django.urls import path

from kasam.careplans import views

app_name = "careplans"

V = "<uuid:public_id>/plan/<int:number>/"

urlpatterns = [
    path("plans/overdue/", views.overdue, name="overdue"),
    path("<uuid:public_id>/plan/", views.plan, name="plan"),
    path("<uuid:public_id>/plan/new/", views.start, name="start"),
    path("<uuid:public_id>/plan/coordinated/", views.coordinated_plan, name="coordinated"),
    path("<uuid:public_id>/plan/choices/", views.choose, name="choose"),
    path("<uuid:public_id>/plan/choices/<uuid:choice_id>/end/", views.unchoose, name="unchoose"),
    path(V, views.version, name="version"),
    path(f"{V}print.pdf", views.version_pdf, name="version-pdf"),
    path(f"{V}agree/", views.agree, name="agree"),
    path(f"{V}decline/", views.decline, name="decline"),
    path(f"{V}review/", views.review, name="review"),
    path(f"{V}goals/<int:position>/review/", views.review_goal, name="goal-review"),
]
