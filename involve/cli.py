"""Command-line tasks: `flask involve seed-demo | create-officer | set-password | import-census`."""

from __future__ import annotations

import os

import click
from flask import current_app
from flask.cli import AppGroup

from involve.extensions import db
from involve.models import Role
from involve.services import officers
from involve.services.errors import DomainError
from involve.services.password_policy import generate_password
from involve.services.passwords import MIN_PASSWORD_LENGTH

involve_cli = AppGroup("involve", help="involve's own commands.")


@involve_cli.command("seed-demo")
def seed_demo_command() -> None:
    """Create the demo authority and one officer per role (safe to run again)."""
    from involve.demo import seed_demo

    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("seed-demo refuses to run with production configuration")
    password = os.environ.get("INVOLVE_DEMO_PASSWORD") or None
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise click.ClickException(
            f"INVOLVE_DEMO_PASSWORD must be at least {MIN_PASSWORD_LENGTH} characters"
        )
    try:
        report = seed_demo(password=password)
    except DomainError as error:  # INVOLVE_DEMO_PASSWORD on the list of common passwords
        raise click.ClickException(f"INVOLVE_DEMO_PASSWORD: {error}") from error
    db.session.commit()
    for line in report.lines:
        click.echo(line)


@involve_cli.command("create-officer")
@click.option("--email", prompt=True, help="The officer's work email address.")
@click.option("--name", "full_name", prompt="Full name", help="The officer's full name.")
@click.option(
    "--role",
    type=click.Choice([role.value for role in Role]),
    default=Role.ADMIN.value,
    show_default=True,
)
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="At least 12 characters; prompted for, hidden, when not given.",
)
def create_officer_command(email: str, full_name: str, role: str, password: str) -> None:
    """Add an officer account (the first administrator on a new deployment)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.ClickException(
            f"The password must be at least {MIN_PASSWORD_LENGTH} characters"
        )
    try:
        officer = officers.create_officer(
            actor=None, email=email, full_name=full_name, role=Role(role), password=password
        )
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Added {officer.full_name} <{officer.email}> as {officer.role.label}")


@involve_cli.command("set-password")
@click.option("--email", prompt=True)
@click.option("--password", default=None, help="Generated and printed when not given.")
def set_password_command(email: str, password: str | None) -> None:
    """Set an officer's password and unlock the account (for a forgotten password)."""
    officer = officers.get_officer_by_email(email)
    if officer is None:
        raise click.ClickException(f"No officer has the email address {email}")
    password = password or generate_password(people=[(officer.email, officer.full_name)])
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.ClickException(
            f"The password must be at least {MIN_PASSWORD_LENGTH} characters"
        )
    try:
        officers.set_password(actor=None, officer=officer, new_password=password)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Password set for {officer.email}: {password}")


from involve import (  # noqa: E402, F401
    cli_auth,
    cli_backup,
    cli_census,
    cli_email,
    cli_geography,
    cli_privacy,
)
