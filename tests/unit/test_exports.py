"""The export layout and spreadsheet safety, as pure functions over questions and answers."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from involve.models import QuestionKind
from involve.services.exports import (
    ExportResponse,
    csv_lines,
    export_columns,
    export_filename,
    header_row,
    make_safe,
    response_cells,
    unique_headers,
)


def _question(question_id, kind, text, **fields):  # type: ignore[no-untyped-def]
    return SimpleNamespace(
        id=question_id,
        kind=kind,
        text=text,
        options=fields.get("options", []),
        statements=fields.get("statements", []),
        allow_other=fields.get("allow_other", False),
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_an_apostrophe(start):
    assert make_safe(f"{start}cmd|' /C calc'!A0") == f"'{start}cmd|' /C calc'!A0"


@pytest.mark.parametrize("value", ["Agree", "a=b", "", None, -5, 3])
def test_other_values_are_left_alone(value):
    assert make_safe(value) == value


def test_repeated_headers_are_numbered():
    assert unique_headers(["A", "B", "A", "A", "A (2)"]) == [
        "A",
        "B",
        "A (2)",
        "A (3)",
        "A (2) (2)",
    ]


def test_multiple_choice_with_other_gives_a_column_per_option_and_one_for_other():
    question = _question(
        7, QuestionKind.MULTIPLE_CHOICE, "Why?", options=["Cost", "Time"], allow_other=True
    )
    columns = export_columns([question])

    assert header_row(columns)[3:6] == ["Why? - Cost", "Why? - Time", "Why? - Other"]
    cells = response_cells(
        columns,
        ExportResponse(
            reference="K7M-Q9P-2XD",
            submitted_at=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
            channel="online",
            answers={7: {"choices": ["Time"], "other": "Parking"}},
            profile=None,
        ),
    )
    assert cells[:6] == ["K7M-Q9P-2XD", "2025-01-02T03:04:05+00:00", "online", 0, 1, "Parking"]
    assert cells[6:] == [""] * 7


def test_unanswered_questions_are_blank_not_zero():
    columns = export_columns(
        [
            _question(1, QuestionKind.MULTIPLE_CHOICE, "Why?", options=["Cost"]),
            _question(2, QuestionKind.RANKING, "Rank", options=["A", "B"]),
            _question(3, QuestionKind.GRID, "Rate", statements=["X"]),
        ]
    )
    cells = response_cells(
        columns,
        ExportResponse(reference="R", submitted_at=None, channel="paper", answers={}, profile=None),
    )
    assert cells[1] == ""
    assert cells[3:7] == [None, None, None, None]


def test_csv_lines_start_with_a_byte_order_mark_and_make_cells_safe():
    text = "".join(csv_lines(["a", "=b"], [["@x", 1, None]]))

    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text.removeprefix("\ufeff")))) == [
        ["a", "'=b"],
        ["'@x", "1", ""],
    ]


def test_filenames_keep_only_safe_characters():
    today = datetime(2025, 6, 1, tzinfo=UTC)
    assert export_filename('a"b/../c d', "csv", today=today) == "a-b-c-d-responses-2025-06-01.csv"
    assert export_filename("", "xlsx", today=today) == "consultation-responses-2025-06-01.xlsx"
