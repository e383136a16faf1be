"""Fixtures: an app whose schema is built by running the migrations, each test in a transaction
that is rolled back (SQLAlchemy's savepoint recipe), and clients that read pages like people."""

from __future__ import annotations

import contextvars
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.globals import _cv_app, _cv_request
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from involve import create_app
from involve.config import TestConfig
from involve.extensions import db
from tests.pages import PageClient
from tests.rolled_back import rolled_back_session


def _database_url(tmp_dir: Path) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_dir / 'test.db'}"


def _reset_postgresql_schema() -> None:
    with db.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))


class IsolatedClient(FlaskClient):
    """Runs each request in its own app context, as a real server does.

    Tests hold an app context (to use factories and db.session); without this, requests would
    reuse it and share `g` and the ORM identity map, so one request's signed-in officer could
    leak into the next. After each request the test's own session forgets what it had loaded,
    so assertions read what the request wrote.
    """

    def open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        def in_fresh_context():  # type: ignore[no-untyped-def]
            _cv_app.set(None)  # type: ignore[arg-type]
            _cv_request.set(None)  # type: ignore[arg-type]
            return FlaskClient.open(self, *args, **kwargs)

        response = contextvars.copy_context().run(in_fresh_context)
        db.session.expire_all()
        return response


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    tmp_dir = tmp_path_factory.mktemp("instance")
    os.environ["INVOLVE_INSTANCE_DIR"] = str(tmp_dir)
    app = create_app(TestConfig(database_url=_database_url(tmp_dir)))
    app.test_client_class = IsolatedClient
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            _reset_postgresql_schema()
        upgrade()
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def fresh_abuse_limits(app: Flask) -> None:
    """Every test starts with no attempts counted (the limits count in memory in tests)."""
    from involve.extensions import limiter

    with app.app_context():
        limiter.reset()


@pytest.fixture(autouse=True)
def db_session(request: pytest.FixtureRequest) -> Iterator[object]:
    """Run the test inside one outer transaction; commits in the app become savepoints.

    Browser tests talk to a separate server process with its own database, and `own_database`
    tests (background workers that must see committed rows) build their own, so they skip this.
    """
    if request.node.get_closest_marker("browser") or request.node.get_closest_marker(
        "own_database"
    ):
        yield None
        return
    with rolled_back_session(request.getfixturevalue("app")):
        yield db.session


@pytest.fixture
def client(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.fixture
def pages(app: Flask, client) -> PageClient:  # type: ignore[no-untyped-def]
    """An anonymous visitor's browser: every page it gets is checked for basic soundness."""
    return PageClient(app, client)


@pytest.fixture
def sign_in_as(app: Flask, pages: PageClient):  # type: ignore[no-untyped-def]
    """sign_in_as(role) -> the officer, signed in through the real sign-in form."""
    from involve.models import Role
    from tests.factories import DEFAULT_PASSWORD, OfficerFactory
    from tests.second_factor import code_for, enrol_authenticator

    def _sign_in(role: str = "admin", **overrides):  # type: ignore[no-untyped-def]
        officer = OfficerFactory(role=Role(role), **overrides)
        # Administrators must use an authenticator app: theirs makes the second step's code.
        secret = enrol_authenticator(officer) if officer.role == Role.ADMIN else None
        pages.post(
            "/sign-in",
            {"email": officer.email, "password": DEFAULT_PASSWORD},
            expected_status=302,
        )
        if secret is not None:
            pages.post("/sign-in/code", {"code": code_for(secret)}, expected_status=302)
        return officer

    return _sign_in
