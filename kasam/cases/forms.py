from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kasam.accounts.models import User
from kasam.cases import workflow
from kasam.cases.models import Case, CaseType, FirstContact
from kasam.core.forms import NationalIdField, set_queryset
from kasam.core.national_id import NationalId
from kasam.core.terms import term
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client, Language

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class VersionedForm(forms.Form):
    """Carries the version the user started from, for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def _not_in_future(moment: Any) -> Any:
    if moment and moment > timezone.now() + datetime.timedelta(minutes=5):
        raise forms.ValidationError(_("The time cannot be in the future."))
    return moment


class IntakeForm(forms.Form):
    case_type = forms.ModelChoiceField(
        label=_("Case type"), queryset=CaseType.objects.none(), empty_label=None
    )
    unit = forms.ModelChoiceField(
        label=_("Receiving unit"), queryset=OrganisationUnit.objects.none(), empty_label=None
    )
    handler = forms.ModelChoiceField(
        label=_("Case handler"), queryset=User.objects.none(), required=False
    )
    national_id = NationalIdField()
    first_name = forms.CharField(label=_("first name"), max_length=80, required=False)
    last_name = forms.CharField(label=_("last name"), max_length=80, required=False)
    preferred_language = forms.ChoiceField(
        label=_("preferred language"), choices=[("", "–"), *Language.choices], required=False
    )
    phone = forms.CharField(label=_("phone"), max_length=20, required=False)
    source = forms.ChoiceField(label=_("Applied or reported by"), choices=Case.Source.choices)
    source_name = forms.CharField(label=_("Name of the sender"), max_length=120, required=False)
    received_at = forms.DateTimeField(label=_("Received"), widget=DATETIME)
    channel = forms.ChoiceField(label=_("Channel"), choices=Case.Channel.choices)
    request = forms.CharField(
        label=_("What is asked for"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Case.Urgency.choices)

    def __init__(
        self,
        *args: Any,
        types: QuerySet[CaseType],
        units: QuerySet[OrganisationUnit],
        handlers: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "case_type", types)
        set_queryset(self, "unit", units)
        set_queryset(self, "handler", handlers)
        self.fields["national_id"].label = term("national_id").capitalize()
        self.fields["national_id"].help_text = _(
            "An existing person is found by the number; for a new person, fill in the name too."
        )

    def clean_received_at(self) -> Any:
        return _not_in_future(self.cleaned_data["received_at"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        national_id: NationalId | None = data.get("national_id")
        if national_id is None:
            return data
        data["client"] = Client.objects.filter(national_id=national_id.number).first()
        if data["client"] is None:
            for name in ("first_name", "last_name", "preferred_language"):
                if not data.get(name):
                    self.add_error(name, _("Needed for a person not registered before."))
        return data


class IntakeEditForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Case
        fields = [
            "handler",
            "source",
            "source_name",
            "received_at",
            "channel",
            "request",
            "urgency",
        ]
        widgets = {"received_at": DATETIME, "request": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, handlers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "handler", handlers)

    def clean_received_at(self) -> Any:
        return _not_in_future(self.cleaned_data["received_at"])


class FirstContactForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = FirstContact
        fields = ["contacted_at", "method", "note"]
        widgets = {"contacted_at": DATETIME, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case

    def clean_contacted_at(self) -> Any:
        moment = _not_in_future(self.cleaned_data["contacted_at"])
        if moment and moment < self.case.received_at:
            raise forms.ValidationError(
                _("First contact cannot come before the case was received.")
            )
        return moment


class StatusForm(VersionedForm):
    target = forms.ChoiceField(label=_("New status"), choices=Case.Status.choices)
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    forwarded_to = forms.CharField(label=_("Forwarded to"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("target") == Case.Status.FORWARDED and not data.get("forwarded_to"):
            self.add_error("forwarded_to", _("Say where the case was forwarded."))
        return data


class InboxFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=OrganisationUnit.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label=_("all my units"),
    )
    handler = forms.ChoiceField(label=_("Case handler"), required=False)
    case_type = forms.ModelChoiceField(
        label=_("Case type"),
        queryset=CaseType.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("all types"),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all open")), *Case.Status.choices]
    )

    def __init__(
        self,
        *args: Any,
        units: QuerySet[OrganisationUnit],
        handlers: QuerySet[User],
        types: QuerySet[CaseType],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("unit", units), ("case_type", types)):
            set_queryset(self, name, queryset)
        handler_field = self.fields["handler"]
        assert isinstance(handler_field, forms.ChoiceField)
        handler_field.choices = [
            ("", _("everyone")),
            ("me", _("me")),
            *((str(h.public_id), h.display_name) for h in handlers),
        ]


def manual_status_choices(case: Case) -> list[tuple[str, str]]:
    return [(s, str(Case.Status(s).label)) for s in workflow.manual_targets(case.status)]
