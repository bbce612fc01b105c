from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kasam.core.forms import by_public_id
from kasam.goals.models import Action, UnitPrinciple
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import active_staff

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FollowUpForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    comment = forms.CharField(
        label=_("Comment"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "owner", "due_on"]
        widgets = {"due_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owners = active_staff()
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class BreakDownForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrganisationUnit.objects.none(), to_field_name="public_id"
    )
    title = forms.CharField(label=_("The unit's goal"), max_length=400)
    target_text = forms.CharField(label=_("Measurable target"), max_length=300, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class UnitPrincipleForm(forms.ModelForm):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrganisationUnit.objects.none(), to_field_name="public_id"
    )
    # When the page was read: a unit's text saved by someone else after it is not overwritten.
    read_at = forms.DateTimeField(widget=forms.HiddenInput, initial=timezone.now, required=False)

    class Meta:
        model = UnitPrinciple
        fields = ["what_it_means", "we_succeed_when", "indicators"]
        widgets = {
            "what_it_means": forms.Textarea(attrs={"rows": 3}),
            "we_succeed_when": forms.Textarea(attrs={"rows": 3}),
            "indicators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        by_public_id(self.fields["indicators"])  # type: ignore[arg-type]
