from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kasam.core.forms import NationalIdField


class EmergencyAccessForm(forms.Form):
    national_id = NationalIdField(label=_("National ID number"))
    reason = forms.CharField(
        label=_("Why do you need access now?"),
        min_length=10,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Review comment"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
