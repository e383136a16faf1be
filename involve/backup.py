"""A consistent copy of the embedded SQLite database, taken while the app keeps writing to it.

SQLite's online backup API copies the database page by page through an ordinary read
transaction. Copying every page in one step (pages=-1) means the copy is one snapshot: in WAL
mode writers carry on meanwhile and none of their later commits is half in the copy. The copy is
written beside its destination and renamed into place only after `PRAGMA integrity_check`
passes, so a crash mid-backup never leaves a file that looks like a backup and is not.

PostgreSQL is backed up with its own tools (pg_dump or continuous archiving; see README.md,
"Backups"), which know far more about consistency than this module could.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path


class BackupError(Exception):
    """The backup could not be made; the message says why in plain words."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    table_rows: dict[str, int]


def sqlite_path(database_url: str) -> Path | None:
    """The file behind a sqlite URL, or None for other databases and in-memory SQLite."""
    if not database_url.startswith("sqlite"):
        return None
    _, _, rest = database_url.partition(":///")
    path = rest.split("?", 1)[0]
    if not path or path == ":memory:":
        return None
    return Path(path)


def backup_sqlite(
    source: Path, destination: Path, *, counted_tables: tuple[str, ...] = ()
) -> BackupResult:
    """Copy `source` to `destination` as one consistent snapshot and check the copy."""
    if not source.is_file():
        raise BackupError(f"There is no database at {source}")
    if destination.exists():
        raise BackupError(f"{destination} already exists: choose another name")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    # mode=ro: the backup must never write to the live database, not even by accident.
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    writer = sqlite3.connect(partial)
    try:
        reader.backup(writer, pages=-1)
        writer.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        problems = [row[0] for row in writer.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise BackupError("The copy failed its integrity check: " + "; ".join(problems[:5]))
        counts = {
            table: writer.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in counted_tables
            if _has_table(writer, table)
        }
    except sqlite3.Error as error:
        raise BackupError(f"The backup failed: {error}") from error
    finally:
        writer.close()
        reader.close()
    if not partial.exists():
        raise BackupError("The backup failed: the copy disappeared")
    os.replace(partial, destination)
    return BackupResult(destination, destination.stat().st_size, counts)


def _has_table(connection: sqlite3.Connection, table: str) -> bool:
    row = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    return row is not None
