from django.urls import path

from kasam.decisions import views

app_name = "decisions"

D = "<uuid:public_id>/decisions/<uuid:decision_id>/"

urlpatterns = [
    path("reviews/", views.reviews, name="reviews"),
    path("<uuid:public_id>/decisions/new/", views.decision_new, name="decision-new"),
    path(D, views.decision_detail, name="decision-detail"),
    path(f"{D}edit/", views.decision_edit, name="decision-edit"),
    path(f"{D}make/", views.decision_make, name="decision-make"),
    path(f"{D}letter-preview.pdf", views.letter_preview, name="letter-preview"),
    path(f"{D}revise/", views.decision_revise, name="decision-revise"),
    path(f"{D}appeals/", views.appeal_new, name="appeal-new"),
    path(f"{D}letters/<uuid:letter_id>.pdf", views.letter_pdf, name="letter-pdf"),
    path(
        "<uuid:public_id>/appeals/<uuid:appeal_id>/settle/",
        views.appeal_settle,
        name="appeal-settle",
    ),
]
