"""`flask involve send-emails`: tell subscribers about consultations that have just opened (see
involve.services.consultation_announcements), then send the e-mails still waiting, such as those
whose sending job was lost when the server restarted. Meant to run every few minutes from cron
or a systemd timer (see README.md, "E-mail"); safe to run while a sending job runs, as each
message is claimed."""

from __future__ import annotations

import click

from involve.cli import involve_cli
from involve.extensions import db
from involve.services.consultation_announcements import announce_opened_consultations
from involve.services.email_sending import send_waiting


class _CommandRunner:
    """Sending's checkpoints commit at once (so a claim is seen by other senders); the command
    line has no progress page to tell."""

    def checkpoint(self) -> None:
        db.session.commit()

    def progress(self, percent: int, stage: str) -> None:
        pass


@involve_cli.command("send-emails")
@click.option(
    "--wait/--no-wait",
    default=False,
    help="Wait for retries due within 15 minutes (default: send what is due now and stop).",
)
def send_emails_command(wait: bool) -> None:
    """Announce consultations that have opened, then send every queued email that is due
    (safe to run again)."""
    announced = announce_opened_consultations()
    db.session.commit()
    if announced:
        plural = "s" if announced != 1 else ""
        click.echo(f"Told subscribers about {announced} consultation{plural} that opened")
    totals = send_waiting(_CommandRunner(), wait=wait)
    db.session.commit()
    click.echo(
        f"Sent {totals['sent']}, not sent {totals['failed']}, "
        f"to try again {totals['retrying']}; {totals['waiting']} still waiting"
    )
