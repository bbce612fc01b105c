"""The national registers page: choose the period, see the preview with every problem by
person, make the file (a job when there is a worker), and the run log below."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from kasam.access.selectors import manages_municipality
from kasam.accounts.requests import staff_user
from kasam.audit.services import Actor
from kasam.core.errors import Refused
from kasam.core.forms import status_for
from kasam.core.views import paged, refuse
from kasam.interop.models import RegisterRun
from kasam.interop.registers import runs
from kasam.jobs.views import file_or_job


class PeriodForm(forms.Form):
    period = forms.CharField(label=_("Period"), max_length=7)

    def __init__(self, *args: object, register: runs.Register, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.register = register
        example = register.default_period(timezone.localdate())
        self.fields["period"].help_text = _("For example %(example)s.") % {"example": example}

    def clean_period(self) -> object:
        try:
            return self.register.parse(self.cleaned_data["period"])
        except Refused as error:
            raise forms.ValidationError(error.message) from error


def _register_for(request: HttpRequest) -> runs.Register:
    """This country's register, for the municipality's top manager; 404 for anyone else."""
    if not manages_municipality(staff_user(request)):
        raise Http404
    return runs.of_this_country()


@require_GET
def registers(request: HttpRequest) -> HttpResponse:
    register = _register_for(request)
    form = PeriodForm(request.GET or None, register=register)
    if not form.is_bound:
        form.initial["period"] = register.default_period(timezone.localdate())
    found = RegisterRun.objects.filter(register=register.code).select_related("made_by")
    page, pager_query = paged(request, found, 10)
    context: dict[str, object] = {
        "register": register,
        "form": form,
        "page": page,
        "pager_query": pager_query,
    }
    if form.is_bound and form.is_valid():
        actor = Actor.from_request(request)
        period = form.cleaned_data["period"]
        context["preview"] = runs.preview(actor=actor, register=register, period=period)
        return render(request, "interop/registers.html", context)
    return render(request, "interop/registers.html", context, status=status_for(form))


@require_POST
def make(request: HttpRequest) -> HttpResponse:
    register = _register_for(request)
    form = PeriodForm(request.POST, register=register)
    if not form.is_valid():
        return refuse(request, form, "registers:registers")
    actor = Actor.from_request(request)
    period = form.cleaned_data["period"]
    try:
        params = runs.params(actor=actor, register=register, period=period)
    except Refused as error:
        return refuse(request, error, "registers:registers", query={"period": period.code})
    title = _("%(register)s, %(period)s") % {"register": register.name, "period": period.code}
    return file_or_job(request, kind=runs.KIND, title=str(title), params=params)
