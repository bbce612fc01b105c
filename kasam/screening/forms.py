from __future__ import annotations

from django import forms

from kasam.screening.models import Screening


class ScreeningForm(forms.ModelForm):
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = Screening
        fields = ["kind", "measured_on", "tool", "score", "weight_kg", "appetite"]
        widgets = {"measured_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
