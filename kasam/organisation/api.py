from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import serializers, viewsets

from kasam.accounts.models import User
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.organisation.selectors import active_units


class UnitSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    parent = serializers.UUIDField(  # type: ignore[assignment]
        source="parent.public_id", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = OrganisationUnit
        fields = ["id", "name", "kind", "parent"]


class MembershipSerializer(serializers.ModelSerializer):
    unit = serializers.UUIDField(source="unit.public_id", read_only=True)

    class Meta:
        model = Membership
        fields = ["unit", "role", "starts_on", "ends_on"]


class StaffSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(source="display_name", read_only=True)
    memberships = MembershipSerializer(source="current_memberships", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "name", "title", "memberships"]


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """The organisation tree: municipality, areas, units and teams."""

    serializer_class = UnitSerializer
    lookup_field = "public_id"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return active_units().select_related("parent")


class StaffViewSet(viewsets.ReadOnlyModelViewSet):
    """Staff members and their roles in units (no client data)."""

    serializer_class = StaffSerializer
    lookup_field = "public_id"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        current = Membership.objects.current().select_related("unit")
        return User.objects.filter(is_active=True).prefetch_related(
            Prefetch("memberships", queryset=current, to_attr="current_memberships")
        )
