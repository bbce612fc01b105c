from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kasam.organisation.models import Membership, OrganisationUnit


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "archived_at"]
    list_filter = ["kind"]
    search_fields = ["name"]
    readonly_fields = ["path"]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # archive instead


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "unit", "role", "starts_on", "ends_on"]
    list_filter = ["role", "unit__kind"]
    search_fields = ["user__username", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # end the membership instead
