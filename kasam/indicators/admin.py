"""Indicator definitions, targets and thresholds are installation settings, corrected here.
Stored values are not: they are imported, entered with a comment, or frozen by closing."""

from __future__ import annotations

from django.contrib import admin

from kasam.indicators.models import Indicator, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "source", "measure", "direction", "target", "active"]
    list_filter = ["source", "measure", "active"]
    search_fields = ["code", "name_nb", "name_sv", "name_en", "external_code"]
    inlines = [TargetInline]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # A shipped live indicator's code ties it to its computation in live.py.
        return ["code", "source"] if obj is not None and obj.source == "live" else []

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # goals and stored values refer to it: set it out of use instead
