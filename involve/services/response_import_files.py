"""Reading an uploaded CSV or XLSX file into a header and rows of cells, told apart by content.

XLSX is a ZIP holding xl/workbook.xml, read with openpyxl in read-only mode; anything else is
read as CSV, decoded as UTF-8 (with or without a byte-order mark) or else Windows-1252.
Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook

from involve.services import exports

DEFAULT_MAX_ROWS = 5_000
NOT_A_SPREADSHEET = "The selected file must be a CSV or XLSX file"
# An XLSX is a ZIP: a few kilobytes can unpack to gigabytes (a "zip bomb"). 5,000 rows of long
# answers unpack to tens of megabytes; refuse a file that says it unpacks to more than this.
XLSX_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
TOO_BIG_UNPACKED = "The selected file is too large once unpacked: split it into smaller files"


@dataclass(frozen=True)
class Problem:
    row: int  # as a spreadsheet numbers it: 1 is the header
    column: str  # the column's heading ("" for the whole row or file)
    message: str


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[dict[str, Any]]  # header -> cell, in file order, from spreadsheet row 2
    problems: list[Problem] = field(default_factory=list)


class UnreadableFile(ValueError):
    pass


def header_key(header: str) -> str:
    text = header.lstrip("\ufeff").strip()
    if text.startswith("'") and exports.is_formula_like(text[1:]):
        text = text[1:]  # the apostrophe the template adds so spreadsheets keep it as text
    return " ".join(text.split()).casefold()


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def is_blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _header(raw: Sequence[Any]) -> tuple[list[str], list[Problem]]:
    cells = list(raw)
    while cells and is_blank(cells[-1]):
        cells.pop()
    header = [str(cell).lstrip("\ufeff").strip() if cell is not None else "" for cell in cells]
    if not any(header):
        raise UnreadableFile("The selected file is empty")
    problems, seen = [], set()
    for name in header:
        if name and header_key(name) in seen:
            problems.append(Problem(1, name, "Two columns have this heading: remove one"))
        seen.add(header_key(name))
    return header, problems


def _cell_problems(number: int, header: Sequence[str], cells: Sequence[Any]) -> list[Problem]:
    problems = [
        Problem(number, _column_letter(index), "This column has no heading")
        for index, name in enumerate(header)
        if not name and index < len(cells) and not is_blank(cells[index])
    ]
    beyond = [index for index in range(len(header), len(cells)) if not is_blank(cells[index])]
    if beyond:
        problems.append(
            Problem(number, _column_letter(beyond[0]), "This cell is outside the columns")
        )
    return problems


def _table(lines: Iterable[Sequence[Any]], *, max_rows: int) -> Table:
    iterator = iter(lines)
    try:
        header, problems = _header(next(iterator))
    except StopIteration:
        raise UnreadableFile("The selected file is empty") from None
    rows: list[dict[str, Any]] = []
    count = 0
    for number, cells in enumerate(iterator, start=2):
        if all(is_blank(cell) for cell in cells):
            rows.append({})
            continue
        count += 1
        if count > max_rows:
            problems.append(
                Problem(number, "", f"The file has more than {max_rows:,} rows: split it up")
            )
            break
        problems.extend(_cell_problems(number, header, cells))
        rows.append({name: cells[i] if i < len(cells) else None for i, name in enumerate(header)})
    while rows and not rows[-1]:
        rows.pop()
    return Table([name for name in header if name], rows, problems)


def is_xlsx(content: bytes) -> bool:
    if not content.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _unpacked_size(content: bytes) -> int:
    """What the ZIP's entries add up to once unpacked: the sizes it declares, which Python's
    zipfile never reads past, so a file cannot unpack to more than it admits here."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return sum(entry.file_size for entry in archive.infolist())


def _xlsx_lines(content: bytes, max_rows: int) -> Iterator[tuple[Any, ...]]:
    if _unpacked_size(content) > XLSX_MAX_UNPACKED_BYTES:
        raise UnreadableFile(TOO_BIG_UNPACKED)
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        filled = 0
        for row in sheet.iter_rows(values_only=True):
            # Formatted but empty rows at the end of a sheet are not responses: only rows with
            # something in them count, and one past the limit is enough for _table to report it.
            if not all(is_blank(cell) for cell in row):
                filled += 1
            yield row
            if filled > max_rows + 1:
                return
    finally:
        workbook.close()


def _csv_text(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def read_table(content: bytes, *, max_rows: int = DEFAULT_MAX_ROWS) -> Table:
    """The header and rows of a CSV or XLSX file, told apart by their content, not the name."""
    if not content.strip():
        raise UnreadableFile("The selected file is empty")
    if is_xlsx(content):
        try:
            return _table(list(_xlsx_lines(content, max_rows)), max_rows=max_rows)
        except UnreadableFile:
            raise
        except Exception as error:  # openpyxl raises many kinds on a damaged workbook
            raise UnreadableFile("The selected file could not be read as an XLSX file") from error
    if content.startswith(b"PK") or b"\x00" in content[:4096]:
        raise UnreadableFile(NOT_A_SPREADSHEET)
    text = _csv_text(content)
    try:
        return _table(csv.reader(io.StringIO(text, newline="")), max_rows=max_rows)
    except csv.Error as error:
        raise UnreadableFile(
            f"The selected file could not be read as a CSV file: {error}"
        ) from None
