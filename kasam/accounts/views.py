from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as set_language_cookie

from kasam.accounts.forms import LanguageForm
from kasam.accounts.models import User
from kasam.core.limits import limit_posts


@method_decorator(limit_posts("login"), name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Store the staff member's language on their account (not only in a cookie)."""
    assert isinstance(request.user, User)
    form = LanguageForm(request.POST)
    if form.is_valid():
        request.user.language = form.cleaned_data["language"]
        request.user.save(update_fields=["language"])
        translation.activate(request.user.language)
    return HttpResponseRedirect(safe_next(request, request.POST.get("next", "")))


def safe_next(request: HttpRequest, target: str) -> str:
    """A path on this site to go back to, or the start page for anything else."""
    try:
        allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    except ValueError:  # not a URL at all
        allowed = False
    if not allowed or not target.startswith("/") or len(target) > 2000 or "\x00" in target:
        return "/"
    return target


@login_not_required
def choose_language(request: HttpRequest) -> HttpResponse:
    """The login page's language choice (Django's view), going back only to a page here."""
    if request.method == "POST":
        data = request.POST.copy()
        data["next"] = safe_next(request, data.get("next", ""))
        request.POST = data  # type: ignore[assignment]
    return set_language_cookie(request)


class LogoutView(auth_views.LogoutView):
    """Logging out also clears what the phone kept for use without a signal: today's visit
    pages and the outbox (the page warns first when something is not yet sent)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
