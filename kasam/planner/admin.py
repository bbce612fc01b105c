"""Administrators keep staff skills and shifts here (installations usually import shifts
from their rota). Client coordinates are not in the admin: they are where a person lives."""

from __future__ import annotations

from django.contrib import admin

from kasam.planner.models import Shift, Skill


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("user", "code")
    list_filter = ("code",)
    search_fields = ("user__first_name", "user__last_name", "user__username")


@admin.register(Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ("day", "user", "unit", "starts", "ends", "mode", "break_minutes")
    list_filter = ("day", "unit", "mode")
    search_fields = ("user__first_name", "user__last_name", "user__username")
    date_hierarchy = "day"
