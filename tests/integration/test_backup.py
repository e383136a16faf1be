"""`flask involve backup` copies the SQLite database while it is being written, and the copy is
one consistent snapshot: a writer commits rows in batches of BATCH, each batch in one
transaction, so any copy holding a part of a batch was torn mid-transaction."""

from __future__ import annotations

import contextvars
import multiprocessing
import sqlite3
import time
from pathlib import Path

import pytest

from involve import create_app
from involve.backup import BackupError, backup_sqlite, sqlite_path
from involve.config import TestConfig

BATCH = 7


def _write_batches(path: str, stop_after_seconds: float) -> None:
    connection = sqlite3.connect(path, timeout=30)
    connection.execute("PRAGMA journal_mode=WAL")
    deadline = time.monotonic() + stop_after_seconds
    batch = 0
    while time.monotonic() < deadline:
        with connection:  # one transaction per batch
            connection.executemany(
                "INSERT INTO response (batch, body) VALUES (?, ?)",
                [(batch, "x" * 500) for _ in range(BATCH)],
            )
        batch += 1
    connection.close()


@pytest.fixture
def live_database(tmp_path: Path) -> Path:
    path = tmp_path / "live.db"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE response (id INTEGER PRIMARY KEY, batch INT, body TEXT)")
    connection.executemany(
        "INSERT INTO response (batch, body) VALUES (-1, ?)", [("seed",)] * BATCH * 100
    )
    connection.commit()
    connection.close()
    return path


def test_copies_taken_during_writes_hold_only_whole_transactions(live_database, tmp_path):
    writer = multiprocessing.get_context("spawn").Process(
        target=_write_batches, args=(str(live_database), 3.0)
    )
    writer.start()
    try:
        time.sleep(0.3)  # let the writer get going
        rows_seen = []
        for number in range(5):
            result = backup_sqlite(
                live_database, tmp_path / f"copy-{number}.db", counted_tables=("response",)
            )
            rows_seen.append(result.table_rows["response"])
            copy = sqlite3.connect(result.path)
            per_batch = copy.execute(
                "SELECT batch, count(*) FROM response WHERE batch >= 0 GROUP BY batch "
                "HAVING count(*) != ?",
                (BATCH,),
            ).fetchall()
            assert per_batch == [], f"copy {number} holds part of a transaction: {per_batch}"
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
            copy.close()
            time.sleep(0.2)
    finally:
        writer.join(timeout=30)
    assert writer.exitcode == 0
    assert rows_seen == sorted(rows_seen) and rows_seen[-1] > rows_seen[0], rows_seen
    assert not list(tmp_path.glob("*.partial"))


def test_refuses_to_overwrite_or_to_copy_nothing(live_database, tmp_path):
    existing = tmp_path / "exists.db"
    existing.write_bytes(b"keep me")
    with pytest.raises(BackupError, match="already exists"):
        backup_sqlite(live_database, existing)
    assert existing.read_bytes() == b"keep me"
    with pytest.raises(BackupError, match="no database"):
        backup_sqlite(tmp_path / "missing.db", tmp_path / "out.db")


def test_sqlite_path_tells_files_from_other_databases():
    assert sqlite_path("sqlite:////srv/involve/instance/involve.db") == Path(
        "/srv/involve/instance/involve.db"
    )
    assert sqlite_path("sqlite://") is None
    assert sqlite_path("postgresql+psycopg://localhost/involve") is None


def _invoke(app, args: list[str]):  # type: ignore[no-untyped-def]
    """Run a CLI command against `app`, not the suite's app whose context the fixtures hold
    (Flask's CLI reuses whatever app context is current)."""

    return contextvars.Context().run(app.test_cli_runner().invoke, args=args)


def test_the_command_backs_up_the_app_database(tmp_path):
    app = create_app(TestConfig(f"sqlite:///{tmp_path / 'app.db'}"))
    with app.app_context():
        from involve.extensions import db

        db.create_all()
    result = _invoke(app, ["involve", "backup", str(tmp_path / "backup.db")])
    assert result.exit_code == 0, result.output
    assert "Integrity check: ok" in result.output
    assert "response: 0 rows" in result.output
    copy = sqlite3.connect(tmp_path / "backup.db")
    assert copy.execute("SELECT count(*) FROM officer").fetchone() == (0,)
    copy.close()


def test_the_command_points_postgresql_users_to_pg_dump():
    app = create_app(TestConfig("postgresql+psycopg://nobody@127.0.0.1:1/never-connected"))
    result = _invoke(app, ["involve", "backup"])
    assert result.exit_code != 0
    assert "pg_dump" in result.output
