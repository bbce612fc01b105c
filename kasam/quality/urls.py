from django.urls import path

from kasam.quality import feedback_views, improvement_views, participation_views, views

app_name = "quality"

urlpatterns = [
    path("deviations/", views.deviation_list, name="list"),
    path("deviations/new/", views.report, name="report"),
    path("deviations/<uuid:public_id>/", views.deviation_detail, name="deviation"),
    path("deviations/<uuid:public_id>/move/", views.move, name="move"),
    path("deviations/<uuid:public_id>/measures/", views.add_measure, name="measure-add"),
    path(
        "deviations/<uuid:public_id>/measures/<uuid:measure_id>/done/",
        views.complete_measure,
        name="measure-done",
    ),
    path("feedback/", feedback_views.feedback_list, name="feedback-list"),
    path("feedback/new/", feedback_views.register_feedback, name="feedback-register"),
    path("feedback/<uuid:public_id>/", feedback_views.feedback_detail, name="feedback"),
    path("feedback/<uuid:public_id>/answer/", feedback_views.answer, name="feedback-answer"),
    path("feedback/<uuid:public_id>/appeal/", feedback_views.to_appeal, name="feedback-appeal"),
    path("statistics/", improvement_views.statistics, name="statistics"),
    path("improvements/", improvement_views.improvement_list, name="improvements"),
    path(
        "improvements/<uuid:public_id>/", improvement_views.improvement_detail, name="improvement"
    ),
    path(
        "improvements/<uuid:public_id>/phase/",
        improvement_views.advance,
        name="improvement-advance",
    ),
    path(
        "improvements/<uuid:public_id>/actions/",
        improvement_views.add_action,
        name="improvement-action",
    ),
    path(
        "improvements/<uuid:public_id>/actions/<uuid:action_id>/done/",
        improvement_views.finish_action,
        name="improvement-action-done",
    ),
    path(
        "improvements/<uuid:public_id>/measurements/",
        improvement_views.add_measurement,
        name="improvement-measure",
    ),
    path("participation/", participation_views.session_list, name="sessions"),
    path("participation/<uuid:public_id>/", participation_views.session_detail, name="session"),
    path(
        "participation/<uuid:public_id>/step/",
        participation_views.session_step,
        name="session-step",
    ),
    path(
        "participation/units/<uuid:public_id>/",
        participation_views.unit_sessions,
        name="unit-sessions",
    ),
]
