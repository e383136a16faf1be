"""`flask involve seed-demo`, `create-officer` and `set-password`."""

import re

from sqlalchemy import func, select

from involve.extensions import db
from involve.models import AuthoritySettings, Officer, PartnerOrganisation, Role, Service
from involve.services import officers
from tests.factories import OfficerFactory


def _counts() -> tuple[int, ...]:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (AuthoritySettings, Officer, Service, PartnerOrganisation)
    )


def test_seed_demo_creates_one_officer_per_role_and_is_idempotent(app, monkeypatch):
    monkeypatch.delenv("INVOLVE_DEMO_PASSWORD", raising=False)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["involve", "seed-demo"])
    assert first.exit_code == 0, first.output
    password = re.search(r"Their password \(shown once, keep it\): (\S+)", first.output).group(1)
    admin = officers.authenticate(email="admin@example.gov.uk", password=password)
    assert admin is not None and admin.role == Role.ADMIN
    roles = set(db.session.scalars(select(Officer.role)))
    assert roles == set(Role)
    settings = db.session.scalars(select(AuthoritySettings)).one()
    assert (settings.name, settings.ons_code) == ("Stroud District Council", "E07000082")
    counts = _counts()

    second = runner.invoke(args=["involve", "seed-demo"])
    assert second.exit_code == 0, second.output
    assert "already exist" in second.output
    assert password not in second.output
    assert _counts() == counts
    assert officers.authenticate(email="admin@example.gov.uk", password=password) is not None


def test_seed_demo_uses_the_password_from_the_environment(app, monkeypatch):
    monkeypatch.setenv("INVOLVE_DEMO_PASSWORD", "a demo passphrase")
    result = app.test_cli_runner().invoke(args=["involve", "seed-demo"])
    assert result.exit_code == 0, result.output
    assert "a demo passphrase" not in result.output
    assert officers.authenticate(email="auditor@example.gov.uk", password="a demo passphrase")


def test_seed_demo_refuses_a_short_environment_password(app, monkeypatch):
    monkeypatch.setenv("INVOLVE_DEMO_PASSWORD", "short")
    result = app.test_cli_runner().invoke(args=["involve", "seed-demo"])
    assert result.exit_code != 0
    assert "at least 12 characters" in result.output


def test_seed_demo_is_refused_under_production_config(app, monkeypatch):
    monkeypatch.setitem(app.config, "ENV_NAME", "production")
    result = app.test_cli_runner().invoke(args=["involve", "seed-demo"])
    assert result.exit_code != 0
    assert "refuses to run with production configuration" in result.output
    assert _counts()[1] == 0


def test_create_officer_command(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["involve", "create-officer", "--email", "Chief@Example.gov.uk", "--name", "Chief"],
        input="a long enough passphrase\na long enough passphrase\n",
    )
    assert result.exit_code == 0, result.output
    officer = officers.get_officer_by_email("chief@example.gov.uk")
    assert officer.role == Role.ADMIN
    again = runner.invoke(
        args=["involve", "create-officer", "--email", "chief@example.gov.uk", "--name", "Chief"],
        input="a long enough passphrase\na long enough passphrase\n",
    )
    assert again.exit_code != 0
    assert "already exists" in again.output


def test_create_officer_refuses_a_short_password(app):
    result = app.test_cli_runner().invoke(
        args=[
            "involve",
            "create-officer",
            "--email",
            "x@example.gov.uk",
            "--name",
            "X",
            "--password",
            "short",
        ]
    )
    assert result.exit_code != 0
    assert officers.get_officer_by_email("x@example.gov.uk") is None


def test_set_password_unlocks_and_resets(app):
    from involve.models.base import utc_now

    officer = OfficerFactory(locked_until=utc_now(), failed_sign_in_count=3)
    result = app.test_cli_runner().invoke(
        args=[
            "involve",
            "set-password",
            "--email",
            officer.email,
            "--password",
            "new passphrase 42",
        ]
    )
    assert result.exit_code == 0, result.output
    assert officer.locked_until is None
    assert officers.authenticate(email=officer.email, password="new passphrase 42") is not None
