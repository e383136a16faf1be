"""Responses as CSV and XLSX with fixed columns: pure functions from questions and answers to
rows, so the layout can be tested without a database.

Columns: reference, submitted_at, channel; then per question in page order one column, or for
a multiple-choice question one per option (1 chosen, 0 not, blank if unanswered) plus
"<question> - Other", for a grid one per statement, for a ranking one per option holding its
rank; then the "about you" profile without contact details. Equality answers are never here.

By default every free-text cell (text answers and "other" texts) is redacted with
analysis.privacy (the respondent's own details and the council's list of names as extra terms)
and postcode answers are cut to their outward code. An export "with personal data" (which needs
its own permission and a reason, recorded in the access log) leaves the text as written and adds
the respondent's name, e-mail address and postcode.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from analysis.privacy import redact
from involve.models import (
    AccessAction,
    Consultation,
    Officer,
    Question,
    QuestionKind,
    RespondentProfile,
)
from involve.services.access_log import record_access
from involve.services.audit import record_event

Cell = str | int | None
FIXED_HEADERS = ("reference", "submitted_at", "channel")
PROFILE_HEADERS = (
    "responding_as",
    "organisation_type",
    "organisation_name",
    "connections",
    "elected_status",
    "age_band",
    "ward_code",
)
# Added only to an export with personal data.
PERSONAL_HEADERS = ("name", "email", "postcode")
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
_OUTWARD = re.compile(r"^\s*([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)")
# What a spreadsheet may read as the start of a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CellKind(StrEnum):
    """What a column holds, so the export knows what to redact."""

    PLAIN = "plain"
    FREE_TEXT = "free_text"  # a text answer or an "other" text: redacted by default
    POSTCODE = "postcode"  # a postcode answer: its outward code by default


@dataclass(frozen=True)
class ExportColumn:
    header: str
    question_id: int
    cell: Callable[[Any], Cell]  # the stored answer value (never None) -> the cell
    kind: CellKind = CellKind.PLAIN


@dataclass(frozen=True)
class ExportResponse:
    reference: str
    submitted_at: datetime | None
    channel: str
    answers: Mapping[int, Any]  # question id -> stored value
    profile: RespondentProfile | None
    # The respondent's own details, redacted from their free text wherever they appear.
    respondent_terms: tuple[str, ...] = ()


def is_formula_like(value: Cell) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def make_safe(value: Cell) -> Cell:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe."""
    return f"'{value}" if is_formula_like(value) else value


def _choice_cell(option: str) -> Callable[[Any], Cell]:
    def cell(value: Any) -> Cell:
        choices = value.get("choices", []) if isinstance(value, dict) else []
        return 1 if option in choices else 0

    return cell


def _other_cell(value: Any) -> Cell:
    return str(value.get("other", "")) if isinstance(value, dict) else ""


def _grid_cell(statement: str) -> Callable[[Any], Cell]:
    def cell(value: Any) -> Cell:
        return str(value.get(statement, "")) if isinstance(value, dict) else ""

    return cell


def _rank_cell(option: str) -> Callable[[Any], Cell]:
    def cell(value: Any) -> Cell:
        return value.index(option) + 1 if isinstance(value, list) and option in value else None

    return cell


def _plain_cell(value: Any) -> Cell:
    return value if isinstance(value, int) and not isinstance(value, bool) else str(value)


def export_columns(questions: Sequence[Question]) -> list[ExportColumn]:
    """The answer columns, for questions already in page and position order."""
    columns = []
    for question in questions:
        text, kind = question.text, question.kind
        if kind == QuestionKind.MULTIPLE_CHOICE:
            for option in question.options:
                columns.append(
                    ExportColumn(f"{text} - {option}", question.id, _choice_cell(option))
                )
            if question.allow_other:
                columns.append(
                    ExportColumn(f"{text} - Other", question.id, _other_cell, CellKind.FREE_TEXT)
                )
        elif kind == QuestionKind.GRID:
            for statement in question.statements:
                columns.append(
                    ExportColumn(f"{text} - {statement}", question.id, _grid_cell(statement))
                )
        elif kind == QuestionKind.RANKING:
            for option in question.options:
                columns.append(ExportColumn(f"{text} - {option}", question.id, _rank_cell(option)))
        else:
            cell_kind = (
                CellKind.FREE_TEXT
                if kind in TEXT_KINDS
                else CellKind.POSTCODE
                if kind == QuestionKind.POSTCODE
                else CellKind.PLAIN
            )
            columns.append(ExportColumn(text, question.id, _plain_cell, cell_kind))
    return columns


