"""Checking rows of an import without a database: columns, cells, routing and problems."""

from __future__ import annotations

from datetime import date

import pytest

from involve.models import Channel, Question, QuestionKind, QuestionPage
from involve.services.response_import import DateWindow, check_rows, parse_date
from involve.services.response_import_columns import template_header
from involve.services.response_import_files import UnreadableFile, read_table

WINDOW = DateWindow(date(2025, 1, 1), date(2025, 6, 30), "Date received is outside the window")


def _pages() -> list[QuestionPage]:
    first = QuestionPage(id=1, position=0, title="", show_if_value="")
    first.questions = [
        Question(
            id=10,
            position=0,
            kind=QuestionKind.SINGLE_CHOICE,
            text="Do you use the library?",
            required=True,
            options=["Yes", "No"],
            statements=[],
        ),
        Question(
            id=11,
            position=1,
            kind=QuestionKind.MULTIPLE_CHOICE,
            text="Which days?",
            required=False,
            options=["Monday", "Tuesday"],
            statements=[],
            allow_other=True,
        ),
    ]
    second = QuestionPage(id=2, position=1, title="", show_if_question_id=10, show_if_value="Yes")
    second.questions = [
        Question(
            id=12,
            position=0,
            kind=QuestionKind.NUMBER,
            text="How many visits a month?",
            required=False,
            options=[],
            statements=[],
        )
    ]
    return [first, second]


def _row(**cells: str) -> dict[str, str]:
    row = {"channel": "paper", "date_received": "2025-03-01", "Do you use the library?": "Yes"}
    row.update(cells)
    return row


def _check(rows: list[dict[str, str]], header: list[str] | None = None):  # type: ignore[no-untyped-def]
    pages = _pages()
    return check_rows(
        pages=pages,
        header=header or template_header(pages),
        rows=rows,
        window=WINDOW,
        long_text_max=1000,
    )


def test_the_template_header_follows_the_export_layout() -> None:
    assert template_header(_pages()) == [
        "channel",
        "date_received",
        "Do you use the library?",
        "Which days? - Monday",
        "Which days? - Tuesday",
        "Which days? - Other",
        "How many visits a month?",
        "responding_as",
        "organisation_name",
        "age_band",
        "economic_activity",
        "postcode",
    ]


def test_a_good_row_is_parsed_into_answers_shaped_like_online_ones() -> None:
    parsed, problems = _check(
        [
            _row(
                **{
                    "Which days? - Monday": "1",
                    "Which days? - Tuesday": "0",
                    "Which days? - Other": "Sundays",
                    "How many visits a month?": "4",
                    "channel": "Assisted digital",
                    "date_received": "15/03/2025",
                    "age_band": "18_24",
                    "postcode": "gl5 4ub",
                }
            )
        ]
    )
    assert problems == []
    [row] = parsed
    assert row.row == 2
    assert row.channel == Channel.ASSISTED_DIGITAL
    assert row.received_on == date(2025, 3, 15)
    assert row.answers[10].value == "Yes"
    assert row.answers[11].value == {"choices": ["Monday"], "other": "Sundays"}
    assert row.answers[12].value == 4
    assert row.profile.postcode == "GL5 4UB"


def test_answers_on_a_page_routing_hides_are_not_kept_but_counted() -> None:
    parsed, problems = _check(
        [_row(**{"Do you use the library?": "No", "How many visits a month?": "3"})]
    )
    assert problems == []
    assert 12 not in parsed[0].answers
    assert parsed[0].skipped == 1


def test_every_bad_cell_is_reported_by_row_and_column_and_nothing_is_returned() -> None:
    parsed, problems = _check(
        [
            _row(),
            _row(channel="online", date_received="31/02/2025"),
            _row(**{"Do you use the library?": "", "Which days? - Monday": "maybe"}),
        ]
    )
    assert parsed == []
    assert [(problem.row, problem.column) for problem in problems] == [
        (3, "channel"),
        (3, "date_received"),
        (4, "Which days? - Monday"),
        (4, "Do you use the library?"),
    ]
    assert problems[3].message == "Select an answer"


def test_a_date_outside_the_window_uses_the_window_message() -> None:
    _, problems = _check([_row(date_received="2024-12-31")])
    assert [(problem.row, problem.message) for problem in problems] == [
        (2, "Date received is outside the window")
    ]


def test_unknown_and_missing_columns_are_problems_in_row_one() -> None:
    header = ["channel", "Favourite colour", "Do you use the library?"]
    _, problems = _check([_row()], header=header)
    assert {
        (problem.row, problem.column, problem.message.split(":")[0]) for problem in problems
    } == {
        (1, "Favourite colour", "Unknown column"),
        (1, "date_received", "This column is missing"),
    }


def test_too_many_rows_is_a_problem() -> None:
    pages = _pages()
    _, problems = check_rows(
        pages=pages,
        header=template_header(pages),
        rows=[_row(), _row(), _row()],
        window=WINDOW,
        long_text_max=1000,
        max_rows=2,
    )
    assert problems[0].message == "The file has more than 2 rows"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025-03-01", date(2025, 3, 1)), ("1/3/2025", date(2025, 3, 1)), ("2025-02-30", None)],
)
def test_dates_are_read_in_both_formats(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_a_csv_with_a_byte_order_mark_or_in_windows_encoding_is_read() -> None:
    table = read_table("\ufeffchannel,date_received\r\npaper,2025-03-01\r\n".encode())
    assert table.header == ["channel", "date_received"]
    assert table.rows == [{"channel": "paper", "date_received": "2025-03-01"}]
    table = read_table("channel,Caf\xe9\npaper,cr\xe8me\n".encode("cp1252"))
    assert table.rows == [{"channel": "paper", "Café": "crème"}]


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused() -> None:
    with pytest.raises(UnreadableFile, match="must be a CSV or XLSX file"):
        read_table(b"%PDF-1.4\x00\x01binary")
    with pytest.raises(UnreadableFile, match="empty"):
        read_table(b"  ")


def test_formatted_empty_rows_at_the_end_of_a_workbook_are_not_counted() -> None:
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["channel", "date_received"])
    for _ in range(3):
        sheet.append(["paper", "2025-03-01"])
    sheet.cell(row=200, column=1, value="")  # a formatted but empty cell far below
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), max_rows=50)
    assert table.problems == []
    assert len(table.rows) == 3


def test_unprintable_characters_in_cells_are_removed() -> None:
    from involve.services.response_import import _text

    assert _text("Friends\x00 of the park\x1b") == "Friends of the park"
