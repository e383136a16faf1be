"""The answers to a consultation's closed questions as simple tables for "We asked, you said, we
did", with small numbers suppressed as everywhere else on the public site.

The counts come from the open-data aggregation (GROUP BY queries, a fixed number whatever the
size of the consultation), asked for unsuppressed, so this module can say which hidden cells are
small ("fewer than 10") and which are hidden only so a small one cannot be worked out ("hidden"),
as the representativeness tables do. They count the answers of the parts of the responses the
channel table counts (involve.services.counted_parts), as the open-data API does, and averages
the API would not publish come back as None.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from involve.models import QuestionKind
from involve.services.open_data_results import question_results
from involve.services.small_numbers import cell_text, count_text, suppression


@dataclass(frozen=True)
class ResultTable:
    question: str
    answered: str  # how many answered, as published
    headers: list[str]
    rows: list[list[str]]  # the first cell of each row is its header
    note: str = ""


def _column(cells: list[dict[str, Any]], threshold: int, *, adds_up: bool) -> list[str]:
    """The published text of one table's counts: cells that add up to a shown total get the
    secondary suppression too; cells that do not (people could choose several) only hide the
    small ones."""
    counts = [int(cell["count"] or 0) for cell in cells]
    if not adds_up:
        return [count_text(count, threshold) for count in counts]
    states = suppression(counts, threshold)
    return [cell_text(count, state, threshold) for count, state in zip(counts, states, strict=True)]


def _options(result: dict[str, Any], threshold: int) -> tuple[list[str], list[list[str]], str]:
    several = result["kind"] == QuestionKind.MULTIPLE_CHOICE
    cells = result["options"]
    texts = _column(cells, threshold, adds_up=not several)
    note = "People could choose more than one answer." if several else ""
    return ["Answer", "People"], [[c["label"], t] for c, t in zip(cells, texts, strict=True)], note


def _grid(result: dict[str, Any], threshold: int) -> tuple[list[str], list[list[str]], str]:
    statements = result["statements"]
    scale = [cell["label"] for cell in statements[0]["scale"]] if statements else []
    rows = []
    for statement in statements:
        by_label = {cell["label"]: cell for cell in statement["scale"]}
        cells = [by_label.get(label, {"count": 0}) for label in scale]
        rows.append([statement["statement"], *_column(cells, threshold, adds_up=True)])
    return ["Statement", *scale], rows, ""


def _ranking(result: dict[str, Any], threshold: int) -> tuple[list[str], list[list[str]], str]:
    rankings = result["rankings"]
    firsts = _column([item["first_choice"] for item in rankings], threshold, adds_up=True)
    rows = [
        [
            item["option"],
            first,
            f"{item['mean_rank']:.1f}" if item["mean_rank"] is not None else "hidden",
        ]
        for item, first in zip(rankings, firsts, strict=True)
    ]
    hidden = bool(result["respondents"]) and all(item["mean_rank"] is None for item in rankings)
    note = (
        "The average positions are hidden: with the other numbers, they would let someone work "
        "out how a few people ranked the options."
        if hidden
        else ""
    )
    return ["Option", "Ranked first", "Average position (1 is top)"], rows, note


def _number(result: dict[str, Any], threshold: int) -> tuple[list[str], list[list[str]], str]:
    figures = result["number"]
    answered, mean = figures["answered"], figures["mean"]
    return (
        ["Figure", "Value"],
        [
            ["People who gave a number", count_text(answered, threshold)],
            ["Average", f"{mean:,.1f}" if mean is not None else "hidden"],
        ],
        "",
    )


def result_tables(
    consultation_id: int, *, threshold: int, parts: Collection[str]
) -> list[ResultTable]:
    """One table per closed question, in questionnaire order, counting the answers of these
    parts of the responses (counted_parts) only."""
    results = question_results(
        [consultation_id], threshold=threshold, counted={consultation_id: parts}, suppress=False
    )
    tables = []
    for result in results.get(consultation_id, []):
        kind = result["kind"]
        if "options" in result:
            headers, rows, note = _options(result, threshold)
        elif kind == QuestionKind.GRID:
            headers, rows, note = _grid(result, threshold)
        elif kind == QuestionKind.RANKING:
            headers, rows, note = _ranking(result, threshold)
        else:
            headers, rows, note = _number(result, threshold)
        tables.append(
            ResultTable(
                question=result["text"],
                answered=count_text(result["respondents"], threshold),
                headers=headers,
                rows=rows,
                note=note,
            )
        )
    return tables
