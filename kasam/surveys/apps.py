from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SurveysConfig(AppConfig):
    name = "kasam.surveys"
    label = "surveys"

    def ready(self) -> None:
        from kasam.surveys.live import register

        register()  # survey results join the indicator registry
        for name in ("Response", "Survey"):
            model = self.get_model(name)
            post_save.connect(_written, sender=model, dispatch_uid=f"surveys-{name}")
            post_delete.connect(_written, sender=model, dispatch_uid=f"surveys-d-{name}")


def _written(**_kwargs: Any) -> None:
    from kasam.indicators.cache import touch

    touch("surveys")
