"""Survey results: shares of satisfied answers per unit and for the municipality, compared
with last year's survey of the same kind. A group with fewer answers than the minimum shows
no result, and when that would let it be worked out from the total (one hidden unit), the
next smallest unit is hidden too."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet

from kasam.organisation.models import OrganisationUnit
from kasam.surveys.models import Answer, Question, Survey

SATISFIED_FROM = 4  # on the 1–5 scale: 4 and 5 count as satisfied


@dataclass
class Cell:
    label: str
    respondents: int
    shares: dict[str, float | None] = field(default_factory=dict)  # dimension → share
    satisfied: float | None = None  # respondents whose mean answer is 4 or more
    hidden: bool = False
    last_year: float | None = None


def results(survey: Survey) -> tuple[Cell, list[Cell], list[Question]]:
    """The municipality and each unit; nothing at all while the survey is open."""
    questions = list(survey.questions.filter(type=Question.Type.SCALE))
    if survey.status != Survey.Status.CLOSED:
        return Cell("", 0, hidden=True), [], questions
    by_unit = _answers_by_unit(survey)
    everyone = [r for rows in by_unit.values() for r in rows]
    total = _cell(str(_municipality_name()), everyone, questions)
    units = dict(OrganisationUnit.objects.filter(pk__in=by_unit).values_list("pk", "name"))
    cells = [
        _cell(units[pk], rows, questions)
        for pk, rows in sorted(by_unit.items(), key=lambda i: units[i[0]])
    ]
    _suppress(total, cells)
    _compare(survey, total, cells)
    return total, cells, questions


def _municipality_name() -> str:
    root = OrganisationUnit.objects.filter(parent__isnull=True).first()
    return root.name if root else ""


def _answers_by_unit(survey: Survey) -> dict[int, list[dict[str, int]]]:
    """Per unit, each respondent's scale answers by dimension."""
    respondents: dict[int, dict[str, int]] = defaultdict(dict)
    units: dict[int, int] = {}
    rows = Answer.objects.filter(
        response__survey=survey, question__type=Question.Type.SCALE, number__isnull=False
    ).values_list("response_id", "response__unit_id", "question__dimension", "number")
    for response_id, unit_id, dimension, number in rows:
        respondents[response_id][dimension] = number or 0
        units[response_id] = unit_id
    grouped: dict[int, list[dict[str, int]]] = defaultdict(list)
    for response_id, answers in respondents.items():
        grouped[units[response_id]].append(answers)
    return grouped


def _cell(label: str, rows: list[dict[str, int]], questions: list[Question]) -> Cell:
    cell = Cell(label, len(rows))
    for question in questions:
        given = [r[question.dimension] for r in rows if question.dimension in r]
        cell.shares[question.dimension] = (
            sum(n >= SATISFIED_FROM for n in given) / len(given) * 100 if given else None
        )
    means = [sum(r.values()) / len(r) for r in rows if r]
    cell.satisfied = sum(m >= SATISFIED_FROM for m in means) / len(means) * 100 if means else None
    return cell


def _suppress(total: Cell, cells: list[Cell]) -> None:
    minimum = settings.KASAM_SURVEY_MIN_GROUP
    for cell in [total, *cells]:
        if cell.respondents < minimum:
            _hide(cell)
    hidden = [c for c in cells if c.hidden]
    shown = sorted((c for c in cells if not c.hidden), key=lambda c: c.respondents)
    if len(hidden) == 1 and shown and not total.hidden:
        _hide(shown[0])  # else the hidden unit = the total minus the others


def _hide(cell: Cell) -> None:
    cell.hidden, cell.satisfied = True, None
    cell.shares = dict.fromkeys(cell.shares)


def _compare(survey: Survey, total: Cell, cells: list[Cell]) -> None:
    before = previous(survey)
    if before is None:
        return
    old_total, old_cells, _questions = results(before)
    total.last_year = old_total.satisfied
    old = {c.label: c.satisfied for c in old_cells}
    for cell in cells:
        cell.last_year = old.get(cell.label)


def previous(survey: Survey) -> Survey | None:
    return (
        Survey.objects.filter(kind=survey.kind, year=survey.year - 1, status=Survey.Status.CLOSED)
        .order_by("-pk")
        .first()
    )


def surveys() -> QuerySet[Survey]:
    return Survey.objects.all()
