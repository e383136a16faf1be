"""Loading Census 2021 tables into ReferenceDistribution rows, one per area and table.

Reads three layouts: the ONS bulk download (`date, geography, geography code`, then one column
per category, e.g. "Economic activity status: Economically inactive: Retired"), so any TS table a
council downloads (TS038 disability, TS021 ethnic group …) goes in the same way; the long age x
sex extract shipped in data/ons/; and the ONS census-quiz percentages. Running an import again
updates the rows it finds changed and adds none twice.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from involve.extensions import db
from involve.models import Officer, ReferenceDistribution, Ward
from involve.models.base import utc_now
from involve.services.audit import record_event
from involve.services.errors import DomainError
from involve.services.reference_groups import OGL_ATTRIBUTION

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "ons"
SHIPPED_FILES = (
    "census2021_ltla_age_sex.csv",
    "census2021-ts007a-ltla.csv",
    "census2021-ts008-ltla.csv",
    "census2021-ts066-ltla.csv",
    "ons_census_quiz_2021_ltla_subset.csv",
)
SOURCE = "Office for National Statistics, Census 2021"
# The theme before the first ":" of a bulk table's columns -> (table, dimension, title).
KNOWN_THEMES = {
    "age": ("TS007A", "age_five_year", "Age by five-year age bands"),
    "sex": ("TS008", "sex", "Sex"),
    "economic activity status": ("TS066", "economic_activity", "Economic activity status"),
    "disability": ("TS038", "disability", "Disability"),
    "ethnic group": ("TS021", "ethnic_group", "Ethnic group"),
}
BULK_KEYS = ("date", "geography", "geography code")
MAX_FILE_BYTES = 200 * 1024 * 1024
# The largest count a category can have: far above any area's population (England's is 57
# million), and small enough that every statistic stays a finite float.
MAX_COUNT = 100_000_000


class CensusFileError(DomainError):
    """The file is not one the import understands; the message says what was expected."""


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    tables: set[str] = field(default_factory=set)

    def describe(self) -> str:
        tables = ", ".join(sorted(self.tables)) or "none"
        return f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged ({tables})"


@dataclass(frozen=True)
class _Parsed:
    table_code: str
    dimension: str
    title: str
    unit: str
    notes: str
    # area code -> (area name, categories, total)
    areas: dict[str, tuple[str, dict[str, float], float | None]]


def import_census_file(
    *,
    path: Path,
    area_codes: set[str] | None,
    table: str | None = None,
    actor: Officer | None = None,
) -> ImportSummary:
    """Import one file for the given areas (None: every area in the file). A bulk file whose
    rows are wards of an area (ONS codes E05/W05) becomes that area's ward distribution."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CensusFileError(f"Cannot read {path.name}: {error.strerror}") from error
    if len(raw) > MAX_FILE_BYTES:
        raise CensusFileError(f"{path.name} is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CensusFileError(f"{path.name} is not a UTF-8 CSV file") from error
    parsed = parse_census_csv(text, name=path.name, table=table)
    sha = hashlib.sha256(raw).hexdigest()
    summary = ImportSummary()
    wards = _ward_rows(parsed, area_codes)
    if wards is not None:
        for area_code, counts in wards.items():
            _upsert(summary, parsed, area_code, "", counts, sum(counts.values()), path.name, sha)
            summary.tables.add(f"{parsed.table_code} by ward")
        return _audited(summary, path, actor)
    for code, (_name, counts, total) in parsed.areas.items():
        if area_codes is None or code in area_codes:
            _upsert(summary, parsed, code, parsed.dimension, counts, total, path.name, sha)
            summary.tables.add(parsed.table_code)
    if area_codes is not None and not summary.tables:
        wanted = ", ".join(sorted(area_codes))
        raise CensusFileError(f"{path.name} has no rows for {wanted}")
    return _audited(summary, path, actor)


def import_shipped_census(*, area_codes: set[str] | None) -> ImportSummary:
    """Every Census 2021 extract in data/ons/ for the given areas."""
    total = ImportSummary()
    for name in SHIPPED_FILES:
        summary = import_census_file(path=DATA_DIR / name, area_codes=area_codes)
        total.added += summary.added
        total.updated += summary.updated
        total.unchanged += summary.unchanged
        total.tables |= summary.tables
    return total


def parse_census_csv(text: str, *, name: str, table: str | None = None) -> _Parsed:
    """Recognise the layout by its header and read every area's categories."""
    try:
        return _parse_layout(csv.reader(io.StringIO(text)), name, table)
    except csv.Error as error:  # a field over the csv module's limit, a NUL byte …
        raise CensusFileError(f"{name} cannot be read as a CSV file: {error}") from error


def _parse_layout(reader: Iterator[list[str]], name: str, table: str | None) -> _Parsed:
    header = [cell.strip() for cell in next(reader, [])]
    lowered = [cell.lower() for cell in header]
    if "ltla21_code" in lowered:
        _require(lowered, AGE_SEX_COLUMNS, name)
        return _parse_age_sex(header, reader, name)
    if "ethnicity_white_perc" in lowered:
        _require(lowered, QUIZ_COLUMNS, name)
        return _parse_quiz(header, reader, name)
    if lowered[:3] == list(BULK_KEYS) and len(header) > 3:
        return _parse_bulk(header, reader, name, table)
    raise CensusFileError(
        f"{name} is not an ONS bulk CSV: its first columns must be date, geography and "
        "geography code, then one column per category (or pass one of the shipped extracts)"
    )


def _number(value: str, name: str, line: int) -> float:
    cleaned = value.strip().replace(",", "")
    if not re.fullmatch(r"\d+(\.\d+)?", cleaned):
        raise CensusFileError(f"{name} line {line}: {value[:20]!r} is not a count")
    if len(cleaned) > 30 or float(cleaned) > MAX_COUNT:
        raise CensusFileError(
            f"{name} line {line}: {value[:20]!r} is too large a count (the most is {MAX_COUNT:,})"
        )
    return float(cleaned)


def _clean_label(column: str) -> tuple[str, str]:
    """("Sex", "Female") from "Sex: Female; measures: Value"; nested levels joined by ": "."""
    column = re.sub(r";\s*measures:\s*value\s*$", "", column, flags=re.IGNORECASE)
    parts = [part.strip() for part in column.split(":")]
    return parts[0], ": ".join(part for part in parts[1:] if part)


def _is_total(label: str) -> bool:
    first = label.split(": ")[0].lower()
    return first.startswith(("total", "all persons", "all usual residents"))


def _parse_bulk(
    header: list[str], reader: Iterable[list[str]], name: str, table: str | None
) -> _Parsed:
    columns = [_clean_label(column) for column in header[3:]]
    theme = columns[0][0].lower()
    code, dimension, title = KNOWN_THEMES.get(theme, ("", "", columns[0][0]))
    if table:
        code = table.strip().upper()
        dimension = dimension or re.sub(r"[^a-z0-9]+", "_", theme).strip("_")[:40]
    if not code:
        raise CensusFileError(
            f"{name}: the table {columns[0][0]!r} is not one we recognise: give its ONS code "
            "with --table (for example --table TS038)"
        )
    areas: dict[str, tuple[str, dict[str, float], float | None]] = {}
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        _check_length(row, header, name, line)
        counts: dict[str, float] = {}
        total = None
        for (_, label), value in zip(columns, row[3:], strict=True):
            number = _number(value, name, line)
            if _is_total(label):
                total = number
            else:
                counts[label] = number
        areas[row[2].strip().upper()] = (row[1].strip(), counts, total)
    if not areas:
        raise CensusFileError(f"{name} has a header but no rows")
    return _Parsed(code, dimension, title, "count", "", areas)


AGE_SEX_COLUMNS = ("ltla21_code", "ltla21_name", "sex", "age_band", "count")
QUIZ_COLUMNS = ("code", "name", "ethnicity_white_perc")


def _require(lowered: list[str], columns: tuple[str, ...], name: str) -> None:
    missing = [column for column in columns if column not in lowered]
    if missing:
        raise CensusFileError(f"{name} has no {', '.join(missing)} column in its first line")


def _check_length(row: list[str], header: list[str], name: str, line: int) -> None:
    if len(row) != len(header):
        raise CensusFileError(f"{name} line {line}: {len(row)} columns, expected {len(header)}")


def _parse_age_sex(header: list[str], reader: Iterable[list[str]], name: str) -> _Parsed:
    index = {cell.lower(): position for position, cell in enumerate(header)}
    areas: dict[str, tuple[str, dict[str, float], float | None]] = {}
    for line, row in enumerate(reader, start=2):
        if not row:
            continue
        _check_length(row, header, name, line)
        code = row[index["ltla21_code"]].strip().upper()
        _area, counts, _ = areas.setdefault(code, (row[index["ltla21_name"]], {}, None))
        key = f"{row[index['sex']].strip()}|{row[index['age_band']].strip()}"
        counts[key] = _number(row[index["count"]], name, line)
    areas = {code: (n, counts, sum(counts.values())) for code, (n, counts, _) in areas.items()}
    note = "Usual residents by sex and 11 age bands, reshaped from ONS table TS009."
    return _Parsed("TS009", "age_sex", "Age by sex", "count", note, areas)


def _parse_quiz(header: list[str], reader: Iterable[list[str]], name: str) -> _Parsed:
    index = {cell.lower(): position for position, cell in enumerate(header)}
    wanted = [column for column in index if column.startswith("ethnicity_")]
    areas: dict[str, tuple[str, dict[str, float], float | None]] = {}
    for line, row in enumerate(reader, start=2):
        if not row:
            continue
        _check_length(row, header, name, line)
        counts = {
            column.removeprefix("ethnicity_").removesuffix("_perc").capitalize(): _number(
                row[index[column]], name, line
            )
            for column in wanted
        }
        areas[row[index["code"]].strip().upper()] = (row[index["name"]], counts, 100.0)
    note = "Percentages pre-computed by ONS for its census quiz (ONSvisual/census-quiz)."
    return _Parsed("census-quiz", "ethnic_group", "Broad ethnic group", "percent", note, areas)


def _ward_rows(parsed: _Parsed, area_codes: set[str] | None) -> dict[str, dict[str, float]] | None:
    """When the file's rows are wards (not the areas asked for), each area's wards with their
    total (or the sum of the top-level categories): a "ward" reference for that area."""
    codes = set(parsed.areas)
    if not codes or not all(code[:3] in ("E05", "W05") for code in codes):
        return None
    query = select(Ward.code, Ward.district_code).where(Ward.code.in_(codes))
    if area_codes is not None:
        query = query.where(Ward.district_code.in_(area_codes))
    found: dict[str, dict[str, float]] = {}
    for ward_code, district in db.session.execute(query):
        _name, counts, total = parsed.areas[ward_code]
        top = [value for label, value in counts.items() if ": " not in label]
        found.setdefault(district, {})[ward_code] = total if total is not None else sum(top)
    if not found:
        raise CensusFileError("The file's rows are wards, but none is a ward of this authority")
    return found


def _upsert(
    summary: ImportSummary,
    parsed: _Parsed,
    area_code: str,
    dimension: str,
    counts: dict[str, float],
    total: float | None,
    filename: str,
    sha: str,
) -> None:
    title = f"Census 2021 {parsed.table_code}: {parsed.title}"
    if not dimension:  # each ward's total, whatever the table breaks it down by
        title = f"Census 2021: usual residents by ward (the totals of {parsed.table_code})"
    dimension = dimension or "ward"
    row = db.session.scalars(
        select(ReferenceDistribution).where(
            ReferenceDistribution.scope == area_code,
            ReferenceDistribution.dimension == dimension,
            ReferenceDistribution.table_code == parsed.table_code,
        )
    ).one_or_none()
    values: dict[str, Any] = {
        "area_code": area_code,
        "title": title[:200],
        "unit": parsed.unit,
        "counts": counts,
        "total": total,
        "source": SOURCE,
        "source_file": filename[:255],
        "licence": OGL_ATTRIBUTION,
        "notes": parsed.notes,
    }
    if row is None:
        row = ReferenceDistribution(
            scope=area_code, dimension=dimension, table_code=parsed.table_code
        )
        db.session.add(row)
        summary.added += 1
    elif all(getattr(row, key) == value for key, value in values.items()):
        summary.unchanged += 1
        return
    else:
        summary.updated += 1
    for key, value in values.items():
        setattr(row, key, value)
    row.file_sha256 = sha
    row.imported_at = utc_now()
    db.session.flush()


def _audited(summary: ImportSummary, path: Path, actor: Officer | None) -> ImportSummary:
    if summary.added or summary.updated:
        record_event(
            actor=actor,
            action="reference.census_imported",
            object_type="reference_distribution",
            summary=f"Imported census figures from {path.name}: {summary.describe()}",
            detail={"file": path.name, "added": summary.added, "updated": summary.updated},
        )
    return summary
