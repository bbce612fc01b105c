from typing import Any

from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "kasam.visits"
    label = "visits"

    def ready(self) -> None:
        from kasam.core.signals import client_gone
        from kasam.registry.sections import Section, register

        client_gone.connect(_client_gone, weak=False, dispatch_uid="visits-client-gone")
        register(
            Section("visits/partials/client_continuity.html", _continuity, order=10, page="facts")
        )


def _continuity(request: Any, access: Any) -> dict[str, Any]:
    from kasam.visits.continuity import staff_count

    return {"continuity": staff_count(access.client)}


def _client_gone(client_id: int, since: Any, **_kwargs: Any) -> None:
    """No visits are planned for a client from the day they are gone; documented ones stay."""
    from kasam.core.signals import bulk_written
    from kasam.visits.models import Visit

    planned = Visit.objects.filter(
        client_id=client_id, day__gte=since, checked_in_at__isnull=True, outcome=""
    )
    last = planned.order_by("-day").values_list("day", flat=True).first()
    if last is not None:
        planned.delete()
        bulk_written.send(sender=Visit, source="visits", first=since, last=last)
