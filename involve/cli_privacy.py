"""`flask involve apply-retention`: remove personal data from consultations past their retention
period. Meant to run daily from cron or a systemd timer (see README.md, "Retention")."""

from __future__ import annotations

from datetime import datetime, time

import click

from involve.cli import involve_cli
from involve.extensions import db
from involve.models.base import utc_now
from involve.services.retention import apply_retention
from involve.services.retention_reports import RetentionReport
from involve.templating import UK, format_datetime


@involve_cli.command("apply-retention")
@click.option(
    "--as-of",
    "as_of_day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Remove what is due by the end of this day, YYYY-MM-DD (default: now).",
)
@click.option("--dry-run", is_flag=True, help="Say what would be removed; change nothing.")
def apply_retention_command(as_of_day: datetime | None, dry_run: bool) -> None:
    """Anonymise responses to consultations whose retention period has ended (safe to rerun)."""
    as_of = (
        datetime.combine(as_of_day.date(), time(23, 59, 59), tzinfo=UK)
        if as_of_day is not None
        else utc_now()
    )
    heading = f"Retention as of {format_datetime(as_of)}"
    click.echo(heading + (" (dry run: nothing is changed)" if dry_run else ""))

    def done(report: RetentionReport) -> None:
        if not dry_run:
            db.session.commit()  # each consultation stands on its own if a later one fails
        _echo(report)

    reports = apply_retention(as_of=as_of, dry_run=dry_run, after_each=done)
    if dry_run:
        db.session.rollback()
    if not reports:
        click.echo("Nothing is due: no consultation holds personal data past its retention period.")


def _echo(report: RetentionReport) -> None:
    closed = format_datetime(report.closed_at, with_time=False)
    due = format_datetime(report.due_at, with_time=False)
    click.echo(f"{report.title} (closed {closed}, due for removal {due}):")
    for line in report.lines():
        click.echo(f"  - {line}")
