"""`flask involve reset-two-factor`: when an administrator has lost their authenticator app and no
other administrator can reset it from the officers page."""

from __future__ import annotations

import click

from involve.cli import involve_cli
from involve.extensions import db
from involve.services import officers, totp
from involve.services.errors import DomainError


@involve_cli.command("reset-two-factor")
@click.option("--email", prompt=True, help="The officer's email address.")
def reset_two_factor_command(email: str) -> None:
    """Remove an officer's authenticator app; an administrator sets up a new one at sign-in."""
    officer = officers.get_officer_by_email(email)
    if officer is None:
        raise click.ClickException(f"No officer has the email address {email}")
    try:
        totp.reset(actor=None, officer=officer)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(
        f"Two-factor authentication reset for {officer.email}: "
        + (
            "they will set up a new authenticator app when they next sign in"
            if totp.must_set_up(officer)
            else "they sign in with their password alone until they set it up again"
        )
    )