def unique_headers(headers: Iterable[str]) -> list[str]:
    """Repeated headers get " (2)", " (3)"... so every column can be told apart."""
    seen: set[str] = set()
    result = []
    for header in headers:
        candidate, number = header, 1
        while candidate in seen:
            number += 1
            candidate = f"{header} ({number})"
        seen.add(candidate)
        result.append(candidate)
    return result


def header_row(columns: Sequence[ExportColumn], *, personal: bool = False) -> list[str]:
    return unique_headers(
        [
            *FIXED_HEADERS,
            *(column.header for column in columns),
            *PROFILE_HEADERS,
            *(PERSONAL_HEADERS if personal else ()),
        ]
    )


def _profile_cells(profile: RespondentProfile | None) -> list[Cell]:
    if profile is None:
        return [""] * len(PROFILE_HEADERS)
    return [
        profile.responding_as or "",
        profile.organisation_type or "",
        profile.organisation_name,
        "; ".join(profile.connections or []),
        profile.elected_status or "",
        profile.age_band or "",
        profile.ward_code,
    ]


def _iso_utc(moment: datetime | None) -> str:
    return moment.astimezone(UTC).isoformat() if moment is not None else ""


def outward_code(postcode: str) -> str:
    """ "GL5" of "GL5 4UB": a district of thousands of people, not one household."""
    found = _OUTWARD.match(postcode)
    return found.group(1).upper() if found else ""


def _safe_cell(column: ExportColumn, cell: Cell, terms: Sequence[str]) -> Cell:
    if not isinstance(cell, str) or not cell:
        return cell
    if column.kind == CellKind.FREE_TEXT:
        return redact(cell, terms)
    if column.kind == CellKind.POSTCODE:
        return outward_code(cell)
    return cell


def response_cells(
    columns: Sequence[ExportColumn],
    response: ExportResponse,
    *,
    council_terms: Sequence[str] = (),
    personal: bool = False,
) -> list[Cell]:
    """One response as cells in header_row order (not yet made safe for spreadsheets).

    Free text is redacted (with the council's list of names and the respondent's own details
    as extra terms) unless `personal`, which instead adds the contact details."""
    terms = [*council_terms, *response.respondent_terms]
    cells: list[Cell] = [response.reference, _iso_utc(response.submitted_at), response.channel]
    for column in columns:
        value = response.answers.get(column.question_id)
        cell = None if value is None else column.cell(value)
        cells.append(cell if personal else _safe_cell(column, cell, terms))
    cells.extend(str(cell) if cell is not None else "" for cell in _profile_cells(response.profile))
    if personal:
        profile = response.profile
        cells.extend([profile.name, profile.email, profile.postcode] if profile else ["", "", ""])
    return cells


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Iterator[str]:
    """CSV text, a line at a time, with a byte-order mark so Excel reads it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells: Sequence[Cell]) -> str:
        writer.writerow(["" if cell is None else make_safe(cell) for cell in cells])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff" + line(header)
    for row in rows:
        yield line(row)


def _xlsx_cell(sheet: Any, value: Cell) -> Any:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # Always text, never a formula; quotePrefix keeps it text when someone edits the cell.
        cell.data_type = "s"
        cell.quotePrefix = is_formula_like(value)
    return cell


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]], *, title: str) -> bytes:
    """An XLSX workbook with one sheet, written row by row (openpyxl's write-only mode)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=re.sub(r"[\[\]:*?/\\]", "", title)[:31] or "Responses")
    sheet.append([_xlsx_cell(sheet, value) for value in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def export_filename(slug: str, extension: str, *, today: datetime) -> str:
    """A filename safe in a Content-Disposition header and on any file system."""
    safe = re.sub(r"[^a-z0-9-]+", "-", slug.lower()).strip("-")[:80] or "consultation"
    return f"{safe}-responses-{today:%Y-%m-%d}.{extension}"


def record_export(
    *,
    actor: Officer,
    consultation: Consultation,
    file_format: str,
    count: int,
    personal_reason: str = "",
) -> None:
    """Every export is in the audit log (who took which responses out, and in what form) and
    the access log; one with personal data (`personal_reason` given) is logged as such, with
    the officer's reason."""
    personal = bool(personal_reason)
    with_what = " with personal data" if personal else ""
    record_event(
        actor=actor,
        action="responses.exported",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Exported {count} responses to {consultation.title} as "
        f"{file_format.upper()}{with_what}",
        detail={"format": file_format, "count": count, "personal_data": personal},
    )
    record_access(
        officer=actor,
        action=AccessAction.EXPORT_PERSONAL_DATA if personal else AccessAction.EXPORT_RESPONSES,
        object_type="consultation",
        object_id=consultation.id,
        consultation_id=consultation.id,
        reason=personal_reason,
        detail={"format": file_format, "count": count},
    )
