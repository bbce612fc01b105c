from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from kasam.assessments.models import Assessment, Scale, StartupPeriod
from kasam.cases.models import Case
from kasam.organisation.models import OrganisationUnit


def installation_scale() -> Scale | None:
    """The national scale of the installation's country (IPLOS or IBIC)."""
    return (
        Scale.objects.filter(country=settings.KASAM_COUNTRY)
        .prefetch_related("levels")
        .order_by("pk")
        .first()
    )


def assessments_of(case: Case) -> QuerySet[Assessment]:
    return case.assessments.select_related("made_by").order_by("-version")


def assessment_detail(case: Case, version: int) -> Assessment | None:
    return (
        case.assessments.select_related("made_by", "startup_period__team")
        .prefetch_related("scores__item", "scores__level")
        .filter(version=version)
        .first()
    )


def startup_periods_of(case: Case) -> QuerySet[StartupPeriod]:
    return case.startup_periods.select_related("team", "created_by")


def startup_teams() -> QuerySet[OrganisationUnit]:
    return OrganisationUnit.objects.filter(
        kind=OrganisationUnit.Kind.STARTUP_TEAM, archived_at__isnull=True
    )
