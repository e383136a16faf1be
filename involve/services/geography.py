"""Wards and postcodes: import the ONS lookup files and turn a postcode into its ward.

The loaders take an iterable of dict rows (what csv.DictReader yields), so they can be tested
without files; the `flask involve import-wards | import-postcodes` commands open the files.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from sqlalchemy import insert, select, update

from involve.extensions import db
from involve.models import PostcodeLookup, Ward
from involve.questionnaire.postcodes import compact_postcode
from involve.services.errors import DomainError

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
WARD_LOOKUP_FILE = DATA_DIR / "ons" / "ward19_to_lad19_england.csv"
DEMO_POSTCODES_FILE = DATA_DIR / "demo" / "stroud_demo_postcodes.csv"
POSTCODE_BATCH_SIZE = 10_000


class UnrecognisedColumns(DomainError):
    pass


@dataclass(frozen=True)
class WardColumns:
    code: str
    name: str
    district_code: str
    district_name: str


@dataclass(frozen=True)
class PostcodeColumns:
    postcode: str
    ward_code: str
    district_code: str
    terminated: str | None


@dataclass(frozen=True)
class ImportCounts:
    added: int = 0
    updated: int = 0
    skipped: int = 0


def _find(fieldnames: Sequence[str], patterns: Sequence[str]) -> str | None:
    """The first column (by pattern order) whose name matches, ignoring case and spaces."""
    cleaned = {name.strip().lstrip("\ufeff").lower(): name for name in fieldnames}
    for pattern in patterns:
        for lowered, original in cleaned.items():
            if re.fullmatch(pattern, lowered):
                return original
    return None


def detect_ward_columns(fieldnames: Sequence[str]) -> WardColumns:
    """Find WDxxCD, WDxxNM, LADxxCD, LADxxNM for any year xx, or say what is missing."""
    wanted = {
        "code": ("WDxxCD", r"wd\d{2}cd"),
        "name": ("WDxxNM", r"wd\d{2}nm"),
        "district_code": ("LADxxCD", r"lad\d{2}cd"),
        "district_name": ("LADxxNM", r"lad\d{2}nm"),
    }
    found = {key: _find(fieldnames, [pattern]) for key, (_, pattern) in wanted.items()}
    missing = [label for key, (label, _) in wanted.items() if found[key] is None]
    if missing:
        raise UnrecognisedColumns(
            "This is not an ONS ward to local authority lookup: no "
            + ", ".join(missing)
            + " column (found: "
            + ", ".join(fieldnames)
            + ")"
        )
    return WardColumns(**found)  # type: ignore[arg-type]


def detect_postcode_columns(fieldnames: Sequence[str]) -> PostcodeColumns:
    """Find the postcode, ward and district columns of an ONSPD or NSPL file."""
    postcode = _find(fieldnames, [r"pcds", r"pcd", r"pcd2", r"pcd7", r"pcd8"])
    ward = _find(fieldnames, [r"osward", r"ward", r"wd\d{2}cd"])
    district = _find(fieldnames, [r"laua", r"oslaua", r"lad\d{2}cd"])
    missing = [
        label
        for label, column in (
            ("postcode (pcds or pcd)", postcode),
            ("ward (osward or wdxxcd)", ward),
            ("district (laua or ladxxcd)", district),
        )
        if column is None
    ]
    if missing:
        raise UnrecognisedColumns(
            "This is not an ONS postcode directory: no "
            + ", ".join(missing)
            + " column (found: "
            + ", ".join(fieldnames)
            + ")"
        )
    terminated = _find(fieldnames, [r"doterm"])
    return PostcodeColumns(postcode, ward, district, terminated)  # type: ignore[arg-type]


def _cell(row: Mapping[str, str | None], column: str) -> str:
    return (row.get(column) or "").strip()


def import_wards(
    *,
    rows: Iterable[Mapping[str, str | None]],
    columns: WardColumns,
    district_code: str | None,
    source: str,
) -> ImportCounts:
    """Add or update wards (by code); only one district's unless district_code is None."""
    existing = {ward.code: ward for ward in db.session.scalars(select(Ward))}
    added = updated = skipped = 0
    for row in rows:
        code = _cell(row, columns.code).upper()
        lad = _cell(row, columns.district_code).upper()
        if not code or (district_code is not None and lad != district_code):
            skipped += 1
            continue
        values = {
            "name": _cell(row, columns.name),
            "district_code": lad,
            "district_name": _cell(row, columns.district_name),
            "source": source,
        }
        ward = existing.get(code)
        if ward is None:
            ward = Ward(code=code, **values)
            db.session.add(ward)
            existing[code] = ward
            added += 1
        elif any(getattr(ward, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(ward, key, value)
            updated += 1
    db.session.flush()
    return ImportCounts(added, updated, skipped)


def postcode_rows(
    rows: Iterable[Mapping[str, str | None]], columns: PostcodeColumns, district_code: str | None
) -> Iterator[dict[str, str]]:
    """The live postcodes of a directory as lookup rows, optionally one district's only."""
    for row in rows:
        if columns.terminated and _cell(row, columns.terminated):
            continue
        lad = _cell(row, columns.district_code).upper()
        ward = _cell(row, columns.ward_code).upper()
        postcode = compact_postcode(_cell(row, columns.postcode))
        if not postcode or not ward or len(postcode) > 8:
            continue
        if district_code is not None and lad != district_code:
            continue
        yield {"postcode": postcode, "ward_code": ward, "district_code": lad}


def import_postcodes(
    *,
    rows: Iterable[Mapping[str, str | None]],
    columns: PostcodeColumns,
    district_code: str | None,
    source: str,
    batch_size: int = POSTCODE_BATCH_SIZE,
) -> ImportCounts:
    """Insert new postcodes and update moved ones, batch_size rows per executemany."""
    added = updated = skipped = 0
    lookups = postcode_rows(rows, columns, district_code)
    while batch := list(islice(lookups, batch_size)):
        by_postcode = {row["postcode"]: {**row, "source": source} for row in batch}
        current = {
            lookup.postcode: (lookup.ward_code, lookup.district_code)
            for lookup in db.session.execute(
                select(
                    PostcodeLookup.postcode, PostcodeLookup.ward_code, PostcodeLookup.district_code
                ).where(PostcodeLookup.postcode.in_(list(by_postcode)))
            )
        }
        new = [row for key, row in by_postcode.items() if key not in current]
        moved = [
            row
            for key, row in by_postcode.items()
            if key in current and current[key] != (row["ward_code"], row["district_code"])
        ]
        if new:
            db.session.execute(insert(PostcodeLookup), new)
        if moved:
            db.session.execute(update(PostcodeLookup), moved)
        added, updated = added + len(new), updated + len(moved)
        skipped += len(by_postcode) - len(new) - len(moved)
    db.session.flush()
    return ImportCounts(added, updated, skipped)


class UnreadableFile(DomainError):
    pass


def import_ward_file(*, path: Path, district_code: str | None) -> ImportCounts:
    """Import an ONS ward to local authority lookup CSV (any year's column names)."""
    with _open_csv(path) as (fieldnames, rows):
        columns = detect_ward_columns(fieldnames)
        return import_wards(
            rows=rows, columns=columns, district_code=district_code, source=path.name
        )


def import_postcode_file(
    *, path: Path, district_code: str | None, batch_size: int = POSTCODE_BATCH_SIZE
) -> ImportCounts:
    """Import an ONSPD or NSPL CSV, streaming it so the 1 GB file never sits in memory."""
    with _open_csv(path) as (fieldnames, rows):
        columns = detect_postcode_columns(fieldnames)
        return import_postcodes(
            rows=rows,
            columns=columns,
            district_code=district_code,
            source=path.name,
            batch_size=batch_size,
        )


@contextmanager
def _open_csv(path: Path) -> Iterator[tuple[list[str], Iterator[dict[str, str | None]]]]:
    if not path.is_file():
        raise UnreadableFile(f"There is no file at {path}")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            fieldnames = list(reader.fieldnames or [])
            if not fieldnames:
                raise UnreadableFile(f"{path.name} is empty")
            yield fieldnames, reader
    except UnicodeDecodeError as error:
        raise UnreadableFile(f"{path.name} is not a UTF-8 CSV file") from error
    except csv.Error as error:
        raise UnreadableFile(f"{path.name} is not a readable CSV file: {error}") from error


def ward_for_postcode(postcode: str) -> Ward | None:
    """The ward a postcode lies in, when both the postcode and the ward have been imported."""
    key = compact_postcode(postcode or "")
    if not key:
        return None
    return db.session.scalar(
        select(Ward)
        .join(PostcodeLookup, PostcodeLookup.ward_code == Ward.code)
        .where(PostcodeLookup.postcode == key)
    )


def list_wards(district_code: str) -> Sequence[Ward]:
    """A district's wards in name order."""
    return db.session.scalars(
        select(Ward).where(Ward.district_code == district_code.upper()).order_by(Ward.name)
    ).all()


def ward_names(codes: Iterable[str]) -> dict[str, str]:
    """Ward code -> name for the codes given, in one query (unknown codes are left out)."""
    wanted = {code for code in codes if code}
    if not wanted:
        return {}
    rows = db.session.execute(select(Ward.code, Ward.name).where(Ward.code.in_(wanted)))
    return {code: name for code, name in rows}
