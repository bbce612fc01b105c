from typing import Any

from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "kasam.visits"
    label = "visits"

    def ready(self) -> None:
        from kasam.organisation.today import register as add_figures
        from kasam.visits.selectors import todays_figures

        add_figures("visits", todays_figures)
        from kasam.core.signals import serving_changed
        from kasam.registry.sections import Section, register

        serving_changed.connect(_serving_changed, weak=False, dispatch_uid="visits-serving")
        register(
            Section("visits/partials/client_continuity.html", _continuity, order=10, page="facts")
        )


def _continuity(request: Any, access: Any) -> dict[str, Any]:
    from kasam.visits.continuity import staff_count

    return {"continuity": staff_count(access.client)}


def _serving_changed(client_id: int, since: Any, **_kwargs: Any) -> None:
    from kasam.visits.generation import serving_changed

    serving_changed(client_id, since)
