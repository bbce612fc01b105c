from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.forms import renderers
from django.forms.renderers import Jinja2
from django.utils.translation import gettext as _

from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused
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


class Sections:
    """A long form in named parts (`SECTIONS`: legend and field names), shown as fieldsets;
    fields in no part (a hidden version) come last."""

    SECTIONS: tuple[tuple[Any, tuple[str, ...]], ...] = ()

    def fieldsets(self) -> list[tuple[Any, list[forms.BoundField]]]:
        form: Any = self
        placed: set[str] = set()
        parts = []
        for legend, names in self.SECTIONS:
            fields = [form[name] for name in names if name in form.fields]
            placed.update(names)
            if fields:
                parts.append((legend, fields))
        rest = [form[name] for name in form.fields if name not in placed]
        if rest:
            parts.append(("", rest))
        return parts


def status_for(form: forms.BaseForm) -> int:
    """400 when a submitted form is shown again with its errors; 200 for a fresh form."""
    return 400 if form.is_bound else 200


class ReadOnceChoices(forms.models.ModelChoiceIterator):
    """The choices from the field's own queryset and its result cache: a select walks its
    options to render them and again to check the first one, and a template may test the
    queryset too; each walk of Django's iterator is another query."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)

    def __len__(self) -> int:
        return len(self.queryset) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.queryset)


def set_queryset(form: forms.BaseForm, name: str, queryset: Any) -> forms.ModelChoiceField:
    """Limit a model choice field to what this user may choose (set per request)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.iterator = ReadOnceChoices
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


def version_field() -> forms.IntegerField:
    """The version the user started from (optimistic locking), sent back with the form."""
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)


def without_version(data: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name != "version"}


def refusal(form: forms.BaseForm, error: Refused | StaleEdit, field: str | None = None) -> int:
    """Show a refusal next to the field it concerns (or above the form); the status to
    answer with: 409 for a save based on an old version, 400 for a rule."""
    form.add_error(field, error.message)
    return 409 if isinstance(error, StaleEdit) else 400


def show_stale(form: forms.BaseForm, fresh: models.Model, error: StaleEdit) -> int:
    """Someone saved in between: keep the user's input, show next to each field what is
    saved now, and let the next save (made having seen it) go through. Returns 409."""
    form.add_error(None, error.message)
    for name in list(form.fields):
        if name == "version" or name in form.errors or not hasattr(fresh, name):
            continue
        if getattr(fresh, name) != form.cleaned_data.get(name):
            form.add_error(name, _("Saved meanwhile: %(value)s") % {"value": _shown(fresh, name)})
    data = form.data.copy()  # type: ignore[attr-defined]
    data["version"] = str(fresh.version)  # type: ignore[attr-defined]
    form.data = data
    return 409


def _shown(obj: models.Model, name: str) -> str:
    display = getattr(obj, f"get_{name}_display", None)
    value = display() if display else getattr(obj, name)
    if value in ("", None):
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


class FormRenderer(Jinja2):
    """Django's Jinja2 widget templates with Kasam's few in front (core/jinja2): inputs,
    selects and text areas carry Designsystemet's class, so every form looks the same."""

    @cached_property
    def engine(self) -> Any:
        own = Path(__file__).parent / "jinja2"
        django = Path(renderers.__file__).parent / "jinja2"
        return self.backend(
            {"APP_DIRS": False, "DIRS": [own, django], "NAME": "kasamforms", "OPTIONS": {}}
        )
