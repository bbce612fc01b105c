from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest

from kasam.core.national_id import InvalidNationalId, NationalId, parse_national_id


class NationalIdField(forms.CharField):
    """A national ID number of the installation's country, returned as a NationalId."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=20, **kwargs)

    def clean(self, value: Any) -> NationalId:
        text = super().clean(value)
        try:
            return parse_national_id(
                text, country=settings.KASAM_COUNTRY, allow_test=settings.KASAM_ALLOW_TEST_IDS
            )
        except InvalidNationalId as error:
            raise forms.ValidationError(error.message, code="invalid_national_id") from error


def report_form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """Show a form's problems as messages, for forms that redirect back to their page."""
    for problems in form.errors.values():
        for problem in problems:
            messages.error(request, str(problem))


def status_for(form: forms.BaseForm) -> int:
    """400 when a submitted form is shown again with its errors; 200 for a fresh form."""
    return 400 if form.is_bound else 200


def set_queryset(form: forms.BaseForm, name: str, queryset: Any) -> forms.ModelChoiceField:
    """Limit a model choice field to what this user may choose (set per request)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset
    by_public_id(field)
    return field


def by_public_id(field: forms.ModelChoiceField) -> None:
    """Choose by public id (or code): a typed number never reaches the database as a key
    (a number too large for it would crash the query instead of being refused)."""
    model = field.queryset.model  # type: ignore[union-attr]
    key = next((name for name in ("public_id", "code") if hasattr(model, name)), None)
    if isinstance(field, forms.ModelMultipleChoiceField) and key is not None:
        field.to_field_name = key
