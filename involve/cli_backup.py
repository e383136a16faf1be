"""`flask involve backup`: a consistent copy of the SQLite database while the app is running."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from involve.backup import BackupError, backup_sqlite, sqlite_path
from involve.cli import involve_cli
from involve.models.base import utc_now

# Counted in the copy and printed, so whoever runs it sees at once that the responses are there.
COUNTED_TABLES = ("consultation", "response", "answer", "activity", "officer")


@involve_cli.command("backup")
@click.argument("destination", required=False, type=click.Path(dir_okay=False, path_type=Path))
def backup_command(destination: Path | None) -> None:
    """Copy the SQLite database to DESTINATION (default: instance/backups/involve-<time>.db).

    Safe while the app is serving: the copy is one consistent snapshot, checked before it is
    kept. Uploaded documents live in instance/uploads/: copy that folder too.
    """
    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    source = sqlite_path(url)
    if source is None:
        raise click.ClickException(
            "This command backs up the embedded SQLite database. For PostgreSQL use pg_dump "
            '(for example: pg_dump --format=custom --file=involve.dump "$DATABASE_URL"); '
            "see README.md, Backups."
        )
    if destination is None:
        stamp = utc_now().strftime("%Y%m%dT%H%M%SZ")
        destination = Path(current_app.instance_path) / "backups" / f"involve-{stamp}.db"
    try:
        result = backup_sqlite(source, destination, counted_tables=COUNTED_TABLES)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backed up {source} to {result.path} ({result.size_bytes:,} bytes)")
    click.echo("Integrity check: ok")
    for table, rows in result.table_rows.items():
        click.echo(f"  {table}: {rows:,} rows")
