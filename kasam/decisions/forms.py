from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kasam.core.forms import set_queryset
from kasam.decisions.models import Appeal, DecisionLine, Service
from kasam.decisions.services import Line
from kasam.organisation.models import OrganisationUnit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    justification = forms.CharField(
        label=_("Reasons"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5})
    )


class LineForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.none())
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", "–"), *DecisionLine.Outcome.choices]
    )
    scope = forms.DecimalField(label=_("Scope"), required=False, max_digits=6, decimal_places=2)
    starts_on = forms.DateField(label=_("Starts"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends"), required=False, widget=DATE)
    review_on = forms.DateField(label=_("Review date"), required=False, widget=DATE)
    provider = forms.ModelChoiceField(
        label=_("Providing unit"), queryset=OrganisationUnit.objects.none(), required=False
    )
    justification = forms.CharField(
        label=_("Justification"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        services: QuerySet[Service],
        providers: QuerySet[OrganisationUnit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("service", services), ("provider", providers)):
            set_queryset(self, name, queryset)

    def line(self) -> Line:
        return Line(**self.cleaned_data)


class BaseLineFormSet(forms.BaseFormSet):
    def lines(self) -> list[Line]:
        return [form.line() for form in self.forms if form.has_changed() and form.cleaned_data]


def line_formset(
    data: Any,
    *,
    services: QuerySet[Service],
    providers: QuerySet[OrganisationUnit],
    initial: list[dict[str, Any]] | None = None,
) -> BaseLineFormSet:
    extra = 1 if initial else 3
    formset_class = forms.formset_factory(
        LineForm, formset=BaseLineFormSet, extra=extra, max_num=20, validate_max=True
    )
    return formset_class(  # type: ignore[return-value]
        data,
        initial=initial,
        prefix="lines",
        form_kwargs={"services": services, "providers": providers},
    )


class ReviseForm(forms.Form):
    valid_from = forms.DateField(label=_("The new decision applies from"), widget=DATE)
    justification = forms.CharField(
        label=_("What has changed"), max_length=8000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AppealForm(forms.ModelForm):
    class Meta:
        model = Appeal
        fields = ["received_on", "grounds"]
        widgets = {"received_on": DATE, "grounds": forms.Textarea(attrs={"rows": 4})}


class SettleForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Appeal.Outcome.choices)
    note = forms.CharField(
        label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
