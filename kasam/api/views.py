from __future__ import annotations

from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.settings import api_settings

from kasam.core.limits import limit_posts


class TokenView(ObtainAuthToken):
    """A token for username and password; bodies parsed like every other API request."""

    parser_classes = api_settings.DEFAULT_PARSER_CLASSES  # type: ignore[assignment]


obtain_auth_token = limit_posts("token")(TokenView.as_view())
