"""Aggregate results of closed consultations for the open-data API and its bulk download.

Every figure is counted by the database (involve.services.open_data_counts); nothing loops over
responses in Python, and the number of queries does not depend on how many consultations,
questions or responses there are. Only closed questions are counted (choices,
scales, grids, rankings, numbers): free text, dates and postcodes are never aggregated here.

Small numbers are suppressed (involve.services.small_numbers) by the same rules as the public
"We asked, you said, we did" page, which builds its tables from question_results too: in every
table whose total is shown, a count from 1 to threshold - 1 is published as null with
"suppressed": true, and more cells are hidden as needed so the total cannot give them away; a
small total (how many answered a question or a grid statement, or gave a number) is null too.
Only the answers of the parts of the responses that the channel table counts are counted
(involve.services.counted_parts), or a question everyone answered would give away the total
that response_totals hides. An average position in a ranking is published only when no count
behind it is small (see _are_means_shown).
The payloads are plain JSON-ready dicts because the API's OpenAPI schemas, not Python types,
are their contract.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from involve.models import AGREE_SCALE, QuestionKind
from involve.services.counted_parts import left_out, parts_counted
from involve.services.open_data_counts import (
    CHOICE_KINDS,
    OTHER_LABEL,
    CountedQuestion,
    count_choices,
    count_grid_points,
    count_multiple_choices,
    count_ranking_places,
    count_respondents,
    list_questions,
    sum_numbers,
)
from involve.services.response_parts import PARTS, channel_table, channels_by_part, is_total_hidden
from involve.services.small_numbers import is_small, suppression

MEAN_DECIMALS = 2


def published_total(count: int, threshold: int) -> int | None:
    """A table's total as published: null when small, as the public page shows "fewer than 10"
    (its cells with people in them are then small too, so hidden)."""
    return None if is_small(count, threshold) else count


def cells(
    labels: Sequence[str],
    counts: Sequence[int],
    threshold: int,
    *,
    adds_up: bool = True,
    suppress: bool = True,
) -> list[dict[str, Any]]:
    """One table's cells. When the cells add up to a total that is shown, more cells are hidden
    so the total cannot give a small one away; when they do not (people may choose several
    options), only the small counts themselves are hidden. Unless not to `suppress`."""
    if not suppress:
        states = [""] * len(counts)
    elif adds_up:
        states = suppression(counts, threshold)
    else:
        states = ["small" if is_small(count, threshold) else "" for count in counts]
    return [
        {"label": label, "count": None if state else count, "suppressed": bool(state)}
        for label, count, state in zip(labels, counts, states, strict=True)
    ]


# -- tables ------------------------------------------------------------------------------------
def _labels_in_order(offered: Sequence[str], counted: dict[str, Any]) -> list[str]:
    """The offered labels in their order, then any counted ones no longer offered (an option
    reworded after people answered), so every answer is counted somewhere."""
    return [*offered, *(label for label in counted if label not in offered)]


@dataclass(frozen=True)
class _Publish:
    """How tables are published. Without `suppress` counts are left as they are, for the
    public page to suppress itself (it tells "fewer than 10" from "hidden"); what is never
    published for a few people (averages) follows `threshold` either way."""

    threshold: int
    suppress: bool

    def total(self, count: int) -> int | None:
        return published_total(count, self.threshold) if self.suppress else count

    def cells(
        self, labels: Sequence[str], counts: Sequence[int], *, adds_up: bool = True
    ) -> list[dict[str, Any]]:
        return cells(labels, counts, self.threshold, adds_up=adds_up, suppress=self.suppress)


def _options_result(question: CountedQuestion, counts: dict[str, int], publish: _Publish) -> dict:
    offered = AGREE_SCALE if question.kind == QuestionKind.AGREE_SCALE else question.options
    several = question.kind == QuestionKind.MULTIPLE_CHOICE
    if several and OTHER_LABEL in counts:
        offered = [*offered, OTHER_LABEL]
    labels = _labels_in_order(offered, counts)
    values = [counts.get(label, 0) for label in labels]
    return {"options": publish.cells(labels, values, adds_up=not several)}


def _grid_result(
    question: CountedQuestion, counts: dict[str, dict[str, int]], publish: _Publish
) -> dict:
    # Every statement has the same columns (the public page's table has one header row), so
    # each row is suppressed over the same cells on both.
    points = {label: 0 for picked in counts.values() for label in picked}
    labels = _labels_in_order(question.options or AGREE_SCALE, points)
    rows = []
    for statement in _labels_in_order(question.statements, counts):
        picked = counts.get(statement, {})
        values = [picked.get(label, 0) for label in labels]
        rows.append(
            {
                "statement": statement,
                "respondents": publish.total(sum(values)),
                "scale": publish.cells(labels, values),
            }
        )
    return {"statements": rows}


def _are_means_shown(
    places: Mapping[str, Mapping[int, int]], respondents: int, threshold: int
) -> bool:
    """Whether a ranking's average positions may be published. A mean of a few people's ranks
    would single them out; and as everyone ranks every option, an average times the number who
    answered is the sum of the option's places: with two options that gives the first choices
    back (hidden or not), with three and the first choices how many put each option in each
    place, and with more an average near either end still pins the few who differ. So averages
    are published only when no count behind them is small."""
    return respondents >= threshold and not any(
        is_small(count, threshold) for counts in places.values() for count in counts.values()
    )


def _mean_place(counts: Mapping[int, int]) -> float | None:
    ranked = sum(counts.values())
    if not ranked:
        return None
    return round(sum((place + 1) * n for place, n in counts.items()) / ranked, MEAN_DECIMALS)


def _ranking_result(
    question: CountedQuestion,
    places: Mapping[str, Mapping[int, int]],
    respondents: int,
    publish: _Publish,
) -> dict:
    labels = _labels_in_order(question.options, places)
    first = publish.cells(labels, [places.get(label, {}).get(0, 0) for label in labels])
    shown = _are_means_shown(places, respondents, publish.threshold)
    return {
        "rankings": [
            {
                "option": label,
                "first_choice": {key: cell[key] for key in ("count", "suppressed")},
                "mean_rank": _mean_place(places[label]) if shown and label in places else None,
            }
            for label, cell in zip(labels, first, strict=True)
        ]
    }


def _number_result(figures: tuple[int, float], publish: _Publish) -> dict:
    count, total = figures
    hidden = is_small(count, publish.threshold)
    return {
        "number": {
            "answered": publish.total(count),
            "mean": None if hidden or not count else round(total / count, MEAN_DECIMALS),
            "suppressed": hidden,
        }
    }


def question_results(
    consultation_ids: Sequence[int],
    *,
    threshold: int,
    counted: Mapping[int, Collection[str]],
    suppress: bool = True,
) -> dict[int, list[dict[str, Any]]]:
    """Consultation id -> the results of its closed questions, in questionnaire order, counting
    the answers of the parts in `counted` (counted_parts() of the consultations) only."""
    questions = list_questions(consultation_ids)
    parts = {question.id: counted.get(question.consultation_id, ()) for question in questions}
    by_kind: dict[QuestionKind, list[int]] = defaultdict(list)
    for question in questions:
        by_kind[question.kind].append(question.id)
    choice_ids = [qid for kind in CHOICE_KINDS for qid in by_kind[kind]]
    respondents = count_respondents(list(parts), parts)
    choices = count_choices(choice_ids, parts)
    multiple = count_multiple_choices(by_kind[QuestionKind.MULTIPLE_CHOICE], parts)
    grids = count_grid_points(by_kind[QuestionKind.GRID], parts)
    rankings = count_ranking_places(by_kind[QuestionKind.RANKING], parts)
    numbers = sum_numbers(by_kind[QuestionKind.NUMBER], parts)
    publish = _Publish(threshold=threshold, suppress=suppress)
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for question in questions:
        answered = respondents.get(question.id, 0)
        if question.kind in CHOICE_KINDS:
            figures = _options_result(question, choices.get(question.id, {}), publish)
        elif question.kind == QuestionKind.MULTIPLE_CHOICE:
            figures = _options_result(question, multiple.get(question.id, {}), publish)
        elif question.kind == QuestionKind.GRID:
            figures = _grid_result(question, grids.get(question.id, {}), publish)
        elif question.kind == QuestionKind.RANKING:
            figures = _ranking_result(question, rankings.get(question.id, {}), answered, publish)
        else:
            figures = _number_result(numbers.get(question.id, (0, 0.0)), publish)
        found[question.consultation_id].append(
            {
                "question_id": question.id,
                "kind": question.kind.value,
                "text": question.text,
                "respondents": publish.total(answered),
                **figures,
            }
        )
    return found


def response_totals(consultation_ids: Sequence[int], *, threshold: int) -> dict[int, dict]:
    """Consultation id -> submitted responses in all and by channel (every channel listed), by
    the rule of involve.services.response_parts that the public pages follow: when few
    organisations or councillors responded, the total is null and the channel table leaves
    them out, or the total less the individuals shown on "We asked, you said, we did" (or the
    difference between the two channel tables) would give their number away."""
    counted = channels_by_part(consultation_ids)
    totals = {}
    for consultation_id in consultation_ids:
        by_part = counted.get(consultation_id, {})
        sizes = {part: sum(by_part.get(part, {}).values()) for part in PARTS}
        parts = parts_counted(by_part, threshold)
        hidden = is_total_hidden(sizes, threshold)
        totals[consultation_id] = {
            "total": None if hidden else sum(sizes.values()),
            "suppressed": hidden,
            "by_channel": [
                {"channel": channel, "count": None if state else count, "suppressed": bool(state)}
                for channel, count, state in channel_table(by_part, parts, threshold)
            ],
            "by_channel_leaves_out": left_out(parts),
        }
    return totals
