"""Language done properly: crawl the demo municipality as each role in Norwegian and in
Swedish, and fail on what a reader should never see: an English sentence from the
catalogue left untranslated, a raw code of a choice (in_review, care_worker …) or a period
written as a code (2026M11). A new page is checked as soon as something links to it."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.core.management import call_command

from kasam.accounts.models import User
from kasam.core.tests.routes import WALKER_ROLES, crawl_as

pytestmark = pytest.mark.django_db
ROLES = WALKER_ROLES
LOCALE = Path(__file__).resolve().parents[2] / "locale"
PERIOD_CODE = re.compile(r"\b20\d\d(?:M\d\d|[TQH]\d)\b")
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
# Not read as the interface's words: code, typed text, and file formats shown as examples.
SKIPPED = ("script", "style", "svg", "textarea", "pre", "code")


@pytest.fixture
def demo(settings) -> None:
    settings.KASAM_COUNTRY = "NO"
    call_command("demo", size="small", seed=7)


class _Text(HTMLParser):
    """What a person reads or hears: text, and the attributes a screen reader speaks."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self._skip += 1
        self.parts += [value or "" for name, value in attrs if name in READ_ATTRIBUTES]

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def readable(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_sentences(language: str) -> list[str]:
    """Catalogue messages of two words or more whose translation differs from the English."""
    found = []
    for entry in polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po")):
        text = entry.msgid
        if entry.msgid_plural or "%" in text or "{" in text or len(text.split()) < 2:
            continue
        if entry.msgstr and entry.msgstr != text:
            found.append(text)
    return found


def raw_codes() -> set[str]:
    """The stored values of every choice in Kasam's models that a person should never see:
    the ones written with an underscore (in_review, care_worker, self_determination)."""
    codes = set()
    for model in apps.get_models():
        if not model.__module__.startswith("kasam."):
            continue
        for model_field in model._meta.get_fields():
            choices = getattr(model_field, "choices", None) or []
            codes |= {str(v) for v, _l in choices if isinstance(v, str) and "_" in v}
    return codes


class Reader:
    def __init__(self, language: str) -> None:
        self.sentences = re.compile(
            "|".join(rf"\b{re.escape(s)}(?=\W|$)" for s in english_sentences(language))
        )
        self.codes = re.compile("|".join(rf"\b{re.escape(c)}\b" for c in sorted(raw_codes())))
        self.pages = 0
        self.problems: list[str] = []

    def __call__(self, url: str, response) -> None:
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return
        self.pages += 1
        text = readable(response.content.decode(errors="replace"))
        for kind, pattern in (
            ("English left", self.sentences),
            ("a raw code", self.codes),
            ("a period code", PERIOD_CODE),
        ):
            for found in set(pattern.findall(text)):
                self.problems.append(f"{url}: {kind}: {found!r}")


@pytest.mark.parametrize("language", ["nb", "sv"])
def test_every_page_speaks_the_readers_language(demo, language, caplog):
    caplog.set_level(logging.CRITICAL, logger="django")
    problems, routes, pages = [], set(), 0
    for username in ROLES:
        user = User.objects.get(username=username)
        user.language = language
        user.save(update_fields=["language"])
        reader = Reader(language)
        site = crawl_as(user, reader, per_route=1, limit=200)
        routes |= set(site.pages)
        pages += reader.pages
        problems += reader.problems
    print(f"\nlanguage walker ({language}): {pages} pages on {len(routes)} routes")
    assert len(routes) > 50
    assert not problems, "\n".join(sorted(set(problems)))
