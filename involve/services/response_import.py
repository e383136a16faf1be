"""Reading and checking a spreadsheet of offline responses, before anything is stored.

The columns follow the export's layout (involve/services/exports.py): channel, date_received,
then per question one column, or one per option of a multiple-choice question (1 chosen, 0 not)
plus "<question> - Other", one per statement of a grid, one per option of a ranking holding its
rank; then responding_as, organisation_name, age_band, economic_activity, postcode. Each row is turned into the
form fields the questionnaire engine reads (q<id>, q<id>-day, q<id>-s<n>, q<id>-o<n>), so an
imported answer obeys exactly the rules of an answer typed online. Rows are numbered as a
spreadsheet shows them: the header is row 1. No database access here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from involve.forms import remove_unprintable
from involve.models import (
    AgeBand,
    Channel,
    QuestionKind,
    QuestionPage,
    RespondingAs,
)
from involve.questionnaire.answers import (
    OTHER,
    ParsedAnswer,
    field_name,
    parse_answer,
)
from involve.questionnaire.postcodes import normalise_postcode
from involve.questionnaire.routing import visible_pages
from involve.services.economic_activity import parse_economic_activity
from involve.services.response_import_columns import (
    CHANNEL_HEADER,
    DATE_HEADER,
    PROFILE_HEADERS,
    ImportColumn,
    import_columns,
)
from involve.services.response_import_files import (
    DEFAULT_MAX_ROWS,
    Problem,
    header_key,
    is_blank,
    read_table,
)
from involve.services.response_labels import AGE_BAND_LABELS, RESPONDING_AS_LABELS
from involve.services.responses import optional_copy

OFFLINE_CHANNELS = tuple(channel for channel in Channel if channel != Channel.ONLINE)
_TRUE, _FALSE = {"1", "yes", "y", "true", "x"}, {"0", "no", "n", "false"}
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True)
class Profile:
    responding_as: RespondingAs | None = None
    organisation_name: str = ""
    age_band: AgeBand | None = None
    postcode: str = ""
    economic_activity: str = ""


@dataclass(frozen=True)
class ParsedRow:
    row: int
    channel: Channel
    received_on: date
    answers: dict[int, ParsedAnswer]  # question id -> answer, visible questions with a value
    profile: Profile
    skipped: int = 0  # answers given to questions that routing hides: not stored


@dataclass(frozen=True)
class DateWindow:
    """The dates a response may have been received on."""

    earliest: date
    latest: date
    message: str  # what to say when a date falls outside


# -- checking rows ---------------------------------------------------------------------------


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return remove_unprintable(str(cell)).strip()


def parse_date(cell: Any) -> date | None:
    """YYYY-MM-DD or DD/MM/YYYY (or a date cell of a workbook); None when not a real date."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = _text(cell)
    match = _YMD.match(text)
    parts = (match[1], match[2], match[3]) if match else None
    if parts is None and (match := _DMY.match(text)):
        parts = (match[3], match[2], match[1])
    if parts is None:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def _by_label(text: str, labels: Mapping[Any, str], enum: type) -> Any:
    wanted = text.casefold().replace(" ", "_")
    for member in enum:
        if wanted == member.value.casefold() or text.casefold() == labels[member].casefold():
            return member
    return None


def parse_channel(cell: Any) -> Channel | None:
    text = " ".join(_text(cell).split()).casefold()
    for channel in OFFLINE_CHANNELS:
        if text in (channel.value, channel.value.replace("_", " ")):
            return channel
    return None


class _RowReader:
    """Checks one row, collecting every problem rather than stopping at the first."""

    def __init__(self, number: int, cells: Mapping[str, Any]) -> None:
        self.number = number
        self.cells = cells
        self.problems: list[Problem] = []

    def cell(self, header: str) -> Any:
        return self.cells.get(header)

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.number, column, message))


