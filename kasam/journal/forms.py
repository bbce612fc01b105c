from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from kasam.careplans.models import PlanActivity, PlanGoal
from kasam.core.forms import set_queryset
from kasam.journal.models import JournalNote


class NoteForm(forms.ModelForm):
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = JournalNote
        fields = ["category", "text", "goal", "activity"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(
        self,
        *args: Any,
        goals: QuerySet[PlanGoal],
        activities: QuerySet[PlanActivity],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("goal", goals), ("activity", activities)):
            set_queryset(self, name, queryset)
