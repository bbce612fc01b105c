"""Perspectives and plan periods are configured here; goals are written on the goal pages."""

from __future__ import annotations

from django.contrib import admin

from kasam.goals.models import Perspective, PlanPeriod, Statement


@admin.register(Perspective)
class PerspectiveAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nb", "name_sv", "name_en", "order"]


class StatementInline(admin.StackedInline):
    model = Statement
    extra = 1


@admin.register(PlanPeriod)
class PlanPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_year", "ends_year", "closed_at"]
    readonly_fields = ["closed_at", "closed_by"]
    inlines = [StatementInline]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