def _answer_form(reader: _RowReader, columns: Sequence[ImportColumn]) -> dict[str, Any]:
    """The row as the form fields parse_answer reads."""
    form: dict[str, Any] = {}
    for column in columns:
        cell, name = reader.cell(column.header), column.field
        text = _text(cell)
        if column.option is not None:
            if text.casefold() in _TRUE:
                form.setdefault(name, []).append(column.option)
            elif text and text.casefold() not in _FALSE:
                reader.problem(column.header, "Enter 1 if the option was chosen, or 0 if not")
        elif name.endswith("-other") and column.question.kind == QuestionKind.MULTIPLE_CHOICE:
            if text:
                form.setdefault(field_name(column.question), []).append(OTHER)
                form[name] = text
        elif column.question.kind == QuestionKind.DATE:
            if not text:
                continue
            parsed = parse_date(cell)
            if parsed is None:
                reader.problem(column.header, "Enter a real date as YYYY-MM-DD or DD/MM/YYYY")
                form[f"{name}-day"] = "?"  # known bad: keep it from reading as blank
                continue
            form.update(
                {
                    f"{name}-day": str(parsed.day),
                    f"{name}-month": str(parsed.month),
                    f"{name}-year": f"{parsed.year:04d}",
                }
            )
        else:
            form[name] = text
    return form


def _parse_answers(
    reader: _RowReader,
    pages: Sequence[QuestionPage],
    columns: Sequence[ImportColumn],
    long_text_max: int,
) -> tuple[dict[int, ParsedAnswer], int]:
    form = _answer_form(reader, columns)
    first_column = {}
    for column in columns:
        first_column.setdefault(column.question.id, column.header)
    reported = {problem.column for problem in reader.problems}
    answers, skipped = parse_visible_answers(pages, form, long_text_max=long_text_max)
    for question_id, answer in answers.items():
        header = first_column.get(question_id, "")
        if answer.error and header not in reported:
            reader.problem(header, answer.error)
    return {qid: answer for qid, answer in answers.items() if answer.value is not None}, skipped


def parse_visible_answers(
    pages: Sequence[QuestionPage], form: Mapping[str, Any], *, long_text_max: int
) -> tuple[dict[int, ParsedAnswer], int]:
    """Answers to the questions on pages that routing shows, given what was answered, with
    every rule of the online journey; and how many answers were given to hidden questions."""
    loose = {
        question.id: parse_answer(optional_copy(question), form, long_text_max=long_text_max)
        for page in pages
        for question in page.questions
    }
    shown = visible_pages(pages, {qid: answer.value for qid, answer in loose.items()})
    shown_ids = {question.id for page in shown for question in page.questions}
    answers = {
        question.id: parse_answer(question, form, long_text_max=long_text_max)
        for page in shown
        for question in page.questions
    }
    skipped = sum(
        1 for qid, answer in loose.items() if qid not in shown_ids and answer.value is not None
    )
    return answers, skipped


def _parse_profile(reader: _RowReader) -> Profile:
    responding_as = age_band = None
    text = _text(reader.cell("responding_as"))
    if text:
        responding_as = _by_label(text, RESPONDING_AS_LABELS, RespondingAs)
        if responding_as is None:
            reader.problem("responding_as", "Enter individual or organisation")
    name = _text(reader.cell("organisation_name"))
    if len(name) > 200:
        reader.problem("organisation_name", "Name must be 200 characters or fewer")
    elif name and responding_as != RespondingAs.ORGANISATION:
        reader.problem(
            "organisation_name",
            "Enter organisation in responding_as, or leave organisation_name blank",
        )
    text = _text(reader.cell("age_band"))
    if text:
        age_band = _by_label(text, AGE_BAND_LABELS, AgeBand)
        if age_band is None:
            reader.problem("age_band", "Enter an age band, like 18_24 or 65_74")
    postcode = _text(reader.cell("postcode"))
    if postcode:
        normalised = normalise_postcode(postcode)
        if normalised is None:
            reader.problem("postcode", "Enter a full UK postcode, like GL5 4UB")
        postcode = normalised or ""
    activity = _parse_economic_activity(reader, responding_as, age_band)
    return Profile(responding_as, name, age_band, postcode, activity)


def _parse_economic_activity(
    reader: _RowReader, responding_as: RespondingAs | None, age_band: AgeBand | None
) -> str:
    """Asked only of individuals aged 16 or over, as online (involve.services.about_you)."""
    activity = parse_economic_activity(_text(reader.cell("economic_activity")))
    if activity is None:
        reader.problem("economic_activity", "Enter what they do, like employed or retired")
        return ""
    if activity and responding_as == RespondingAs.ORGANISATION:
        reader.problem("economic_activity", "Leave economic_activity blank for an organisation")
    elif activity and age_band == AgeBand.UNDER_16:
        reader.problem("economic_activity", "Leave economic_activity blank for someone under 16")
    return activity


