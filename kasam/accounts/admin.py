from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from kasam.accounts.models import User


@admin.register(User)
class StaffAdmin(UserAdmin, SimpleHistoryAdmin):
    """Administrators manage staff here. Client records are deliberately not in the admin:
    they are reached only through the audited pages and API."""

    fieldsets = (*(UserAdmin.fieldsets or ()), ("Kasam", {"fields": ("title", "language")}))

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # deactivate instead: audit entries refer to staff
