from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kasam.accounts.models import User
from kasam.careplans.models import (
    WEEKDAYS,
    CoordinatedPlan,
    GoalReview,
    PlanActivity,
    PlanGoal,
    PlanReview,
    PlanVersion,
    StaffChoice,
)
from kasam.core.forms import set_queryset
from kasam.decisions.models import Decision, DecisionLine
from kasam.organisation.models import OrganisationUnit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class StartForm(forms.Form):
    decision = forms.ModelChoiceField(
        label=_("Decision it rests on"), queryset=Decision.objects.none(), empty_label=None
    )
    contact_person = forms.ModelChoiceField(
        label=_("Contact person"), queryset=User.objects.none(), empty_label=None
    )

    def __init__(
        self, *args: Any, decisions: QuerySet[Decision], staff: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("decision", decisions), ("contact_person", staff)):
            set_queryset(self, name, queryset)


class VersionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = PlanVersion
        fields = ["review_on", "comprehensible", "manageable", "meaningful"]
        widgets = {
            "review_on": DATE,
            **{
                n: forms.Textarea(attrs={"rows": 2})
                for n in ("comprehensible", "manageable", "meaningful")
            },
        }


class GoalForm(forms.ModelForm):
    class Meta:
        model = PlanGoal
        fields = ["own_words", "how_we_know", "follow_up_on"]
        widgets = {
            "own_words": forms.Textarea(attrs={"rows": 2}),
            "how_we_know": forms.Textarea(attrs={"rows": 2}),
            "follow_up_on": DATE,
        }


class ActivityForm(forms.ModelForm):
    weekdays = forms.MultipleChoiceField(
        label=_("Days"), choices=WEEKDAYS, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = PlanActivity
        fields = [
            "line",
            "what",
            "how",
            "weekdays",
            "as_needed",
            "window_start",
            "window_end",
            "duration_minutes",
            "staff_count",
            "competence",
            "client_does",
            "follow_up_minutes",
            "follow_up_after",
            "follow_up_within",
            "help_kind",
        ]
        widgets = {
            "how": forms.Textarea(attrs={"rows": 2}),
            "client_does": forms.Textarea(attrs={"rows": 2}),
            "window_start": TIME,
            "window_end": TIME,
        }

    def __init__(self, *args: Any, lines: QuerySet[DecisionLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = set_queryset(self, "line", lines)
        field.label_from_instance = lambda line: line.service.name  # type: ignore[method-assign,assignment]
        if self.instance.pk or self.initial.get("days"):
            days = self.initial.get("days") or self.instance.days
            self.initial["weekdays"] = [d for d in str(days).split(",") if d]

    def activity(self) -> PlanActivity:
        activity: PlanActivity = self.save(commit=False)
        activity.pk = None
        activity.days = ",".join(self.cleaned_data["weekdays"])
        return activity


def formsets(data: Any, version: PlanVersion, lines: QuerySet[DecisionLine]) -> tuple[Any, Any]:
    goal_set = forms.modelformset_factory(PlanGoal, form=GoalForm, extra=2, can_delete=True)
    activity_set = forms.modelformset_factory(
        PlanActivity, form=ActivityForm, extra=2, can_delete=True
    )
    goals = goal_set(data, queryset=version.goals.all(), prefix="goals")
    activities = activity_set(
        data,
        queryset=version.activities.all(),
        prefix="activities",
        form_kwargs={"lines": lines},
    )
    return goals, activities


class AgreeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    method = forms.ChoiceField(label=_("How it was agreed"), choices=PlanVersion.Method.choices)
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DATE)
    agreed_by = forms.CharField(label=_("Agreed by (client or representative)"), max_length=120)
    witness = forms.CharField(label=_("Witness"), max_length=120, required=False)


class DeclineForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why it was declined"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(forms.ModelForm):
    class Meta:
        model = PlanReview
        fields = ["reviewed_on", "went_well", "changes", "next_review_on"]
        widgets = {
            "reviewed_on": DATE,
            "next_review_on": DATE,
            "went_well": forms.Textarea(attrs={"rows": 2}),
            "changes": forms.Textarea(attrs={"rows": 2}),
        }


class GoalReviewForm(forms.ModelForm):
    class Meta:
        model = GoalReview
        fields = ["reviewed_on", "progress", "comment", "next_follow_up_on"]
        widgets = {
            "reviewed_on": DATE,
            "next_follow_up_on": DATE,
            "comment": forms.Textarea(attrs={"rows": 2}),
        }


class StaffChoiceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of help"), choices=StaffChoice.Kind.choices)
    staff = forms.ModelChoiceField(label=_("Chosen staff member"), queryset=User.objects.none())

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "staff", staff)


class CoordinatedPlanForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = CoordinatedPlan
        fields = [
            "coordinator",
            "started_on",
            "overall_goal",
            "other_units",
            "external_parties",
            "next_meeting_on",
            "ended_on",
        ]
        widgets = {
            "started_on": DATE,
            "next_meeting_on": DATE,
            "ended_on": DATE,
            "overall_goal": forms.Textarea(attrs={"rows": 2}),
            "external_parties": forms.Textarea(attrs={"rows": 2}),
            "other_units": forms.CheckboxSelectMultiple,
        }

    def __init__(
        self,
        *args: Any,
        coordinators: QuerySet[User],
        units: QuerySet[OrganisationUnit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "coordinator", coordinators)
        set_queryset(self, "other_units", units)
        if self.instance.pk is None:
            del self.fields["ended_on"]
