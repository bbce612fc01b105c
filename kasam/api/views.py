from __future__ import annotations

from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.settings import api_settings

from kasam.core.limits import limit_posts


class TokenRequest(AuthTokenSerializer):
    """As REST framework's, with the lengths a username and a password can have (a longer
    one is refused before the login is tried, and logged, as the login page does)."""

    username = serializers.CharField(label="Username", max_length=150, write_only=True)
    password = serializers.CharField(
        label="Password",
        max_length=4096,
        style={"input_type": "password"},
        trim_whitespace=False,
        write_only=True,
    )


class TokenView(ObtainAuthToken):
    """A token for username and password; bodies parsed like every other API request."""

    parser_classes = api_settings.DEFAULT_PARSER_CLASSES  # type: ignore[assignment]
    serializer_class = TokenRequest


obtain_auth_token = limit_posts("token")(TokenView.as_view())
