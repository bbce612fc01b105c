from typing import Any

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "kasam.cases"
    label = "cases"

    def ready(self) -> None:
        from kasam.access.bases import register
        from kasam.cases.access import CASE_WORK
        from kasam.registry.sections import Section
        from kasam.registry.sections import register as add_section

        register(CASE_WORK)
        add_section(Section("cases/partials/client_cases.html", _cases, order=10))


def _cases(request: Any, access: Any) -> dict[str, Any]:
    from kasam.accounts.requests import staff_user
    from kasam.cases.selectors import cases_of_client

    return {"cases": cases_of_client(staff_user(request), access)}
