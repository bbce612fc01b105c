"""Journal notes of a client under /api/v1/clients/{id}/journal/."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kasam.access.selectors import get_client_for
from kasam.access.services import open_client
from kasam.accounts.models import User
from kasam.audit.services import Actor
from kasam.journal import services
from kasam.journal.models import JournalNote


class NoteSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    author = serializers.UUIDField(source="author.public_id", read_only=True)
    corrects = serializers.SlugRelatedField(
        slug_field="public_id",
        queryset=JournalNote.objects.all(),
        required=False,
        allow_null=True,
    )
    entered_in_error = serializers.BooleanField(read_only=True)
    submission_key = serializers.UUIDField(write_only=True)

    class Meta:
        model = JournalNote
        fields = [
            "id",
            "created_at",
            "author",
            "category",
            "text",
            "corrects",
            "entered_in_error",
            "submission_key",
        ]


class ClientJournal(APIView):
    @extend_schema(responses=NoteSerializer(many=True))
    def get(self, request: Request, public_id: str) -> Response:
        access = open_client(actor=Actor.from_request(request), public_id=public_id)
        notes = access.client.journal_notes.select_related("author", "corrects")[:200]
        return Response(NoteSerializer(notes, many=True).data)

    @extend_schema(request=NoteSerializer, responses={201: NoteSerializer})
    def post(self, request: Request, public_id: str) -> Response:
        user = request.user
        assert isinstance(user, User)
        access = get_client_for(user, public_id)
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        note = services.write_note(
            actor=Actor.from_request(request), access=access, **serializer.validated_data
        )
        return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)
