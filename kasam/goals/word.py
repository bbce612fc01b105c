"""The committee's follow-up report as a Word document (python-docx), for the secretary who
adds the committee's own words before sending: the content of the PDF (goals/report.html) —
cover with the letterhead, summary by status, each perspective's goals with their
indicators and actions — without the small trend lines. Headings are real heading styles
and the document carries its language, so it reads well with a screen reader."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as Word
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from kasam.goals.selectors import Node
from kasam.indicators.templatetags.kasam_indicators import counts, figure, light

LANGUAGE_TAGS = {"nb": "nb-NO", "sv": "sv-SE", "en": "en-GB"}


def document(context: dict[str, Any]) -> bytes:
    word = Document()
    _language(word)
    plan, month = context["period"], context["month"]
    title = _("Follow-up: %(name)s") % {"name": plan.name}
    word.core_properties.title = f"{title} {plan.starts_year}–{plan.ends_year}"
    _cover(word, context, title)
    word.add_page_break()
    for branch in context["branches"]:
        word.add_heading(branch.perspective.name, level=1)
        for node in branch.goals:
            _goal(word, node, context, depth=0)
    word.add_paragraph(
        _("Figures for %(figures)s, computed from the records.") % {"figures": month.label}
    )
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _language(word: Word) -> None:
    tag = LANGUAGE_TAGS.get((get_language() or "en")[:2], "en-GB")
    word.core_properties.language = tag
    properties = word.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    properties.append(lang)


def _cover(word: Word, context: dict[str, Any], title: str) -> None:
    plan, letterhead = context["period"], context["letterhead"]
    if letterhead["name"]:
        word.add_paragraph(letterhead["name"]).runs[0].bold = True
    word.add_heading(f"{title} {plan.starts_year}–{plan.ends_year}", level=0)
    made = formats.date_format(context["today"], "DATE_FORMAT")
    word.add_paragraph(
        _("Figures for %(figures)s") % {"figures": context["month"].label} + f" · {made}"
    )
    word.add_heading(_("Summary"), level=1)
    summary = context["summary"]
    rows = [(light(c), summary[c]) for c in ("green", "yellow", "red")]
    rows.append((_("no value or no target"), summary[""]))
    table = word.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, count in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, str(count)
    if letterhead["address"] or letterhead["contact"]:
        word.add_paragraph(
            " · ".join(p for p in (letterhead["address"], letterhead["contact"]) if p)
        )


def _goal(word: Word, node: Node, context: dict[str, Any], depth: int) -> None:
    goal = node.goal
    word.add_heading(goal.title, level=min(2 + depth, 9))
    about = [goal.get_level_display(), goal.unit.name]
    if goal.target_text:
        about.insert(1, f"{_('target')}: {goal.target_text}")
    word.add_paragraph(" · ".join(str(part) for part in about))
    values = context["lights"].get(goal.pk, [])
    if values:
        _table(
            word,
            (_("Indicator"), _("Value"), _("Target"), _("Status")),
            [_indicator_row(indicator, value) for indicator, value in values],
        )
    actions = list(goal.actions.all())
    if actions:
        rows = []
        for action in actions:
            comments = list(action.comments.all())
            due = formats.date_format(action.due_on, "SHORT_DATE_FORMAT") if action.due_on else ""
            what = f"{action.title} ({due})" if due else action.title
            rows.append((what, action.get_status_display(), comments[-1].text if comments else ""))
        _table(word, (_("How we will do it"), _("Status"), _("Comment")), rows)
    for child in node.children:
        _goal(word, child, context, depth + 1)


def _indicator_row(indicator: Any, value: Any) -> tuple[str, ...]:
    if value.value is None:
        shown = f".. {value.reason}".strip()
    else:
        behind = counts(indicator, value)
        shown = figure(value.value, indicator) + ("*" if value.preliminary else "")
        shown += f" ({behind})" if behind else ""
    target = figure(value.target, indicator) if value.target is not None else ""
    return (indicator.name, shown, target, light(value.colour))


def _table(word: Word, headings: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    table = word.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.text = str(heading)
        cell.paragraphs[0].runs[0].bold = True
    _repeat_as_header(table.rows[0])
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = str(text)


def _repeat_as_header(row: Any) -> None:
    """The heading row is marked as the table's header (read as such, repeated on each page)."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
