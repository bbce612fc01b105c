from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kasam.core.forms import NationalIdField, Sections, set_queryset, version_field
from kasam.core.national_id import NationalId
from kasam.core.terms import term
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client, ClientWarning, HomeAccess, Relative, Stay
from kasam.registry.selectors import SORTS

CLIENT_FIELDS = [
    "first_name",
    "last_name",
    "address",
    "postal_code",
    "city",
    "phone",
    "preferred_language",
    "interpreter_needed",
    "status",
    "status_since",
    "protected_identity",
]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name or national ID number"), max_length=100, required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("name")),
            ("-name", _("name, Z–A")),
            ("birth_date", _("oldest first")),
            ("-birth_date", _("youngest first")),
        ],
    )

    def clean_sort(self) -> str:
        return self.cleaned_data["sort"] or "name"


class SortForm(forms.Form):
    sort = forms.ChoiceField(required=False, choices=[(key, key) for key in SORTS])
    page = forms.IntegerField(required=False, min_value=1, max_value=100000)

    def clean_sort(self) -> str:
        return self.cleaned_data["sort"] or "name"


class ClientForm(Sections, forms.ModelForm):
    SECTIONS = (
        (_("Who"), ("national_id", "first_name", "last_name", "protected_identity")),
        (_("Where and how to reach them"), ("address", "postal_code", "city", "phone")),
        (_("Language"), ("preferred_language", "interpreter_needed")),
        (_("Status"), ("status", "status_since")),
        (_("Served by"), ("unit",)),
    )

    class Meta:
        model = Client
        fields = CLIENT_FIELDS
        widgets = {
            "preferred_language": forms.Select(),
            "status_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class ClientEditForm(ClientForm):
    version = version_field()


class ClientRegistrationForm(ClientForm):
    national_id = NationalIdField()
    unit = forms.ModelChoiceField(
        label=_("Served by"), queryset=OrganisationUnit.objects.none(), empty_label=None
    )

    field_order = ["national_id", *CLIENT_FIELDS, "unit"]

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "unit", units)
        self.fields["national_id"].label = term("national_id").capitalize()

    def clean_national_id(self) -> NationalId:
        national_id: NationalId = self.cleaned_data["national_id"]
        if Client.objects.filter(national_id=national_id.number).exists():
            raise forms.ValidationError(
                _(
                    "A client with this number is already registered. Search for them, or ask "
                    "the unit that serves them."
                ),
                code="duplicate",
            )
        return national_id


class RelativeForm(forms.ModelForm):
    class Meta:
        model = Relative
        fields = [
            "first_name",
            "last_name",
            "relation",
            "role",
            "consent_to_information",
            "phone",
            "email",
            "address",
        ]


class RelativeEditForm(RelativeForm):
    version = version_field()


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StayForm(forms.ModelForm):
    """The client is away from home: where, from which day and, when known, until when."""

    class Meta:
        model = Stay
        fields = ["kind", "starts_on", "home_on"]
        widgets = {"starts_on": DATE, "home_on": DATE}
        help_texts = {
            "home_on": _("The first day at home again; leave empty while it is not known."),
        }


class HomeAgainForm(forms.Form):
    home_on = forms.DateField(label=_("Home again"), widget=DATE)


class HomeAccessForm(forms.ModelForm):
    class Meta:
        model = HomeAccess
        fields = ["entrance", "key_box_code"]
        widgets = {"key_box_code": forms.TextInput(attrs={"autocomplete": "off"})}


class WarningForm(forms.ModelForm):
    class Meta:
        model = ClientWarning
        fields = ["kind", "text"]
