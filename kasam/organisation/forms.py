from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kasam.core.forms import set_queryset
from kasam.core.validators import validate_plausible_date
from kasam.organisation.models import Absence

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AbsenceForm(forms.ModelForm):
    class Meta:
        model = Absence
        fields = ["user", "kind", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "user", staff.order_by("last_name", "first_name"))
        self.fields["user"].label_from_instance = lambda user: user.display_name  # type: ignore[attr-defined]


class BackForm(forms.Form):
    back_on = forms.DateField(
        label=_("Back at work on"), widget=DATE, validators=[validate_plausible_date]
    )
