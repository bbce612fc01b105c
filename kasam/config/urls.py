from django.contrib import admin
from django.urls import include, path

from kasam.accounts.views import choose_language
from kasam.core.views import brand_css, healthz, manifest, service_worker
from kasam.organisation.views import home
from kasam.quality.feedback_views import public_feedback
from kasam.surveys.views import answer as survey_answer

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("brand.css", brand_css, name="brand-css"),
    path("sw.js", service_worker, name="service-worker"),
    path("manifest.webmanifest", manifest, name="manifest"),
    path("accounts/", include("kasam.accounts.urls")),
    path("i18n/setlang/", choose_language, name="set_language"),
    path("clients/", include("kasam.registry.urls")),
    path("clients/", include("kasam.access.log_urls")),
    path("clients/", include("kasam.careplans.urls")),
    path("clients/", include("kasam.journal.urls")),
    path("clients/", include("kasam.screening.urls")),
    path("visits/", include("kasam.visits.urls")),
    path("planner/", include("kasam.planner.urls")),
    path("indicators/", include("kasam.indicators.urls")),
    path("goals/", include("kasam.goals.urls")),
    path("quality/", include("kasam.quality.urls")),
    path("feedback/", public_feedback, name="public-feedback"),
    path("surveys/", include("kasam.surveys.urls")),
    path("survey/", survey_answer, name="survey-answer"),
    path("cases/", include("kasam.cases.urls")),
    path("cases/", include("kasam.assessments.urls")),
    path("cases/", include("kasam.decisions.urls")),
    path("units/", include("kasam.organisation.urls")),
    path("access/", include("kasam.access.urls")),
    path("jobs/", include("kasam.jobs.urls")),
    path("api/", include("kasam.api.urls")),
    path("fhir/r4/", include("kasam.interop.urls")),
    path("registers/", include("kasam.interop.register_urls")),
    path("admin/", admin.site.urls),
]
