from django.urls import path

from kasam.access import views

app_name = "access"
urlpatterns = [
    path("emergency/", views.emergency_access, name="emergency-access"),
    path("reviews/", views.review_list, name="review-list"),
    path("reviews/<uuid:public_id>/", views.review, name="review"),
]
