from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class QualityConfig(AppConfig):
    name = "kasam.quality"
    label = "quality"

    def ready(self) -> None:
        from kasam.organisation.today import register as add_figures
        from kasam.quality.selectors import todays_figures

        add_figures("quality", todays_figures)
        from kasam.quality.selectors import handover_deviations
        from kasam.visits.handover import HANDOVER, Section

        template = "quality/partials/handover_deviations.html"
        HANDOVER.register(Section(template, handover_deviations, order=30, page="handover"))
        from kasam.quality.live import register

        register()  # the deviation indicators join the registry
        model = self.get_model("Deviation")
        post_save.connect(_written, sender=model, dispatch_uid="quality-deviation")
        post_delete.connect(_written, sender=model, dispatch_uid="quality-deviation-d")


def _written(instance: Any, **_kwargs: Any) -> None:
    from django.utils import timezone

    from kasam.indicators.cache import month_source, touch

    touch("deviations", month_source("deviations", timezone.localdate(instance.occurred_at)))
