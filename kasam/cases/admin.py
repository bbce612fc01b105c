"""Case types and their deadlines are installation settings, corrected here. Cases are not."""

from __future__ import annotations

from django.contrib import admin

from kasam.cases.models import CaseType, DeadlineRule


class DeadlineRuleInline(admin.TabularInline):
    model = DeadlineRule
    extra = 0


@admin.register(CaseType)
class CaseTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "country", "kind", "name_en", "active"]
    list_filter = ["country", "kind", "active"]
    inlines = [DeadlineRuleInline]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # cases refer to it: set it out of use instead
