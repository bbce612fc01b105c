"""Response headers every page of Kasam carries."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.core.models import Submission


class NoStoreMiddleware:
    """Nothing Kasam answers is kept by the browser or a proxy: after logging out, the back
    button must not show health data. (Static files are answered earlier, by WhiteNoise,
    with their own long-lived headers.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(response, "cacheable", False):  # brand.css: the same for everyone
            response["Cache-Control"] = "no-store, private"
        return response


class IdleTimeoutMiddleware:
    """The idle timeout without a session write on every request: a logged-in session is
    saved again (renewing its expiry) once KASAM_SESSION_RENEW_SECONDS have passed since it
    was last renewed, so a session ends between SESSION_COOKIE_AGE minus that and
    SESSION_COOKIE_AGE after the last request."""

    KEY = "_renewed"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.session_key and "_auth_user_id" in session:
            now = int(timezone.now().timestamp())
            if now - int(session.get(self.KEY, 0)) >= settings.KASAM_SESSION_RENEW_SECONDS:
                session[self.KEY] = now  # modified: saved, with a new expiry
        return self.get_response(request)


class OncePerSubmissionMiddleware:
    """Every form page gives its POST forms a one-time key (static/kasam/kasam.js). The first
    send of a key runs the view; while it runs, the same key is refused (409); after it saved
    (a redirect), the same key leads to where the first send led, without saving again. A
    send that saved nothing (a form shown again with its errors) frees the key."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = _submission_key(request)
        if key is None:
            return self.get_response(request)
        user_id = getattr(request.user, "pk", None)
        try:
            with transaction.atomic():
                Submission.objects.create(key=key, user_id=user_id)
        except IntegrityError:
            return _repeated(request, key, user_id)
        if key.int % 100 == 0:  # now and then, forget keys nobody will send again
            day_before_yesterday = timezone.now() - datetime.timedelta(days=2)
            Submission.objects.filter(created_at__lt=day_before_yesterday).delete()
        try:
            response = self.get_response(request)
        except BaseException:
            Submission.objects.filter(key=key).delete()
            raise
        if response.status_code in (301, 302, 303):
            Submission.objects.filter(key=key).update(location=response["Location"][:2000])
        else:
            Submission.objects.filter(key=key).delete()
        return response


def _submission_key(request: HttpRequest) -> uuid.UUID | None:
    if request.method != "POST" or request.path.startswith("/api/"):
        return None
    if not (request.content_type or "").startswith(("application/x-www-form", "multipart/form")):
        return None
    try:
        return uuid.UUID(request.POST.get("_submission", ""))
    except (ValueError, RequestDataTooBig, MultiPartParserError):
        return None


def _repeated(request: HttpRequest, key: uuid.UUID, user_id: int | None) -> HttpResponse:
    earlier = Submission.objects.filter(key=key).first()
    if earlier is not None and earlier.user_id == user_id and earlier.location:
        messages.info(request, _("This was already saved; it was not saved twice."))
        return HttpResponseRedirect(earlier.location)
    message = _("This form is being sent already. Wait a moment, then reload the page.")
    return render(request, "409.html", {"message": message}, status=409)


class NotFoundPageMiddleware:
    """A page that raises Http404 answers with Kasam's own "not found" page in the user's
    language, also while DEBUG is on (Django would show its technical page, with the URL
    list, to someone who opened a record they have no access to). An address that matches
    no route still gets Django's page in development; the API answers in JSON on its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, Http404):
            return None
        return render(request, "404.html", status=404)
