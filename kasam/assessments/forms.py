from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kasam.assessments.models import Assessment, Scale, ScaleItem, StartupPeriod
from kasam.core.forms import set_queryset
from kasam.organisation.models import OrganisationUnit

TEXT = {"rows": 3}
ASSESSMENT_FIELDS = [
    "what_matters",
    "own_goals",
    "strengths",
    "manages_self",
    "relatives_view",
    "handler_assessment",
    "reablement_potential",
    "startup_period",
    "weight_kg",
    "nutrition_tool",
    "nutrition_score",
    "fall_risk_tool",
    "fall_risk_score",
]


class AssessmentForm(forms.ModelForm):
    """The person's own words first, then the national scale item by item."""

    class Meta:
        model = Assessment
        fields = ASSESSMENT_FIELDS
        widgets = {name: forms.Textarea(attrs=TEXT) for name in ASSESSMENT_FIELDS[:6]}

    def __init__(
        self, *args: Any, scale: Scale | None, periods: QuerySet[StartupPeriod], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "startup_period", periods)
        self.scale = scale
        self.items: list[ScaleItem] = list(scale.items.filter(active=True)) if scale else []
        levels = (
            [("", "–")] + [(str(lv.pk), f"{lv.value} · {lv.name}") for lv in scale.levels.all()]
            if scale
            else []
        )
        for item in self.items:
            self.fields[f"level_{item.code}"] = forms.ChoiceField(
                label=item.name, choices=levels, required=False
            )
            if scale and scale.describes_needs:
                for part, label in (
                    ("needs", _("needs")),
                    ("resources", _("resources")),
                    ("goals", _("goals")),
                ):
                    self.fields[f"{part}_{item.code}"] = forms.CharField(
                        label=label,
                        required=False,
                        max_length=2000,
                        widget=forms.Textarea(attrs={"rows": 2}),
                    )

    def item_rows(self) -> list[tuple[ScaleItem, list[forms.BoundField]]]:
        parts = ("level", "needs", "resources", "goals")
        return [
            (item, [self[f"{p}_{item.code}"] for p in parts if f"{p}_{item.code}" in self.fields])
            for item in self.items
        ]

    def scores(self) -> list[dict[str, Any]]:
        assert self.scale is not None or not self.items
        levels = {str(lv.pk): lv for lv in self.scale.levels.all()} if self.scale else {}
        rows = []
        for item in self.items:
            data = {
                part: self.cleaned_data.get(f"{part}_{item.code}", "")
                for part in ("needs", "resources", "goals")
            }
            level = levels.get(self.cleaned_data.get(f"level_{item.code}") or "")
            if level is not None or any(data.values()):
                rows.append({"item": item, "level": level, **data})
        return rows

    def assessment_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ASSESSMENT_FIELDS}


class StartupForm(forms.ModelForm):
    class Meta:
        model = StartupPeriod
        fields = ["team", "starts_on", "weeks"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, teams: QuerySet[OrganisationUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = set_queryset(self, "team", teams)
        field.empty_label = None


class MappingForm(forms.ModelForm):
    complete = forms.BooleanField(label=_("The mapping is complete"), required=False)

    class Meta:
        model = StartupPeriod
        fields = ["observations", "manages_self", "recommendation"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
