from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from kasam.api.views import obtain_auth_token
from kasam.assessments.api import CaseAssessments
from kasam.careplans.api import (
    ClientCoordinatedPlan,
    ClientPlan,
    GoalReviews,
    PlanAgree,
    PlanDecline,
    PlanDraft,
)
from kasam.cases.api import CaseViewSet
from kasam.decisions.api import CaseDecisions, DecisionAppeals, DecisionDetail, DecisionMake
from kasam.goals.api import GoalTree
from kasam.indicators.api import ImportValues, IndicatorList, IndicatorValues
from kasam.journal.api import ClientJournal
from kasam.organisation.api import StaffViewSet, UnitViewSet
from kasam.planner.api import Places, RunDetail, RunPublish, Runs, Shifts, Skills
from kasam.quality.api import DeviationDetail, Deviations, FeedbackList, Sessions
from kasam.registry.api import ClientViewSet
from kasam.screening.api import ClientScreenings
from kasam.surveys.api import SurveyList, SurveyResults
from kasam.visits.api import CheckIn, CheckOut, Worklist

router = SimpleRouter()
router.register("clients", ClientViewSet, basename="client")
router.register("units", UnitViewSet, basename="unit")
router.register("staff", StaffViewSet, basename="staff")
router.register("cases", CaseViewSet, basename="case")

CASE = "v1/cases/<uuid:public_id>/"
DECISION = "v1/decisions/<uuid:decision_id>/"

urlpatterns = [
    path("v1/", include(router.urls)),
    path(f"{CASE}assessments/", CaseAssessments.as_view(), name="case-assessments"),
    path("v1/clients/<uuid:public_id>/plan/", ClientPlan.as_view(), name="client-plan"),
    path("v1/plans/<uuid:version_id>/", PlanDraft.as_view(), name="plan-draft"),
    path("v1/goals/", GoalTree.as_view(), name="goal-tree"),
    path("v1/deviations/", Deviations.as_view(), name="deviations"),
    path("v1/deviations/<uuid:public_id>/", DeviationDetail.as_view(), name="deviation"),
    path("v1/feedback/", FeedbackList.as_view(), name="feedback"),
    path("v1/participation/", Sessions.as_view(), name="participation"),
    path("v1/surveys/", SurveyList.as_view(), name="surveys"),
    path("v1/surveys/<uuid:public_id>/results/", SurveyResults.as_view(), name="survey-results"),
    path("v1/indicators/", IndicatorList.as_view(), name="indicator-list"),
    path("v1/indicators/imports/", ImportValues.as_view(), name="indicator-import"),
    path("v1/indicators/<slug:code>/values/", IndicatorValues.as_view(), name="indicator-values"),
    path("v1/plans/<uuid:version_id>/agree/", PlanAgree.as_view(), name="plan-agree"),
    path("v1/plans/<uuid:version_id>/decline/", PlanDecline.as_view(), name="plan-decline"),
    path(
        "v1/plans/<uuid:version_id>/goals/<int:position>/reviews/",
        GoalReviews.as_view(),
        name="plan-goal-reviews",
    ),
    path(
        "v1/clients/<uuid:public_id>/coordinated-plan/",
        ClientCoordinatedPlan.as_view(),
        name="client-coordinated-plan",
    ),
    path("v1/clients/<uuid:public_id>/journal/", ClientJournal.as_view(), name="client-journal"),
    path(
        "v1/clients/<uuid:public_id>/screenings/",
        ClientScreenings.as_view(),
        name="client-screenings",
    ),
    path("v1/worklist/", Worklist.as_view(), name="worklist"),
    path("v1/visits/<uuid:visit_id>/check-in/", CheckIn.as_view(), name="visit-check-in"),
    path("v1/planner/shifts/", Shifts.as_view(), name="planner-shifts"),
    path("v1/planner/skills/", Skills.as_view(), name="planner-skills"),
    path("v1/planner/places/", Places.as_view(), name="planner-places"),
    path("v1/planner/runs/", Runs.as_view(), name="planner-runs"),
    path("v1/planner/runs/<uuid:run_id>/", RunDetail.as_view(), name="planner-run"),
    path("v1/planner/runs/<uuid:run_id>/publish/", RunPublish.as_view(), name="planner-publish"),
    path("v1/visits/<uuid:visit_id>/check-out/", CheckOut.as_view(), name="visit-check-out"),
    path(f"{CASE}decisions/", CaseDecisions.as_view(), name="case-decisions"),
    path(DECISION, DecisionDetail.as_view(), name="decision-detail"),
    path(f"{DECISION}make/", DecisionMake.as_view(), name="decision-make"),
    path(f"{DECISION}appeals/", DecisionAppeals.as_view(), name="decision-appeals"),
    path("v1/auth/token/", obtain_auth_token, name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]
