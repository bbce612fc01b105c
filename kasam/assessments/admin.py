"""National scales (IPLOS, IBIC) are data an installation corrects here."""

from __future__ import annotations

from django.contrib import admin

from kasam.assessments.models import Scale, ScaleItem, ScaleLevel


class ItemInline(admin.TabularInline):
    model = ScaleItem
    extra = 0


class LevelInline(admin.TabularInline):
    model = ScaleLevel
    extra = 0


@admin.register(Scale)
class ScaleAdmin(admin.ModelAdmin):
    list_display = ["code", "country", "name_en", "describes_needs"]
    inlines = [ItemInline, LevelInline]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # assessments refer to it
