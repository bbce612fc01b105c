"""Every string is translated in nb, sv and en, and the committed .mo files match the .po files."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.test import override_settings
from django.utils import translation

from kasam.core.terms import term

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_catalogue_is_complete_and_compiled(language):
    folder = LOCALE / language / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    assert len(po) > 200
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(folder / "django.mo"))
    }
    for entry in po:
        assert (entry.msgctxt, entry.msgid) in compiled, (
            f"{entry.msgid!r} not compiled: run scripts/i18n"
        )


@pytest.mark.parametrize(
    ("country", "language", "client", "national_id"),
    [
        ("NO", "nb", "bruker", "fødselsnummer"),
        ("SE", "sv", "kund", "personnummer"),
        ("NO", "en", "client", "national ID number (fødselsnummer)"),
        ("SE", "en", "client", "personal identity number (personnummer)"),
    ],
)
def test_the_country_decides_the_words(country, language, client, national_id):
    with override_settings(KASAM_COUNTRY=country), translation.override(language):
        assert (term("client"), term("national_id")) == (client, national_id)
