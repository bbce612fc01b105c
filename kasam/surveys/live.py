"""Survey results as indicators: the share of respondents satisfied (mean answer 4 or more
on the 1–5 scale), in closed surveys only, never for groups smaller than the minimum."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from django.conf import settings

from kasam.indicators.facts import Fact, Window, flow
from kasam.indicators.live import LIVE, Live
from kasam.indicators.tally import month_end, month_of, month_start
from kasam.surveys.models import Answer, Question, Survey
from kasam.surveys.selectors import SATISFIED_FROM


def satisfied(kind: str) -> Callable[[Window], Iterator[Fact]]:
    def facts(window: Window) -> Iterator[Fact]:
        answers: dict[int, list[int]] = defaultdict(list)
        where: dict[int, tuple[int, int]] = {}
        rows = Answer.objects.filter(
            response__survey__kind=kind,
            response__survey__status=Survey.Status.CLOSED,
            response__submitted_on__gte=month_start(window.first),
            response__submitted_on__lte=month_end(window.last),
            question__type=Question.Type.SCALE,
            number__isnull=False,
        ).values_list("response_id", "response__unit_id", "response__submitted_on", "number")
        for response_id, unit_id, day, number in rows:
            answers[response_id].append(number or 0)
            where[response_id] = (unit_id, month_of(day))
        for response_id, numbers in answers.items():
            unit_id, month = where[response_id]
            yield flow(unit_id, None, month, sum(numbers) / len(numbers) >= SATISFIED_FROM)

    return facts


def register() -> None:
    for code, kind in (
        ("user_survey_satisfied", Survey.Kind.USERS),
        ("staff_survey_satisfied", Survey.Kind.STAFF),
    ):
        LIVE[code] = Live(code, satisfied(kind), ("surveys",), min_group=_minimum())


def _minimum() -> int:
    return int(settings.KASAM_SURVEY_MIN_GROUP)