def _parse_row(
    number: int,
    cells: Mapping[str, Any],
    *,
    pages: Sequence[QuestionPage],
    columns: Sequence[ImportColumn],
    window: DateWindow,
    long_text_max: int,
) -> tuple[ParsedRow | None, list[Problem]]:
    reader = _RowReader(number, cells)
    channel = parse_channel(reader.cell(CHANNEL_HEADER))
    if channel is None:
        allowed = ", ".join(channel.value for channel in OFFLINE_CHANNELS)
        reader.problem(CHANNEL_HEADER, f"Enter one of: {allowed}")
    received_on = None
    if is_blank(reader.cell(DATE_HEADER)):
        reader.problem(DATE_HEADER, "Enter the date the response was received")
    else:
        received_on = parse_date(reader.cell(DATE_HEADER))
        if received_on is None:
            reader.problem(DATE_HEADER, "Enter a real date as YYYY-MM-DD or DD/MM/YYYY")
        elif not window.earliest <= received_on <= window.latest:
            reader.problem(DATE_HEADER, window.message)
    answers, skipped = _parse_answers(reader, pages, columns, long_text_max)
    profile = _parse_profile(reader)
    if reader.problems or channel is None or received_on is None:
        return None, reader.problems
    return ParsedRow(number, channel, received_on, answers, profile, skipped), []


def _check_header(header: Sequence[str], columns: Sequence[ImportColumn]) -> list[Problem]:
    known = {header_key(name) for name in (CHANNEL_HEADER, DATE_HEADER, *PROFILE_HEADERS)}
    known.update(header_key(column.header) for column in columns)
    problems = [
        Problem(1, name, "Unknown column: remove it, or use the headings of the template")
        for name in header
        if header_key(name) not in known
    ]
    present = {header_key(name) for name in header}
    required = [CHANNEL_HEADER, DATE_HEADER]
    required += [column.header for column in columns if column.question.required]
    problems += [
        Problem(1, name, "This column is missing: add it, as in the template")
        for name in required
        if header_key(name) not in present
    ]
    return problems


def check_rows(
    *,
    pages: Sequence[QuestionPage],
    header: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    window: DateWindow,
    long_text_max: int,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> tuple[list[ParsedRow], list[Problem]]:
    """Every row parsed, or every problem found (then the parsed rows must not be stored).
    rows[0] is spreadsheet row 2; an empty dict is a blank row and is skipped."""
    columns = import_columns(pages)
    problems = _check_header(header, columns)
    if problems:
        return [], problems  # with the wrong columns, every row would repeat the same problems
    by_key = {header_key(name): name for name in header}
    parsed: list[ParsedRow] = []
    data_rows = [row for row in rows if row]
    if not data_rows:
        return [], [Problem(2, "", "The file has no responses in it")]
    if len(data_rows) > max_rows:
        return [], [Problem(max_rows + 2, "", f"The file has more than {max_rows:,} rows")]
    for number, row in enumerate(rows, start=2):
        if not row:
            continue
        cells = {
            name: row.get(by_key.get(header_key(name), name)) for name in _all_headers(columns)
        }
        result, row_problems = _parse_row(
            number, cells, pages=pages, columns=columns, window=window, long_text_max=long_text_max
        )
        problems.extend(row_problems)
        if result is not None:
            parsed.append(result)
    return (parsed if not problems else []), problems


def _all_headers(columns: Sequence[ImportColumn]) -> list[str]:
    return [CHANNEL_HEADER, DATE_HEADER, *(column.header for column in columns), *PROFILE_HEADERS]


def check_file(
    content: bytes,
    *,
    pages: Sequence[QuestionPage],
    window: DateWindow,
    long_text_max: int,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> tuple[list[ParsedRow], list[Problem]]:
    """Read and check a whole file; raises UnreadableFile when it is not a CSV or XLSX table."""
    table = read_table(content, max_rows=max_rows)
    parsed, problems = check_rows(
        pages=pages,
        header=table.header,
        rows=table.rows,
        window=window,
        long_text_max=long_text_max,
        max_rows=max_rows,
    )
    problems = sorted([*table.problems, *problems], key=lambda problem: problem.row)
    return (parsed if not problems else []), problems
