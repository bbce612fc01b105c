from typing import Any

from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "kasam.visits"
    label = "visits"

    def ready(self) -> None:
        from kasam.registry.sections import Section, register

        register(
            Section("visits/partials/client_continuity.html", _continuity, order=10, page="facts")
        )


def _continuity(request: Any, access: Any) -> dict[str, Any]:
    from kasam.visits.continuity import staff_count

    return {"continuity": staff_count(access.client)}
