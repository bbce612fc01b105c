from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

from kasam.core.signals import bulk_written, source_changed

# Which source counter each model's writes raise (see cache.py); visits per month.
SOURCES = {
    "cases.Case": "cases",
    "cases.CaseDeadline": "cases",
    "decisions.Decision": "decisions",
    "decisions.DecisionLine": "decisions",
    "careplans.PlanVersion": "plans",
    "careplans.PlanReview": "plans",
    "registry.ServiceLink": "links",
    "access.EmergencyAccess": "emergency",
    "visits.Visit": "visits",
}


class IndicatorsConfig(AppConfig):
    name = "kasam.indicators"
    label = "indicators"

    def ready(self) -> None:
        for label, source in SOURCES.items():
            model = self.apps.get_model(label)  # type: ignore[union-attr]
            handler = _visit_written if source == "visits" else _written(source)
            post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"ind-{label}")
            post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"ind-d-{label}")
        bulk_written.connect(_bulk_written, weak=False, dispatch_uid="ind-bulk")
        source_changed.connect(_source_changed, weak=False, dispatch_uid="ind-source")

        from kasam.indicators import exports
        from kasam.jobs.registry import register

        register(exports.KIND, exports.produce)


def _written(source: str) -> Any:
    def handler(**_kwargs: Any) -> None:
        from kasam.indicators.cache import touch

        touch(source)

    return handler


def _source_changed(source: str, **_kwargs: Any) -> None:
    from kasam.indicators.cache import touch

    touch(source)


def _bulk_written(source: str, first: Any, last: Any, **_kwargs: Any) -> None:
    from kasam.indicators.cache import touch_months

    touch_months(source, first, last)


def _visit_written(instance: Any, **_kwargs: Any) -> None:
    from kasam.indicators.cache import month_source, touch

    touch(month_source("visits", instance.day))
