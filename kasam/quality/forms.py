from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kasam.core.forms import set_queryset, version_field
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import active_staff
from kasam.quality.models import (
    Cause,
    Deviation,
    Feedback,
    ImprovementAction,
    Measure,
    ParticipationSession,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# data-now: a page kept on the phone and used hours later starts from the moment it is used
# (kasam.js), not from when it was loaded.
MOMENT = forms.DateTimeInput(
    attrs={"type": "datetime-local", "data-now": ""}, format="%Y-%m-%dT%H:%M"
)


class ReportForm(forms.ModelForm):
    unit = forms.ModelChoiceField(
        label=_("Where (unit)"), queryset=OrganisationUnit.objects.none(), to_field_name="public_id"
    )

    class Meta:
        model = Deviation
        fields = ["category", "severity", "occurred_at", "what_happened", "immediate_action"]
        widgets = {
            "occurred_at": MOMENT,
            "what_happened": forms.Textarea(attrs={"rows": 3}),
            "immediate_action": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.order_fields(["category", "what_happened", "occurred_at", "unit", "severity"])


class MoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    target = forms.ChoiceField(label=_("Next step"), choices=Deviation.Status.choices)
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    assessment = forms.CharField(
        label=_("The manager's assessment"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    causes = forms.MultipleChoiceField(
        label=_("Causes"),
        choices=Cause.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cause_text = forms.CharField(
        label=_("Why it happened"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    learning = forms.CharField(
        label=_("What we learnt (needed to close)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reported_externally_on = forms.DateField(
        label=_("Reported to the authorities on"), required=False, widget=DATE
    )

    def __init__(self, *args: Any, targets: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["target"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(v, label) for v, label in Deviation.Status.choices if v in targets]


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["title", "owner", "due_on"]
        widgets = {"due_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owners = active_staff()
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class DeviationFilterForm(forms.Form):
    """The deviation list's filters (GET): words, open or closed, category, unit."""

    q = forms.CharField(label=_("What happened (words)"), max_length=100, required=False)
    state = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("all")), ("open", _("being handled")), ("done", _("closed or rejected"))],
        required=False,
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("all")), *Deviation.Category.choices], required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=OrganisationUnit.objects.none(),
        to_field_name="public_id",
        required=False,
        empty_label=_("all"),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "unit", units)


class FeedbackFilterForm(forms.Form):
    """The feedback list's filters (GET): what kind, and words in the message."""

    kind = forms.ChoiceField(
        label=_("What it is"), choices=[("", _("all")), *Feedback.Kind.choices], required=False
    )
    q = forms.CharField(label=_("Words in the message"), max_length=100, required=False)


class MeasureDoneForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["done_on", "effect"]
        widgets = {"done_on": DATE, "effect": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].required = True
        self.fields["effect"].required = True


class PublicFeedbackForm(forms.ModelForm):
    # A field people do not see: automated senders fill it in, and are turned away.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Feedback
        fields = ["kind", "text", "unit", "sender_name", "sender_contact"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5, "maxlength": 4000})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = OrganisationUnit.objects.filter(archived_at__isnull=True).exclude(
            kind__in=[OrganisationUnit.Kind.TEAM, OrganisationUnit.Kind.AREA]
        )
        self.fields["unit"].queryset = units.order_by("name")  # type: ignore[attr-defined]
        self.fields["unit"].empty_label = _("I don't know")  # type: ignore[attr-defined]


class StaffFeedbackForm(PublicFeedbackForm):
    class Meta(PublicFeedbackForm.Meta):
        fields = ["kind", "channel", "text", "unit", "sender_name", "sender_contact"]


class AnswerForm(forms.Form):
    reply = forms.CharField(
        label=_("Answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = version_field()


class AppealForm(forms.Form):
    case_number = forms.CharField(
        label=_("Case number of the decision complained about"),
        max_length=20,
        help_text=_("For example 2026-00042"),
    )


class ImprovementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrganisationUnit.objects.none(), to_field_name="public_id"
    )
    aim = forms.CharField(
        label=_("What we want to achieve"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    deviations = forms.ModelMultipleChoiceField(
        label=_("Deviations it answers"),
        queryset=Deviation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, units: Any, deviations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        field = set_queryset(self, "deviations", deviations)
        field.label_from_instance = _deviation_label  # type: ignore[method-assign,assignment]


def _deviation_label(deviation: Deviation) -> str:
    when = f"{deviation.occurred_at:%d.%m.%Y}"
    return f"{when} {deviation.get_category_display()} · {deviation.unit.name}"


class PhaseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("What this phase found"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    target = forms.ChoiceField(label=_("Then"), choices=[])

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = targets  # type: ignore[attr-defined]


class MeasurementForm(forms.Form):
    measured_on = forms.DateField(label=_("Measured on"), widget=DATE)
    value = forms.DecimalField(label=_("Value"), max_digits=12, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class SessionForm(forms.ModelForm):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrganisationUnit.objects.none(), to_field_name="public_id"
    )

    class Meta:
        model = ParticipationSession
        fields = ["theme", "group", "participants", "guides", "started_on"]
        widgets = {"started_on": DATE, "guides": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, units: Any, guides: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "unit", units)
        set_queryset(self, "guides", guides)


class SessionStepForm(forms.Form):
    views = forms.CharField(
        label=_("The participants' views"),
        max_length=6000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    staff_response = forms.CharField(
        label=_("The staff group's response"),
        max_length=6000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    closing_meeting_on = forms.DateField(
        label=_("Joint closing meeting"), required=False, widget=DATE
    )
    version = version_field()
    agreed_actions = forms.CharField(
        label=_("Actions agreed"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ImprovementActionForm(forms.ModelForm):
    class Meta:
        model = ImprovementAction
        fields = ["title", "owner", "due_on"]
        widgets = {"due_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owners = active_staff()
        set_queryset(self, "owner", owners)
