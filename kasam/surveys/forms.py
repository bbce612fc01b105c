from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kasam.organisation.models import OrganisationUnit
from kasam.surveys.models import Question, Survey

SCALE = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]


class NewSurveyForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Template"),
        choices=[(Survey.Kind.USERS, _("user survey")), (Survey.Kind.STAFF, _("staff survey"))],
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)


def _units() -> Any:
    return OrganisationUnit.objects.filter(archived_at__isnull=True).exclude(
        kind__in=[OrganisationUnit.Kind.MUNICIPALITY, OrganisationUnit.Kind.AREA]
    )


class InviteForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrganisationUnit.objects.none(), to_field_name="public_id"
    )
    count = forms.IntegerField(label=_("How many codes"), min_value=1, max_value=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units().order_by("name")  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    """One field per question, named by its position, in the reader's language."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for n, question in enumerate(questions, start=1):
            self.fields[f"q{n}"] = _field(question)

    def answers(self) -> dict[int, Any]:
        return {q.pk: self.cleaned_data.get(f"q{n}") for n, q in enumerate(self.questions, 1)}


def _field(question: Question) -> forms.Field:
    label = question.text
    if question.type == Question.Type.SCALE:
        return forms.TypedChoiceField(
            label=label,
            choices=SCALE,
            coerce=int,
            required=False,
            widget=forms.RadioSelect,
            help_text=_("1 = not at all, 5 = completely"),
        )
    if question.type == Question.Type.YES_NO:
        return forms.TypedChoiceField(
            label=label,
            choices=[("1", _("yes")), ("0", _("no"))],
            coerce=int,
            required=False,
            widget=forms.RadioSelect,
        )
    if question.type == Question.Type.CHOICE:
        options = [(o, o) for o in question.options]
        return forms.ChoiceField(
            label=label, choices=options, required=False, widget=forms.RadioSelect
        )
    return forms.CharField(
        label=label, max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PaperForm(AnswerForm):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrganisationUnit.objects.none(), to_field_name="public_id"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units().order_by("name")  # type: ignore[attr-defined]


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text_nb", "text_sv", "text_en", "type", "choices", "dimension"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 3})}
