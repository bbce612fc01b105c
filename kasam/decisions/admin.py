"""The service catalogue is an installation setting, corrected here. Decisions are not."""

from __future__ import annotations

from django.contrib import admin

from kasam.decisions.models import Service


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["code", "country", "name_en", "scope_unit", "max_scope", "active"]
    list_filter = ["country", "scope_unit", "active"]
    search_fields = ["code", "name_nb", "name_sv", "name_en"]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # decisions refer to it: set it out of use instead
